package io.taskport.excel;

import io.taskport.MessageKey;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Tells what an OLE2 compound file holds, for error messages. */
final class Ole2 {
  static final String ENCRYPTED = "xls.encrypted";

  private Ole2() {}

  static boolean isEncrypted(POIFSFileSystem fs) {
    return fs.getRoot().hasEntryCaseInsensitive("EncryptionInfo");
  }

  /** Returns the text of the problem with an OLE2 file given as XLSX. */
  static MessageKey describe(Path file) {
    try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
      if (isEncrypted(fs)) {
        return Texts.key(ENCRYPTED);
      }
      if (fs.getRoot().hasEntryCaseInsensitive("Workbook")
          || fs.getRoot().hasEntryCaseInsensitive("Book")) {
        return Texts.key("xlsx.isXls");
      }
    } catch (IOException | RuntimeException e) {
      return Texts.key("xlsx.damagedOle2");
    }
    return Texts.key("xlsx.ole2NotWorkbook");
  }
}
