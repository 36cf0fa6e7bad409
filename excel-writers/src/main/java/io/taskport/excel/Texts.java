package io.taskport.excel;

import io.taskport.MessageKey;
import io.taskport.Messages;

/** The texts of this module a user sees, in {@code io/taskport/excel/messages*.properties}. */
final class Texts {
  static final Messages EXCEL = Messages.of(Texts.class, "io/taskport/excel/messages");

  private Texts() {}

  /** Returns a text of this module, to be written in the reader's language. */
  static MessageKey key(String key, Object... args) {
    return EXCEL.key(key, args);
  }
}
