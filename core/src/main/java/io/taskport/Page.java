package io.taskport;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, newest first.
 *
 * @param items the items of this page
 * @param next the cursor of the next page, or {@code null} on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable Cursor next) {
  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** Returns whether another page follows. */
  public boolean hasNext() {
    return next != null;
  }

  /**
   * A keyset position in a listing ordered by creation time, then id, both descending.
   *
   * @param createdAt the creation time of the last item of the previous page
   * @param id the id of that item
   */
  public record Cursor(Instant createdAt, TaskId id) {
    /** Checks that both parts are present. */
    public Cursor {
      requireNonNull(createdAt, "createdAt");
      requireNonNull(id, "id");
    }

    /** Returns the cursor positioned after the given task. */
    public static Cursor after(Task task) {
      return new Cursor(task.createdAt(), task.id());
    }

    /** Returns the cursor as an opaque string for a URL. */
    public String encode() {
      return createdAt.toEpochMilli() + "." + id.value();
    }

    /**
     * Parses a cursor made by {@link #encode()}.
     *
     * @throws IllegalArgumentException if the text is not such a cursor
     */
    public static Cursor decode(String text) {
      int dot = text.indexOf('.');
      if (dot <= 0) {
        throw new IllegalArgumentException("not a page cursor: '" + text + "'");
      }
      try {
        long millis = Long.parseLong(text.substring(0, dot));
        return new Cursor(Instant.ofEpochMilli(millis), TaskId.of(text.substring(dot + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a page cursor: '" + text + "'", e);
      }
    }

    /** Returns whether a task created at {@code at} with id {@code other} comes after this. */
    public boolean precedes(Instant at, TaskId other) {
      int c = at.compareTo(createdAt);
      return c < 0 || (c == 0 && other.compareTo(id) < 0);
    }
  }
}
