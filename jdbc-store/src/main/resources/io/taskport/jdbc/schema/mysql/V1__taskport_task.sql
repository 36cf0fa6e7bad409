-- Taskport task table for MySQL 8.0.1+ (taskport-jdbc-store, schema version 1).
-- Applications that run their own migrations copy this file unchanged (a table prefix, if
-- any, goes in front of every name that starts with taskport_).
-- Times are DATETIME(3) holding UTC, only ever written from UTC_TIMESTAMP(3), so neither the
-- session nor the JVM time zone matters. Text compares binary, without pad space (utf8mb4_0900_bin),
-- so owners differing in case or trailing blanks stay apart and ids sort like Java strings.
CREATE TABLE IF NOT EXISTS taskport_task (
  id               VARCHAR(64) NOT NULL PRIMARY KEY,
  kind             VARCHAR(16)  NOT NULL,
  type             VARCHAR(255) NOT NULL,
  owner            VARCHAR(255) NOT NULL,
  format           TEXT         NOT NULL,
  params           TEXT         NOT NULL,
  dedup_key        TEXT,
  active_key       CHAR(64),
  input_key        VARCHAR(200),
  input_name       TEXT,
  input_size       BIGINT,
  input_type       TEXT,
  status           VARCHAR(16)  NOT NULL,
  progress_done    BIGINT       NOT NULL,
  progress_total   BIGINT       NOT NULL,
  progress_message VARCHAR(500),
  attempt          INTEGER      NOT NULL,
  max_attempts     INTEGER      NOT NULL,
  worker_id        TEXT,
  lease_until      DATETIME(3),
  cancel_requested BOOLEAN      NOT NULL,
  checkpoint       TEXT,
  result_key       VARCHAR(200),
  result_name      TEXT,
  result_size      BIGINT,
  result_type      TEXT,
  report_key       VARCHAR(200),
  report_name      TEXT,
  report_size      BIGINT,
  report_type      TEXT,
  rows_total       BIGINT,
  rows_imported    BIGINT,
  rows_rejected    BIGINT,
  rows_skipped     BIGINT,
  error_code       TEXT,
  error_message    TEXT,
  created_at       DATETIME(3) NOT NULL,
  started_at       DATETIME(3),
  finished_at      DATETIME(3),
  due_at           DATETIME(3),
  expires_at       DATETIME(3),
  retention_ms     BIGINT       NOT NULL,
  -- one active (PENDING or RUNNING) task per owner + type + dedup key: SHA-256 hex of the key,
  -- set to NULL when the task ends, so NULLs never collide
  UNIQUE KEY taskport_task_active_uq (active_key),
  -- claim of one type: PENDING tasks of that type, oldest due first
  KEY taskport_task_claim_idx (status, type, due_at),
  -- claim of several types: PENDING tasks oldest due first, the type filtered in the index, so a
  -- claim reads its batch and stops instead of sorting every due task of its types
  KEY taskport_task_due_idx (status, due_at, type),
  -- lease recovery: RUNNING tasks whose lease has ended
  KEY taskport_task_lease_idx (status, lease_until),
  -- retention purge
  KEY taskport_task_expiry_idx (expires_at),
  -- an owner's listing, newest first, keyset-paged
  KEY taskport_task_owner_idx (owner, created_at, id),
  -- the operator's listing of every owner's tasks, newest first, keyset-paged
  KEY taskport_task_created_idx (created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
-- Added columns. Each ALTER adds one nullable column; the store adds it to a table created by
-- an earlier version (and skips it when the column is there). Copies apply it once.
-- the submitter's language, a BCP 47 tag such as zh-CN; NULL for English
ALTER TABLE taskport_task ADD COLUMN locale VARCHAR(64);
