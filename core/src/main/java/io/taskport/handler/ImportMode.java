package io.taskport.handler;

/** How an import treats a file with rejected rows. */
public enum ImportMode {
  /** Good rows are loaded; rejected rows go to the error report. */
  BEST_EFFORT,
  /** The whole file is checked first, and nothing is loaded unless every row is good. */
  ALL_OR_NOTHING
}
