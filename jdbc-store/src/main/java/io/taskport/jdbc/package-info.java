/**
 * A {@link io.taskport.store.TaskStore} and a {@link io.taskport.file.FileStore} on plain JDBC, for
 * PostgreSQL, MySQL 8, MariaDB 10.6+ and H2 2.2.220+.
 */
@NullMarked
package io.taskport.jdbc;

import org.jspecify.annotations.NullMarked;
