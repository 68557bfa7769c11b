import type { Migration } from './types.ts';

/**
 * Import runs and their reports (every skipped row with its line and reason), so a report can be downloaded
 * after the import, and how an address came onto the suppression list.
 */
export const imports: Migration = {
  version: 2,
  name: 'imports',
  sql: `
    CREATE TABLE import_runs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('contacts', 'events')),
      file TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
      rows_read INTEGER NOT NULL DEFAULT 0,
      inserted INTEGER NOT NULL DEFAULT 0,
      updated INTEGER NOT NULL DEFAULT 0,
      unchanged INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      started_at INTEGER NOT NULL,
      finished_at INTEGER
    );

    -- Reasons never quote a stored contact's data (see contacts/erasure.ts), so erasure need not visit them.
    CREATE TABLE import_problems (
      run_id TEXT NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
      line INTEGER NOT NULL,
      reason TEXT NOT NULL
    );
    CREATE INDEX import_problems_by_run ON import_problems (run_id, line);

    ALTER TABLE suppressions ADD COLUMN source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import', 'unsubscribe', 'bounce'));
  `,
};
