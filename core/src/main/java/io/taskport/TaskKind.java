package io.taskport;

/** Whether a task builds a file for download or loads an uploaded file. */
public enum TaskKind {
  EXPORT,
  IMPORT
}
