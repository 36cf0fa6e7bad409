package io.taskport;

/** A registered listener; closing it stops the events. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Stops delivering events to the listener. */
  @Override
  void close();
}
