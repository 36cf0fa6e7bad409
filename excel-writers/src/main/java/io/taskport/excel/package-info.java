/**
 * CSV, XLSX and XLS implementations of {@link io.taskport.format.TabularFormat}: {@link
 * io.taskport.excel.CsvFormat}, {@link io.taskport.excel.XlsxFormat} and {@link
 * io.taskport.excel.XlsFormat}. The readers and writers behind them are package-private.
 */
@NullMarked
package io.taskport.excel;

import org.jspecify.annotations.NullMarked;
