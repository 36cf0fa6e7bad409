-- Taskport task indexes for PostgreSQL (taskport-jdbc-store, schema version 4): fewer and
-- partial indexes, so that a claim, a heartbeat or a completion writes into fewer of them.
-- Every statement is idempotent; applications that run their own migrations copy this file
-- unchanged. On a large live table, build the new indexes first with CREATE INDEX CONCURRENTLY.
-- The statements that use these indexes test the status literally (status = 'PENDING'), which
-- is what lets the planner pick a partial index; a bound status would not.
-- claims in rank order, and in fair order, the type filtered in the index: PENDING rows only
CREATE INDEX IF NOT EXISTS taskport_task_rank_pending_idx ON taskport_task (rank_at, type)
  WHERE status = 'PENDING';
CREATE INDEX IF NOT EXISTS taskport_task_fair_pending_idx ON taskport_task (fair_turn, rank_at, type)
  WHERE status = 'PENDING';
-- the next due PENDING task of some types, for a worker that found nothing due
CREATE INDEX IF NOT EXISTS taskport_task_due_pending_idx ON taskport_task (due_at, type)
  WHERE status = 'PENDING';
-- lease recovery, and the RUNNING counts of type limits: RUNNING rows only
CREATE INDEX IF NOT EXISTS taskport_task_lease_running_idx ON taskport_task (lease_until)
  WHERE status = 'RUNNING';
-- per-owner caps; the last turn of a fairness key: active rows only
CREATE INDEX IF NOT EXISTS taskport_task_owner_active_idx ON taskport_task (owner, status, type)
  WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX IF NOT EXISTS taskport_task_fair_key_active_idx ON taskport_task (fair_key, status, fair_turn)
  WHERE status IN ('PENDING', 'RUNNING');
-- the indexes these replace: the status-led ones of versions 1 and 3
DROP INDEX IF EXISTS taskport_task_claim_idx;
DROP INDEX IF EXISTS taskport_task_due_idx;
DROP INDEX IF EXISTS taskport_task_lease_idx;
DROP INDEX IF EXISTS taskport_task_rank_idx;
DROP INDEX IF EXISTS taskport_task_fair_idx;
DROP INDEX IF EXISTS taskport_task_owner_status_idx;
DROP INDEX IF EXISTS taskport_task_fair_key_idx;
