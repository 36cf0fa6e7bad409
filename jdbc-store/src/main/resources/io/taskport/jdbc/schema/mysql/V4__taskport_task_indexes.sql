-- Taskport task indexes for MySQL 8 (taskport-jdbc-store, schema version 4): drops the index no
-- statement uses since version 3 (claims read taskport_task_rank_idx and taskport_task_fair_idx;
-- RUNNING counts read taskport_task_lease_idx). MySQL has no partial indexes, and no IF EXISTS
-- here: the store ignores "can't drop" on a re-run. Applications that run their own migrations
-- copy this file unchanged.
DROP INDEX taskport_task_claim_idx ON taskport_task;
