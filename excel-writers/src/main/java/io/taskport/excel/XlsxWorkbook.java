package io.taskport.excel;

import io.taskport.FormatException;
import io.taskport.format.FormatOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.jspecify.annotations.Nullable;

/**
 * An XLSX upload opened for streaming: a temp copy checked by {@link ZipGuard}, POI's {@link
 * OPCPackage} and {@link XSSFReader}, the date styles, and the shared strings. Closing deletes
 * every temp file.
 */
final class XlsxWorkbook implements AutoCloseable {
  final XMLInputFactory xml = AaltoParsers.newFactory();
  private final Path file;
  private @Nullable OPCPackage pkg;
  private @Nullable SharedStrings strings;
  private final ZipGuard guard;
  boolean[] dateStyles = new boolean[0];
  boolean date1904;
  InputStream sheet = InputStream.nullInputStream();
  List<WorkbookParts.Sheet> sheets = List.of();
  WorkbookParts.@Nullable Sheet chosen;
  private @Nullable PackagePart workbookPart;

  XlsxWorkbook(InputStream in, FormatOptions options, XlsxFormat format) throws IOException {
    this.file = TempCopy.of(in, ".xlsx", options.limits().maxBytes());
    try {
      byte[] head = TempCopy.head(file);
      switch (Signatures.of(head)) {
        case ZIP -> { }
        case OLE2 -> throw new FormatException(Ole2.describe(file), null);
        default -> throw new FormatException(Texts.key("xlsx.not"), null);
      }
      guard = new ZipGuard(file, format.minInflateRatio(), format.maxEntrySize(),
          format.maxEntries());
      open(options);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void open(FormatOptions options) throws IOException {
    OPCPackage p;
    try {
      p = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (Exception e) {
      throw new FormatException(
          Texts.key(e instanceof IOException ? "xlsx.damagedZip" : "xlsx.notOoxml"), e);
    }
    pkg = p;
    PackagePart wb;
    try {
      new XSSFReader(p); // checks the package is a workbook, and refuses Strict Open XML
      wb = p.getPart(p.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT)
          .getRelationship(0));
    } catch (Exception e) {
      if (p.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT).size() > 0) {
        throw new FormatException(Texts.key("xlsx.strict"), e);
      }
      throw new FormatException(Texts.key("xlsx.noWorkbook"), e);
    }
    if (wb == null) {
      throw new FormatException(Texts.key("xlsx.noWorkbook"), null);
    }
    WorkbookParts parts;
    try (InputStream in = stream(wb)) {
      parts = WorkbookParts.workbook(xml, in);
    }
    date1904 = parts.date1904;
    PackagePart styles = related(wb, XSSFRelation.STYLES.getRelation());
    if (styles != null) {
      try (InputStream in = stream(styles)) {
        dateStyles = WorkbookParts.dateStyles(xml, in);
      }
    }
    PackagePart sst = related(wb, XSSFRelation.SHARED_STRINGS.getRelation());
    if (sst != null) {
      try (InputStream in = stream(sst)) {
        strings = SharedStrings.parse(xml, in, options.limits().maxCellChars());
      }
    }
    this.workbookPart = wb;
    this.sheets = parts.sheets;
    this.chosen = SheetChoice.choose(parts.sheets, options);
    sheet = open(chosen);
  }

  /** Opens a sheet's XML, guarded. */
  InputStream open(WorkbookParts.Sheet s) throws IOException {
    PackagePart wb = workbookPart;
    PackageRelationship rel = wb == null ? null : wb.getRelationship(s.relId());
    PackagePart sheetPart = null;
    try {
      sheetPart = rel == null ? null : wb.getRelatedPart(rel);
    } catch (Exception e) {
      // reported below
    }
    if (sheetPart == null) {
      throw new FormatException(Texts.key("xlsx.noSheetPart", s.name()), null);
    }
    return stream(sheetPart);
  }

  private @Nullable PackagePart related(PackagePart wb, String type) throws IOException {
    try {
      PackageRelationshipCollection rels = wb.getRelationshipsByType(type);
      return rels.size() == 0 ? null : wb.getRelatedPart(rels.getRelationship(0));
    } catch (Exception e) {
      throw new FormatException(Texts.key("xlsx.brokenRelationship"), e);
    }
  }

  private InputStream stream(PackagePart part) throws IOException {
    String name = part.getPartName().getName();
    return guard.guard(part.getInputStream(), name);
  }

  @Nullable SharedStrings strings() {
    return strings;
  }

  @Override
  public void close() throws IOException {
    try (InputStream s = sheet; SharedStrings st = strings) {
      if (pkg != null) {
        pkg.revert();
      }
    } finally {
      pkg = null;
      strings = null;
      Files.deleteIfExists(file);
    }
  }
}
