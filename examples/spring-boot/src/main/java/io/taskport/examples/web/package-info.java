/** The demo's web layer: REST and SSE API, signed downloads, security and the task-center page. */
@NullMarked
package io.taskport.examples.web;

import org.jspecify.annotations.NullMarked;
