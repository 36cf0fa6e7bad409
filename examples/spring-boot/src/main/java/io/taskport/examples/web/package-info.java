/** The Taskport demo: a host of the starter, with its security; the handlers are in {@code accounts}. */
@NullMarked
package io.taskport.examples.web;

import org.jspecify.annotations.NullMarked;
