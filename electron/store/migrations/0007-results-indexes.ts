import type { Migration } from './types.ts';

/**
 * Indexes that let the results be aggregated in SQL (electron/services/results/journeyTallies.ts) by reading
 * index entries in order instead of table rows at random:
 *
 * - journey_steps_by_node gains the run and the time: distinct runs per node and outcome in a date range
 *   (suppressed, deferred, goals), each run's goal and A/B branch, read from the index alone. Its prefix, and
 *   so the engine's per-node counts, is unchanged.
 * - journey_steps_by_node_run (journey, node, run, time): runs that reached a node in a range, counted
 *   distinct in index order without a temporary B-tree.
 * - outbound_emails_by_node gains the send and queue times: each node's emails in a range by status, and by
 *   day sent.
 * - outbound_emails_by_run (journey, run, status, send time, node, queue time): a run's emails counted, and
 *   its latest email before a purchase or a goal found, with one seek.
 * - outbound_emails_by_contact gains what tying an open back to "the latest email before it" orders by:
 *   status, send time, journey and node. Its prefix, and so the engine's send-history read, is unchanged.
 * - journey_runs_by_entry: a journey's runs by when they entered, with their contact and id.
 */
export const resultsIndexes: Migration = {
  version: 7,
  name: 'results-indexes',
  sql: `
    DROP INDEX journey_steps_by_node;
    CREATE INDEX journey_steps_by_node ON journey_steps (journey_id, node_id, outcome, branch, run_id, at);
    CREATE INDEX journey_steps_by_node_run ON journey_steps (journey_id, node_id, run_id, at);
    DROP INDEX outbound_emails_by_node;
    CREATE INDEX outbound_emails_by_node ON outbound_emails (journey_id, node_id, status, sent_at, created_at);
    CREATE INDEX outbound_emails_by_run ON outbound_emails (journey_id, run_id, status, sent_at, node_id, created_at);
    DROP INDEX outbound_emails_by_contact;
    CREATE INDEX outbound_emails_by_contact ON outbound_emails (contact_id, created_at, status, sent_at, journey_id, node_id);
    CREATE INDEX journey_runs_by_entry ON journey_runs (journey_id, entered_at, contact_id, id);
  `,
};
