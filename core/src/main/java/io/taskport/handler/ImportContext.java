package io.taskport.handler;

/**
 * What a running import handler knows about its task.
 *
 * @param <P> the params type
 */
public interface ImportContext<P> extends TaskContext<P> {
  /**
   * Returns how many data rows earlier attempts of this task already handed to {@code accept}
   * and saw accepted. A retried import skips them, so no batch is loaded twice; the count is
   * saved after each accepted batch.
   */
  long acceptedRows();

  /** Returns the name of the uploaded file, as the user gave it. */
  String fileName();
}
