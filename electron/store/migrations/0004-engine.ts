import type { Migration } from './types.ts';

/**
 * The live engine's durable state. Every decision changes these rows in one transaction: a run's position
 * and wake-up, its timeline steps, the emails it queued. Emails are keyed by their deterministic message
 * key, so a decision replayed after a crash cannot queue a second copy.
 */
export const engine: Migration = {
  version: 4,
  name: 'engine',
  sql: `
    CREATE TABLE journey_runs (
      id TEXT PRIMARY KEY,
      journey_id TEXT NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
      entry INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'exited')),
      node_id TEXT NOT NULL,
      -- the interpreter's RunState as JSON
      state TEXT NOT NULL,
      -- the properties of the event that admitted the contact, for the emails' content
      trigger_properties TEXT NOT NULL DEFAULT '{}',
      -- when the runner must look at this run again; null once it has exited
      due_at INTEGER,
      entered_at INTEGER NOT NULL,
      exited_at INTEGER,
      exit_reason TEXT,
      updated_at INTEGER NOT NULL,
      UNIQUE (journey_id, contact_id, entry)
    );
    CREATE INDEX journey_runs_due ON journey_runs (due_at) WHERE due_at IS NOT NULL;
    CREATE INDEX journey_runs_by_contact ON journey_runs (contact_id, journey_id, entry);
    CREATE INDEX journey_runs_by_node ON journey_runs (journey_id, status, node_id);

    -- the timeline: what happened at each node, and why
    CREATE TABLE journey_steps (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES journey_runs (id) ON DELETE CASCADE,
      journey_id TEXT NOT NULL,
      node_id TEXT NOT NULL,
      node_kind TEXT NOT NULL,
      outcome TEXT NOT NULL,
      branch TEXT,
      reason TEXT NOT NULL,
      message_key TEXT,
      at INTEGER NOT NULL
    );
    CREATE INDEX journey_steps_by_run ON journey_steps (run_id, id);
    CREATE INDEX journey_steps_by_node ON journey_steps (journey_id, node_id, outcome, branch);

    CREATE TABLE outbound_emails (
      message_key TEXT PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES journey_runs (id) ON DELETE CASCADE,
      journey_id TEXT NOT NULL,
      node_id TEXT NOT NULL,
      contact_id INTEGER NOT NULL,
      template_id TEXT NOT NULL,
      to_email TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'cancelled')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      subject TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER
    );
    CREATE INDEX outbound_emails_queue ON outbound_emails (next_attempt_at) WHERE status = 'queued';
    CREATE INDEX outbound_emails_by_contact ON outbound_emails (contact_id, created_at);
    CREATE INDEX outbound_emails_by_node ON outbound_emails (journey_id, node_id, status);

    -- who each journey's membership trigger (segment, tag) has already seen, so that joining is an edge
    CREATE TABLE journey_trigger_seen (
      journey_id TEXT NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
      contact_id INTEGER NOT NULL,
      PRIMARY KEY (journey_id, contact_id)
    ) WITHOUT ROWID;

    -- how far the runner has read the append-only inputs (events, contacts)
    CREATE TABLE engine_cursors (
      name TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    );
  `,
};
