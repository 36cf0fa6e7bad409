-- Taskport task indexes for MariaDB 10.6+ (taskport-jdbc-store, schema version 4): drops the
-- index no statement uses since version 3 (claims read taskport_task_rank_idx and
-- taskport_task_fair_idx; RUNNING counts read taskport_task_lease_idx). MariaDB has no partial
-- indexes. Idempotent; applications that run their own migrations copy this file unchanged.
DROP INDEX IF EXISTS taskport_task_claim_idx ON taskport_task;
