package io.taskport.excel;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Tells what an OLE2 compound file holds, for error messages. */
final class Ole2 {
  static final String ENCRYPTED =
      "the workbook is protected with a password; remove the password (in Excel: File > Info >"
          + " Protect Workbook > Encrypt with Password, then clear it), save, and upload it again";

  private Ole2() {}

  static boolean isEncrypted(POIFSFileSystem fs) {
    return fs.getRoot().hasEntryCaseInsensitive("EncryptionInfo");
  }

  static String describe(Path file) {
    try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
      if (isEncrypted(fs)) {
        return ENCRYPTED;
      }
      if (fs.getRoot().hasEntryCaseInsensitive("Workbook")
          || fs.getRoot().hasEntryCaseInsensitive("Book")) {
        return "not an XLSX file: an Excel 97-2003 (.xls) workbook; use the xls format";
      }
    } catch (IOException | RuntimeException e) {
      return "not an XLSX file: a damaged OLE2 document";
    }
    return "not an XLSX file: an OLE2 document that is not a workbook";
  }
}
