-- Taskport task index for PostgreSQL (taskport-jdbc-store, schema version 6): RUNNING tasks are
-- indexed by type instead of by lease end, so that a heartbeat, which moves the lease end and the
-- progress, changes no indexed column and PostgreSQL writes it as a HOT update (one new row
-- version on the same page, no index entries) where the page has room; the table keeps a fifth
-- of each new page free for that. Lease recovery reads every RUNNING row (as many as the
-- cluster's busy workers) and filters them by lease end. Every statement is idempotent;
-- applications that run their own migrations copy this file unchanged.
-- lease recovery, and the RUNNING counts of type limits: RUNNING rows only
CREATE INDEX IF NOT EXISTS taskport_task_running_idx ON taskport_task (type)
  WHERE status = 'RUNNING';
-- the index this replaces: version 4's, whose key a heartbeat changed
DROP INDEX IF EXISTS taskport_task_lease_running_idx;
-- room on each new page for heartbeats' row versions (existing pages keep theirs until rewritten)
ALTER TABLE taskport_task SET (fillfactor = 80);
