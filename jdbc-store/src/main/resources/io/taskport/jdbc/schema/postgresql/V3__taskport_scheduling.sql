-- Taskport scheduling rules for PostgreSQL (taskport-jdbc-store, schema version 3): priority,
-- fair claiming, per-owner caps, cluster-wide type limits and start rates. Every statement is
-- additive and idempotent; applications that run their own migrations copy this file unchanged.
ALTER TABLE taskport_task ADD COLUMN IF NOT EXISTS priority INTEGER NOT NULL DEFAULT 2;
ALTER TABLE taskport_task ADD COLUMN IF NOT EXISTS priority_lead_ms BIGINT NOT NULL DEFAULT 0;
-- the key fair claiming takes turns by: the submit's fairness key, else the owner
ALTER TABLE taskport_task ADD COLUMN IF NOT EXISTS fair_key VARCHAR(255);
ALTER TABLE taskport_task ADD COLUMN IF NOT EXISTS max_active INTEGER NOT NULL DEFAULT 0;
ALTER TABLE taskport_task ADD COLUMN IF NOT EXISTS max_active_type INTEGER NOT NULL DEFAULT 0;
-- created_at minus the priority lead, fixed at create: claims take due tasks in this order
ALTER TABLE taskport_task ADD COLUMN IF NOT EXISTS rank_at TIMESTAMP(3) WITH TIME ZONE;
-- the task's fair turn: max(last turn of its key + 1, lowest PENDING turn of its type)
ALTER TABLE taskport_task ADD COLUMN IF NOT EXISTS fair_turn BIGINT NOT NULL DEFAULT 0;
UPDATE taskport_task SET rank_at = created_at, fair_key = owner WHERE rank_at IS NULL;
-- claims in rank order, and in fair order, the type filtered in the index
CREATE INDEX IF NOT EXISTS taskport_task_rank_idx ON taskport_task (status, rank_at, type);
CREATE INDEX IF NOT EXISTS taskport_task_fair_idx ON taskport_task (status, fair_turn, rank_at, type);
-- per-owner caps and RUNNING limits; the last turn of a fairness key
CREATE INDEX IF NOT EXISTS taskport_task_owner_status_idx ON taskport_task (owner, status, type);
CREATE INDEX IF NOT EXISTS taskport_task_fair_key_idx ON taskport_task (fair_key, status, fair_turn);
-- one row per limited type (and per capped owner) that claims and creates lock to serialise
-- the check and the change; starts counts the claims within the window that began at window_ms
CREATE TABLE IF NOT EXISTS taskport_gate (
  name       VARCHAR(100) COLLATE "C" NOT NULL PRIMARY KEY,
  window_ms  BIGINT  NOT NULL,
  starts     INTEGER NOT NULL
);
