package io.taskport.jdbc;

import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import java.io.IOException;
import java.io.OutputStream;

/** A file being written to the database; see {@link JdbcFileStore}. Not thread-safe. */
final class JdbcFileDraft implements FileDraft {
  private enum State {
    OPEN,
    COMMITTED,
    CLOSED
  }

  private final JdbcFileStore store;
  private final FileRef draft;
  private final ChunkOutputStream out;
  private State state = State.OPEN;

  JdbcFileDraft(JdbcFileStore store, FileRef draft, ChunkOutputStream out) {
    this.store = store;
    this.draft = draft;
    this.out = out;
  }

  @Override
  public OutputStream stream() {
    return out;
  }

  @Override
  public FileRef commit() throws IOException {
    if (state != State.OPEN) {
      throw new IllegalStateException("file " + draft.key() + " is already " + state);
    }
    long size = out.publish();
    state = State.COMMITTED;
    return new FileRef(draft.key(), draft.fileName(), size, draft.contentType());
  }

  @Override
  public void close() {
    if (state != State.OPEN) {
      return;
    }
    state = State.CLOSED;
    out.close();
    try {
      store.deleteKey(draft.key());
    } catch (IOException | RuntimeException e) {
      // never throws; a draft left behind is removed with its task's files (deleteAll)
    }
  }
}
