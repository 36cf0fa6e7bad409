-- Taskport task indexes for PostgreSQL (taskport-jdbc-store, schema version 5): the dedup key and
-- the expiry time indexed only where they are set, so that a task without a dedup key writes no
-- entry into the unique index, and a PENDING or RUNNING task (expires_at is set when it ends)
-- none into the expiry index. Every statement is idempotent; applications that run their own
-- migrations copy this file unchanged. On a large live table, build the new indexes first with
-- CREATE INDEX CONCURRENTLY.
-- The create's ON CONFLICT (active_key) WHERE active_key IS NOT NULL names the predicate, so that
-- PostgreSQL infers the partial unique index (and the full one of version 1 on a table not yet
-- migrated). A lookup by active_key = ? and the purge's expires_at <= now imply the predicates.
-- one active (PENDING or RUNNING) task per owner + type + dedup key
CREATE UNIQUE INDEX IF NOT EXISTS taskport_task_active_key_uq ON taskport_task (active_key)
  WHERE active_key IS NOT NULL;
-- retention purge: ended tasks only
CREATE INDEX IF NOT EXISTS taskport_task_expires_idx ON taskport_task (expires_at)
  WHERE expires_at IS NOT NULL;
-- the indexes these replace: the full ones of version 1
DROP INDEX IF EXISTS taskport_task_active_uq;
DROP INDEX IF EXISTS taskport_task_expiry_idx;
