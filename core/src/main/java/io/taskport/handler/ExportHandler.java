package io.taskport.handler;

import static java.util.Objects.requireNonNull;

import io.taskport.format.Column;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the rows of one type of export. Register it with {@code TaskManager.builder().export(h)}.
 * Implementations are called from worker threads, possibly several tasks at once, so they must be
 * thread-safe (stateless ones are).
 *
 * <pre>{@code
 * class AccountExport implements ExportHandler<AccountFilter, Account> {
 *   public String type() { return "accounts"; }
 *   public Class<AccountFilter> paramsType() { return AccountFilter.class; }
 *   public List<Column<Account>> columns(AccountFilter p) {
 *     return List.of(Column.text("Name", Account::name), Column.decimal("Balance", Account::balance));
 *   }
 *   public void export(ExportContext<AccountFilter> ctx, RowSink<Account> out) {
 *     repository.stream(ctx.params()).forEach(out::write);
 *   }
 * }
 * }</pre>
 *
 * @param <P> the params type, bound from JSON
 * @param <R> the row type
 */
public interface ExportHandler<P, R> {
  /** Returns the type name tasks are submitted under, such as {@code accounts}. */
  String type();

  /**
   * Returns the class params are bound to; no polymorphic typing is used. {@code Void.class}
   * means the export takes no params, and submit refuses any.
   */
  Class<P> paramsType();

  /**
   * Checks params at submit time, before any task exists.
   *
   * @throws io.taskport.ValidationException to refuse the request
   */
  default void validate(P params) {}

  /** Returns the columns of the file for these params. */
  List<Column<R>> columns(P params);

  /**
   * Writes the rows. Called on a worker thread; anything it throws other than {@link
   * io.taskport.NonRetryableException}, {@link io.taskport.ValidationException} and {@link
   * java.util.concurrent.CancellationException} is retried while attempts remain.
   */
  void export(ExportContext<P> ctx, RowSink<R> out) throws Exception;

  /**
   * Returns the names of the sheets, in order, when the export writes several into one workbook,
   * such as {@code List.of("Orders", "Summary")}; empty (the default) for one sheet. The first
   * sheet has {@link #columns(Object)}; the handler starts each next one with {@link
   * RowSink#sheet}, in this order. Checked at submit against {@link
   * io.taskport.format.SheetNames} and refused for formats without sheets, such as CSV.
   */
  default List<String> sheets(P params) {
    return List.of();
  }

  /**
   * Returns the handler's own texts: a key {@code column.<column header>} gives a column's header
   * in the user's language. Taskport's own texts by default.
   */
  default io.taskport.Messages messages() {
    return io.taskport.Messages.core();
  }

  /** Returns the download file name without extension; the type by default. */
  default String fileName(P params) {
    return type();
  }

  /** The body of an export given as a lambda. */
  @FunctionalInterface
  interface Body<P, R> {
    /** Writes the rows. */
    void export(ExportContext<P> ctx, RowSink<R> out) throws Exception;
  }

  /**
   * Returns a handler made of its parts, for lambda users.
   *
   * <pre>{@code
   * ExportHandler.of("accounts", AccountFilter.class,
   *     p -> List.of(Column.text("Name", Account::name)),
   *     (ctx, out) -> repository.stream(ctx.params()).forEach(out::write));
   * }</pre>
   */
  static <P, R> ExportHandler<P, R> of(
      String type,
      Class<P> paramsType,
      Function<? super P, List<Column<R>>> columns,
      Body<P, R> body) {
    requireNonNull(type, "type");
    requireNonNull(paramsType, "paramsType");
    requireNonNull(columns, "columns");
    requireNonNull(body, "body");
    return new ExportHandler<>() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public Class<P> paramsType() {
        return paramsType;
      }

      @Override
      public List<Column<R>> columns(P params) {
        return columns.apply(params);
      }

      @Override
      public void export(ExportContext<P> ctx, RowSink<R> out) throws Exception {
        body.export(ctx, out);
      }
    };
  }
}
