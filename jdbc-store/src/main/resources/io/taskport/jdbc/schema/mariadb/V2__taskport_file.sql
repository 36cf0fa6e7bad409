-- Taskport file tables for MariaDB 10.6+ (taskport-jdbc-store, schema version 2), needed
-- only by JdbcFileStore. A file is a header row plus its content in chunks of at most 256 KiB;
-- readers see only files whose header is complete. Times hold UTC.
CREATE TABLE IF NOT EXISTS taskport_file (
  file_key     VARCHAR(200) NOT NULL PRIMARY KEY,
  task_id      VARCHAR(64)  NOT NULL,
  file_name    TEXT         NOT NULL,
  content_type TEXT         NOT NULL,
  file_size    BIGINT,
  chunk_count  INTEGER,
  complete     BOOLEAN      NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  KEY taskport_file_task_idx (task_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
-- drafts never committed, oldest first, for the housekeeper's cleanup of ended tasks (a statement
-- of its own, so that a table created without it gets it)
CREATE INDEX IF NOT EXISTS taskport_file_draft_idx ON taskport_file (complete, created_at);
CREATE TABLE IF NOT EXISTS taskport_file_chunk (
  file_key     VARCHAR(200) NOT NULL,
  seq          INTEGER      NOT NULL,
  data         LONGBLOB     NOT NULL,
  PRIMARY KEY (file_key, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
