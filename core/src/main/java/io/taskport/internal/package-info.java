/** Taskport's engine. Not API: anything here may change without notice. */
package io.taskport.internal;
