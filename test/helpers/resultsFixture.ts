import type { Db } from '../../electron/store/database.ts';

/**
 * Known engine rows for results tests: runs of the sample trial journey (j_trial_drip) through its day-21
 * A/B split, written into the real tables with their emails and engagement events. Day 0 is after all the
 * sample's history, so only these events can refer to these emails.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
export const day0 = Date.parse('2026-04-06T00:00:00Z');
export const at = (day: number, hour = 0) => day0 + day * DAY + hour * HOUR;

/** Contact `c` entered on day 0, reached the day-21 split on day 21 and got the variant's email. */
export function writeTrialRun(db: Db, c: number, variant: 'v_a' | 'v_b', outcome: { opened?: boolean; clicked?: boolean; upgraded?: boolean; failed?: boolean }) {
  const runId = `j_trial_drip.${c}.1`;
  const node = variant === 'v_a' ? 'n_email_d21' : 'n_email_d21_b';
  const key = `${runId}.${node}.1`;
  db.prepare(
    `INSERT INTO journey_runs (id, journey_id, version, contact_id, entry, status, node_id, state, due_at, entered_at, exited_at, exit_reason, updated_at)
     VALUES (?, 'j_trial_drip', 1, ?, 1, 'exited', 'n_exit', '{}', NULL, ?, ?, 'done', ?)`,
  ).run(runId, c, at(0, 9), at(21, 12), at(21, 12));
  const step = db.prepare(
    `INSERT INTO journey_steps (run_id, journey_id, node_id, node_kind, outcome, branch, reason, message_key, at) VALUES (?, 'j_trial_drip', ?, ?, ?, ?, 'test', ?, ?)`,
  );
  step.run(runId, 'n_trigger', 'trigger', 'entered', null, null, at(0, 9));
  step.run(runId, 'n_ab_d21', 'ab-split', 'branched', variant, null, at(21, 10));
  step.run(runId, node, 'email', 'sent', 'next', key, at(21, 10));
  db.prepare(
    `INSERT INTO outbound_emails (message_key, run_id, journey_id, node_id, contact_id, template_id, to_email, status, attempts, next_attempt_at, created_at, sent_at)
     VALUES (?, ?, 'j_trial_drip', ?, ?, 't', 'x@example.com', ?, 1, ?, ?, ?)`,
  ).run(key, runId, node, c, outcome.failed ? 'failed' : 'sent', at(21, 10), at(21, 10), outcome.failed ? null : at(21, 10));
  const event = db.prepare(`INSERT INTO events (contact_id, name, occurred_at, properties, dedupe_key) VALUES (?, ?, ?, ?, ?)`);
  const props = JSON.stringify({ message_id: `<${key}@journey-studio.local>` });
  if (outcome.opened) event.run(c, 'email_opened', at(21, 11), props, `${key}.open`);
  if (outcome.clicked) event.run(c, 'email_clicked', at(21, 11) + 60_000, props, `${key}.click`);
  if (outcome.upgraded) {
    event.run(c, 'upgraded', at(21, 15), '{}', `${key}.upgraded`);
    step.run(runId, 'n_goal', 'goal', 'goal', null, null, at(21, 15));
  }
}

