/** What applications implement: export and import handlers, and the contexts they run in. */
@NullMarked
package io.taskport.handler;

import org.jspecify.annotations.NullMarked;
