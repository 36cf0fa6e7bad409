package io.taskport.spring.boot;

import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.RowMapping;
import java.util.List;

/** Small handlers for the auto-configuration tests. */
final class TestHandlers {
  private TestHandlers() {}

  public record NoParams() {}

  public record Name(String name) {}

  static ExportHandler<NoParams, Name> export(String type) {
    return ExportHandler.of(
        type,
        NoParams.class,
        p -> List.of(Column.text("Name", Name::name)),
        (ctx, out) -> out.write(new Name("ann")));
  }

  static ImportHandler<NoParams, Name> importer(String type) {
    return new ImportHandler<>() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public Class<NoParams> paramsType() {
        return NoParams.class;
      }

      @Override
      public RowMapping<Name> mapping() {
        return RowMapping.ofRecord(Name.class);
      }

      @Override
      public void accept(ImportContext<NoParams> ctx, List<Name> batch) {}
    };
  }
}
