import type { Migration } from './types.ts';

/**
 * One engine per workspace (docs/engine.md, "One engine per workspace").
 *
 * - engine_lease: at most one row, the engine that may admit, decide and send. Its owner renews it while it runs and
 *   deletes it when it stops; another engine takes it only when it is absent, expired, or held by a process that is
 *   gone. pid, host and machine say which process holds it (the app shows them); machine is where that pid can be
 *   checked (the host name and, on Linux, the pid namespace).
 * - outbound_emails.claimed_by / claim_expires_at: the engine sending a queued email, taken for a whole batch in the
 *   statement that selects it, cleared by the email's mark. A claim that has expired (its engine died mid-send) is
 *   free again. Times are the wall clock's milliseconds, never a runner's virtual clock.
 */
export const engineLease: Migration = {
  version: 8,
  name: 'engine-lease',
  sql: `
    CREATE TABLE engine_lease (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      owner TEXT NOT NULL,
      kind TEXT NOT NULL,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      machine TEXT NOT NULL,
      acquired_at INTEGER NOT NULL,
      heartbeat_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    ALTER TABLE outbound_emails ADD COLUMN claimed_by TEXT;
    ALTER TABLE outbound_emails ADD COLUMN claim_expires_at INTEGER;
  `,
};
