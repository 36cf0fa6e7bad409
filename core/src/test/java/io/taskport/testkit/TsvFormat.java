package io.taskport.testkit;

import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal tab-separated format for tests of core and the stores, which cannot depend on the
 * real formats: name {@code tsv}, UTF-8, tabs and line breaks in values become spaces.
 */
public final class TsvFormat implements TabularFormat {
  @Override
  public String name() {
    return "tsv";
  }

  @Override
  public String extension() {
    return "tsv";
  }

  @Override
  public String contentType() {
    return "text/tab-separated-values";
  }

  @Override
  public boolean matches(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return false;
      }
    }
    return !(head.length >= 2 && head[0] == 'P' && head[1] == 'K');
  }

  @Override
  public RowWriter openWriter(
      OutputStream out, List<? extends Column<?>> columns, FormatOptions options)
      throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    List<String> headers = new ArrayList<>();
    for (Column<?> c : columns) {
      headers.add(c.header());
    }
    w.write(line(headers));
    int size = columns.size();
    return new RowWriter() {
      private long rows;
      private boolean finished;

      @Override
      public void write(List<?> values) throws IOException {
        if (values.size() != size) {
          throw new IllegalArgumentException("expected " + size + " values, got " + values.size());
        }
        w.write(line(values));
        rows++;
      }

      @Override
      public long rows() {
        return rows;
      }

      @Override
      public void finish() throws IOException {
        if (finished) {
          throw new IllegalStateException("already finished");
        }
        finished = true;
        w.flush();
      }

      /** Discards what is buffered unless finished. */
      @Override
      public void close() {
        finished = true;
      }
    };
  }

  @Override
  public RowReader openReader(InputStream in, FormatOptions options) {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return new RowReader() {
      private long number;

      @Override
      public Row next() throws IOException {
        String line = r.readLine();
        if (line == null) {
          return null;
        }
        number++;
        return new Row(number, Arrays.asList(line.split("\t", -1)));
      }

      @Override
      public void close() {}
    };
  }

  private static String line(List<?> values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      b.append(i == 0 ? "" : "\t")
          .append(v == null ? "" : v.toString().replace('\t', ' ').replace('\n', ' '));
    }
    return b.append('\n').toString();
  }
}
