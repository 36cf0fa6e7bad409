package io.taskport.file;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file being written. Nothing is visible until {@link #commit()}; closing a draft that was not
 * committed discards what was written. Not thread-safe: one writer at a time.
 */
public interface FileDraft extends AutoCloseable {
  /** Returns the stream to write the content to. Closing it does not commit. */
  OutputStream stream();

  /**
   * Publishes the content atomically under a new key: readers see the whole file or nothing.
   *
   * @throws IOException if the file could not be published
   * @throws IllegalStateException if the draft was already committed or closed
   */
  FileRef commit() throws IOException;

  /** Discards the content unless it was committed. Never throws. */
  @Override
  void close();
}
