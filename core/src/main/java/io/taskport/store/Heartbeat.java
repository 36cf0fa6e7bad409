package io.taskport.store;

/** The answer to {@link TaskStore#heartbeat}. */
public enum Heartbeat {
  /** The lease was renewed. */
  ALIVE,
  /** The lease was renewed and a cancel has been requested: the handler should stop. */
  CANCEL_REQUESTED,
  /** The fence no longer matches: another worker owns the task, or it has ended. */
  LOST
}
