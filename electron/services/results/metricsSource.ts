import type { Db } from '../../store/database.ts';
import type { ContactSend, MetricEmail, MetricEvent, MetricRun, MetricStep } from '../../../shared/results/journeyMetrics.ts';
import { engagementEventNames } from '../../../shared/results/attribution.ts';

/**
 * Reads what the metrics are computed from, out of the engine's tables (journey_runs, journey_steps,
 * outbound_emails) and the contacts' events. Only loading happens here; every counting rule is in
 * shared/results/journeyMetrics.ts.
 */
export interface MetricRows {
  runs: MetricRun[];
  steps: MetricStep[];
  emails: MetricEmail[];
  events: MetricEvent[];
  otherSends: ContactSend[];
}

export function loadMetricRows(db: Db, journeyId: string, purchaseEvent: string): MetricRows {
  const runs = db
    .prepare(
      `SELECT r.id AS runId, r.contact_id AS contactId, r.entered_at AS enteredAt, c.locale AS locale
         FROM journey_runs r JOIN contacts c ON c.id = r.contact_id
        WHERE r.journey_id = ?`,
    )
    .all(journeyId) as MetricRun[];
  const steps = db
    .prepare('SELECT run_id AS runId, node_id AS nodeId, outcome, branch, at FROM journey_steps WHERE journey_id = ?')
    .all(journeyId) as MetricStep[];
  const emails = db
    .prepare(
      `SELECT message_key AS messageKey, run_id AS runId, node_id AS nodeId, contact_id AS contactId, status,
              sent_at AS sentAt, created_at AS createdAt
         FROM outbound_emails WHERE journey_id = ?`,
    )
    .all(journeyId) as MetricEmail[];
  // The journey's contacts, from their first entry on: earlier events cannot refer to its emails.
  const since = (db.prepare('SELECT MIN(entered_at) FROM journey_runs WHERE journey_id = ?').pluck().get(journeyId) as number | null) ?? 0;
  const names = [engagementEventNames.opened, engagementEventNames.clicked, ...engagementEventNames.unsubscribed, purchaseEvent];
  const events = (
    db
      .prepare(
        `SELECT contact_id AS contactId, name, occurred_at AS at, properties FROM events
          WHERE name IN (${names.map(() => '?').join(', ')}) AND occurred_at >= ?
            AND contact_id IN (SELECT contact_id FROM journey_runs WHERE journey_id = ?)`,
      )
      .all(...names, since, journeyId) as Array<Omit<MetricEvent, 'properties'> & { properties: string }>
  ).map((e) => ({ ...e, properties: JSON.parse(e.properties) as Record<string, unknown> }));
  const otherSends = db
    .prepare(
      `SELECT contact_id AS contactId, message_key AS messageKey, sent_at AS at FROM outbound_emails
        WHERE journey_id != ? AND status = 'sent' AND sent_at IS NOT NULL
          AND contact_id IN (SELECT contact_id FROM journey_runs WHERE journey_id = ?)`,
    )
    .all(journeyId, journeyId) as ContactSend[];
  return { runs, steps, emails, events, otherSends };
}
