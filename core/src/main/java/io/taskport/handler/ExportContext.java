package io.taskport.handler;

/**
 * What a running export handler knows about its task.
 *
 * @param <P> the params type
 */
public interface ExportContext<P> extends TaskContext<P> {
  /** Returns the file format the export writes, such as {@code xlsx}. */
  String format();
}
