-- Taskport file tables for PostgreSQL 9.5+ (taskport-jdbc-store, schema version 2), needed
-- only by JdbcFileStore. A file is a header row plus its content in chunks of at most 256 KiB;
-- readers see only files whose header is complete.
CREATE TABLE IF NOT EXISTS taskport_file (
  file_key     VARCHAR(200) COLLATE "C" NOT NULL PRIMARY KEY,
  task_id      VARCHAR(64) COLLATE "C" NOT NULL,
  file_name    TEXT        NOT NULL,
  content_type TEXT        NOT NULL,
  file_size    BIGINT,
  chunk_count  INTEGER,
  complete     BOOLEAN     NOT NULL,
  created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS taskport_file_task_idx ON taskport_file (task_id);
-- drafts never committed, oldest first, for the housekeeper's cleanup of ended tasks
CREATE INDEX IF NOT EXISTS taskport_file_draft_idx ON taskport_file (complete, created_at);
CREATE TABLE IF NOT EXISTS taskport_file_chunk (
  file_key     VARCHAR(200) COLLATE "C" NOT NULL,
  seq          INTEGER     NOT NULL,
  data         BYTEA       NOT NULL,
  PRIMARY KEY (file_key, seq)
);
