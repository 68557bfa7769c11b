import type { Db } from '../../electron/store/database.ts';
import type { ContactSend, MetricEmail, MetricEvent, MetricRun, MetricStep } from './referenceJourneyMetrics.ts';

/** Engine rows of one journey, in the shapes the reference computation reads them in. */
export interface ResultRows {
  journeyId: string;
  runs: MetricRun[];
  steps: MetricStep[];
  emails: MetricEmail[];
  events: MetricEvent[];
  /** Emails the same contacts got from another journey. */
  otherSends: ContactSend[];
}

const OTHER_JOURNEY = 'j_other';

/**
 * Writes the rows into the real tables, as the engine and an import would have: contacts (with the runs'
 * locales), the journey's runs, steps and emails, another journey's sent emails (each in a run of its own), and
 * the events. The journey itself must already exist.
 */
export function writeResultRows(db: Db, rows: ResultRows): void {
  const locales = new Map<number, string | null>();
  for (const run of rows.runs) locales.set(run.contactId, run.locale);
  for (const contactId of [...rows.events.map((e) => e.contactId), ...rows.otherSends.map((s) => s.contactId)]) if (!locales.has(contactId)) locales.set(contactId, null);
  const contact = db.prepare(`INSERT INTO contacts (id, email, locale, consent, created_at, updated_at) VALUES (?, ?, ?, 'subscribed', 0, 0)`);
  for (const [id, locale] of locales) contact.run(id, `c${id}@example.com`, locale);

  const run = db.prepare(
    `INSERT INTO journey_runs (id, journey_id, version, contact_id, entry, status, node_id, state, entered_at, updated_at) VALUES (?, ?, 1, ?, ?, 'exited', 'n_exit', '{}', ?, ?)`,
  );
  const entries = new Map<string, number>();
  const nextEntry = (journeyId: string, contactId: number) => {
    const key = `${journeyId}:${contactId}`;
    entries.set(key, (entries.get(key) ?? 0) + 1);
    return entries.get(key)!;
  };
  for (const r of rows.runs) run.run(r.runId, rows.journeyId, r.contactId, nextEntry(rows.journeyId, r.contactId), r.enteredAt, r.enteredAt);
  const step = db.prepare(`INSERT INTO journey_steps (run_id, journey_id, node_id, node_kind, outcome, branch, reason, at) VALUES (?, ?, ?, 'email', ?, ?, '', ?)`);
  for (const s of rows.steps) step.run(s.runId, rows.journeyId, s.nodeId, s.outcome, s.branch, s.at);
  const email = db.prepare(
    `INSERT INTO outbound_emails (message_key, run_id, journey_id, node_id, contact_id, template_id, to_email, status, next_attempt_at, created_at, sent_at)
     VALUES (?, ?, ?, ?, ?, 't', 'x@example.com', ?, 0, ?, ?)`,
  );
  for (const e of rows.emails) email.run(e.messageKey, e.runId, rows.journeyId, e.nodeId, e.contactId, e.status, e.createdAt, e.sentAt);

  if (rows.otherSends.length && !db.prepare('SELECT 1 FROM journeys WHERE id = ?').get(OTHER_JOURNEY)) {
    db.prepare(`INSERT INTO journeys (id, name, status, draft, created_at, updated_at) VALUES (?, 'Another journey', 'draft', '{}', 0, 0)`).run(OTHER_JOURNEY);
  }
  for (const send of rows.otherSends) {
    const runId = `${OTHER_JOURNEY}.${send.contactId}.${nextEntry(OTHER_JOURNEY, send.contactId)}`;
    run.run(runId, OTHER_JOURNEY, send.contactId, entries.get(`${OTHER_JOURNEY}:${send.contactId}`)!, send.at, send.at);
    email.run(send.messageKey, runId, OTHER_JOURNEY, 'n_email', send.contactId, 'sent', send.at, send.at);
  }

  const event = db.prepare('INSERT INTO events (contact_id, name, occurred_at, properties, dedupe_key) VALUES (?, ?, ?, ?, ?)');
  rows.events.forEach((e, i) => event.run(e.contactId, e.name, e.at, JSON.stringify(e.properties), `test:${i}`));
}
