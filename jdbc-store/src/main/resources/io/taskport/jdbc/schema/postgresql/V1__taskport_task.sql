-- Taskport task table for PostgreSQL 9.5+ (taskport-jdbc-store, schema version 1).
-- Applications that run their own migrations copy this file unchanged (a table prefix, if
-- any, goes in front of every name that starts with taskport_).
-- Times are TIMESTAMP(3) WITH TIME ZONE and are only ever written from CURRENT_TIMESTAMP.
-- id is compared byte-wise (COLLATE "C") so that keyset paging orders ids like Java does.
CREATE TABLE IF NOT EXISTS taskport_task (
  id               VARCHAR(64) COLLATE "C" NOT NULL PRIMARY KEY,
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
  lease_until      TIMESTAMP(3) WITH TIME ZONE,
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
  created_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  started_at       TIMESTAMP(3) WITH TIME ZONE,
  finished_at      TIMESTAMP(3) WITH TIME ZONE,
  due_at           TIMESTAMP(3) WITH TIME ZONE,
  expires_at       TIMESTAMP(3) WITH TIME ZONE,
  retention_ms     BIGINT       NOT NULL
);
-- one active (PENDING or RUNNING) task per owner + type + dedup key: SHA-256 hex of the key,
-- set to NULL when the task ends, so NULLs never collide
CREATE UNIQUE INDEX IF NOT EXISTS taskport_task_active_uq ON taskport_task (active_key);
-- claim of one type: PENDING tasks of that type, oldest due first
CREATE INDEX IF NOT EXISTS taskport_task_claim_idx ON taskport_task (status, type, due_at);
-- claim of several types: PENDING tasks oldest due first, the type filtered in the index, so a
-- claim reads its batch and stops instead of sorting every due task of its types
CREATE INDEX IF NOT EXISTS taskport_task_due_idx ON taskport_task (status, due_at, type);
-- lease recovery: RUNNING tasks whose lease has ended
CREATE INDEX IF NOT EXISTS taskport_task_lease_idx ON taskport_task (status, lease_until);
-- retention purge
CREATE INDEX IF NOT EXISTS taskport_task_expiry_idx ON taskport_task (expires_at);
-- an owner's listing, newest first, keyset-paged
CREATE INDEX IF NOT EXISTS taskport_task_owner_idx ON taskport_task (owner, created_at, id);
-- the operator's listing of every owner's tasks, newest first, keyset-paged
CREATE INDEX IF NOT EXISTS taskport_task_created_idx ON taskport_task (created_at, id);
-- Added columns. Each ALTER adds one nullable column; the store adds it to a table created by
-- an earlier version (and skips it when the column is there). Copies apply it once.
-- the submitter's language, a BCP 47 tag such as zh-CN; NULL for English
ALTER TABLE taskport_task ADD COLUMN locale VARCHAR(64);
