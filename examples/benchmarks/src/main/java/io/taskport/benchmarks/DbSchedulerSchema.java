package io.taskport.benchmarks;

/** db-scheduler's PostgreSQL table (from its documentation) under a name of the benchmark's. */
final class DbSchedulerSchema {
  private DbSchedulerSchema() {}

  static String create(String table) {
    return """
        CREATE TABLE %1$s (
          task_name text NOT NULL,
          task_instance text NOT NULL,
          task_data bytea,
          execution_time timestamp with time zone NOT NULL,
          picked BOOLEAN NOT NULL,
          picked_by text,
          last_success timestamp with time zone,
          last_failure timestamp with time zone,
          consecutive_failures INT,
          last_heartbeat timestamp with time zone,
          version BIGINT NOT NULL,
          priority SMALLINT,
          PRIMARY KEY (task_name, task_instance));
        CREATE INDEX %1$s_exec_idx ON %1$s (execution_time);
        CREATE INDEX %1$s_hb_idx ON %1$s (last_heartbeat);
        CREATE INDEX %1$s_prio_idx ON %1$s (priority DESC, execution_time ASC)"""
        .formatted(table);
  }
}
