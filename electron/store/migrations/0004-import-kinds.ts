import type { Migration } from './types.ts';

/**
 * Import runs for suppression lists, the 'interrupted' status (a run the app stopped in the middle of, marked
 * at the next start) and the process that runs an import (so that a run another live process is still
 * writing is never taken for an interrupted one). SQLite cannot change a CHECK in place: both tables are
 * rebuilt, the problems first so that dropping the runs cascades to nothing.
 */
export const importKinds: Migration = {
  version: 4,
  name: 'import-kinds',
  sql: `
    CREATE TABLE import_runs_v4 (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('contacts', 'events', 'suppressions')),
      file TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
      rows_read INTEGER NOT NULL DEFAULT 0,
      inserted INTEGER NOT NULL DEFAULT 0,
      updated INTEGER NOT NULL DEFAULT 0,
      unchanged INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      started_at INTEGER NOT NULL,
      finished_at INTEGER,
      -- the process id of the importer while the run is 'running'
      pid INTEGER
    );
    INSERT INTO import_runs_v4 (id, kind, file, status, rows_read, inserted, updated, unchanged, skipped, error, started_at, finished_at)
      SELECT id, kind, file, status, rows_read, inserted, updated, unchanged, skipped, error, started_at, finished_at FROM import_runs;
    CREATE TABLE import_problems_v4 (
      run_id TEXT NOT NULL REFERENCES import_runs_v4 (id) ON DELETE CASCADE,
      line INTEGER NOT NULL,
      reason TEXT NOT NULL
    );
    INSERT INTO import_problems_v4 (run_id, line, reason) SELECT run_id, line, reason FROM import_problems;
    DROP TABLE import_problems;
    DROP TABLE import_runs;
    ALTER TABLE import_runs_v4 RENAME TO import_runs;
    ALTER TABLE import_problems_v4 RENAME TO import_problems;
    CREATE INDEX import_problems_by_run ON import_problems (run_id, line);
    CREATE INDEX import_runs_by_start ON import_runs (started_at DESC);
  `,
};
