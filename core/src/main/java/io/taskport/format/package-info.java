/**
 * The {@link io.taskport.format.TabularFormat} SPI: typed columns, and streaming row writers and
 * readers for file formats such as CSV and XLSX.
 */
@NullMarked
package io.taskport.format;

import org.jspecify.annotations.NullMarked;
