import type { Db } from '../../electron/store/database.ts';
import type { SegmentEvaluator } from '../../electron/services/segments/segmentEvaluator.ts';
import type { JourneyDocument } from '../../shared/journey/journey.ts';
import { engagedMessageKey } from '../../shared/engine/engagement.ts';
import type { RecentSend } from '../../shared/engine/types.ts';
import type { Attribution } from '../../shared/results/attribution.ts';
import { engagementEventNames } from '../../shared/results/attribution.ts';
import {
  DAY,
  emptyCounts,
  nodesInFlowOrder,
  ratesOf,
  utcDay,
  utcWeek,
  type BreakdownDimension,
  type BreakdownRow,
  type Counts,
  type DateRange,
  type DayPoint,
  type JourneyMetrics,
  type SplitMetrics,
  type StepMetrics,
  type VariantMetrics,
} from '../../shared/results/journeyMetrics.ts';

/**
 * The results as they were computed before they came from SQL aggregates: every run, step, email and
 * relevant event of the journey loaded into memory and counted in JavaScript. Kept, unchanged but for its
 * place, only as the reference the tests hold the production numbers (electron/services/results/
 * journeyTallies.ts) equal to. Nothing in the app calls it.
 */

export interface MetricRun {
  runId: string;
  contactId: number;
  enteredAt: number;
  locale: string | null;
}
export interface MetricStep {
  runId: string;
  nodeId: string;
  outcome: string;
  branch: string | null;
  at: number;
}
export interface MetricEmail {
  messageKey: string;
  runId: string;
  nodeId: string;
  contactId: number;
  status: string;
  sentAt: number | null;
  /** When the engine queued it: the time of an email that was never sent. */
  createdAt: number;
}
export interface MetricEvent {
  contactId: number;
  name: string;
  at: number;
  properties: Record<string, unknown>;
}
/** An email of ANY journey, for tying an open without a Message-ID to the latest email before it. */
export interface ContactSend {
  contactId: number;
  messageKey: string;
  at: number;
}
export interface MetricsInput {
  document: JourneyDocument;
  runs: readonly MetricRun[];
  steps: readonly MetricStep[];
  emails: readonly MetricEmail[];
  events: readonly MetricEvent[];
  /** Emails the same contacts got from other journeys (this journey's come from `emails`). */
  otherSends: readonly ContactSend[];
  range: DateRange;
  attribution: Attribution;
  /** Segment id -> member contact ids, for the segment breakdown. */
  segments?: ReadonlyArray<{ id: string; name: string; contactIds: ReadonlySet<number> }>;
}

const inRange = (at: number | null, r: DateRange) => at !== null && at >= r.from && at < r.to;
/** An email belongs to the range by its send time, or, never sent, by when it was queued. */
const emailInRange = (e: EmailFacts, r: DateRange) => inRange(e.email.sentAt ?? e.email.createdAt, r);

interface EmailFacts {
  email: MetricEmail;
  openedAt: number | null;
  clickedAt: number | null;
  unsubscribedAt: number | null;
  /** Credited with its run's conversion (last touch). */
  converted: boolean;
  revenue: number;
}

interface RunFacts {
  run: MetricRun;
  emails: EmailFacts[];
  convertedAt: number | null;
  revenue: number;
  /** Split node id -> { variant, at }. */
  branches: Map<string, { variant: string; at: number }>;
}

export function computeJourneyMetrics(input: MetricsInput): JourneyMetrics {
  const { document, range, attribution } = input;
  const windowMs = attribution.windowDays * DAY;
  const runs = new Map<string, RunFacts>();
  for (const run of input.runs) runs.set(run.runId, { run, emails: [], convertedAt: null, revenue: 0, branches: new Map() });

  // Every send per contact (this journey and the others), for tying engagement back.
  const sendsByContact = new Map<number, RecentSend[]>();
  const addSend = (contactId: number, messageKey: string, at: number) => {
    const list = sendsByContact.get(contactId) ?? [];
    list.push({ messageKey, at });
    sendsByContact.set(contactId, list);
  };
  const factsByKey = new Map<string, EmailFacts>();
  for (const email of input.emails) {
    const facts: EmailFacts = { email, openedAt: null, clickedAt: null, unsubscribedAt: null, converted: false, revenue: 0 };
    factsByKey.set(email.messageKey, facts);
    runs.get(email.runId)?.emails.push(facts);
    if (email.status === 'sent' && email.sentAt !== null) addSend(email.contactId, email.messageKey, email.sentAt);
  }
  for (const send of input.otherSends) addSend(send.contactId, send.messageKey, send.at);
  for (const facts of runs.values()) facts.emails.sort((a, b) => (a.email.sentAt ?? Infinity) - (b.email.sentAt ?? Infinity));

  // Opens, clicks, unsubscribes: the first of each per email.
  const unsubscribeNames = new Set<string>(engagementEventNames.unsubscribed);
  const purchasesByContact = new Map<number, MetricEvent[]>();
  for (const event of input.events) {
    if (event.name === attribution.purchaseEvent) {
      const list = purchasesByContact.get(event.contactId) ?? [];
      list.push(event);
      purchasesByContact.set(event.contactId, list);
      continue;
    }
    const field =
      event.name === engagementEventNames.opened ? 'openedAt' : event.name === engagementEventNames.clicked ? 'clickedAt' : unsubscribeNames.has(event.name) ? 'unsubscribedAt' : null;
    if (!field) continue;
    const key = engagedMessageKey(event, sendsByContact.get(event.contactId) ?? []);
    const facts = key === undefined ? undefined : factsByKey.get(key);
    if (!facts || facts.email.status !== 'sent') continue;
    if (facts[field] === null || event.at < facts[field]) facts[field] = event.at;
    // A click implies the email was opened, even when images (and so the open pixel) were blocked.
    if (field === 'clickedAt' && (facts.openedAt === null || event.at < facts.openedAt)) facts.openedAt = event.at;
  }

  // Goals and A/B branches from the timeline.
  const splitIds = new Set(document.nodes.filter((n) => n.kind === 'ab-split').map((n) => n.id));
  const goalAt = new Map<string, number>();
  for (const step of input.steps) {
    const facts = runs.get(step.runId);
    if (!facts) continue;
    if (step.outcome === 'goal' && (!goalAt.has(step.runId) || step.at < goalAt.get(step.runId)!)) goalAt.set(step.runId, step.at);
    if (step.outcome === 'branched' && step.branch && splitIds.has(step.nodeId)) {
      const known = facts.branches.get(step.nodeId);
      if (!known || step.at < known.at) facts.branches.set(step.nodeId, { variant: step.branch, at: step.at });
    }
  }

  // Conversions and revenue, credited to the latest email before them (last touch).
  for (const facts of runs.values()) {
    const sent = facts.emails.filter((e) => e.email.status === 'sent' && e.email.sentAt !== null);
    const lastEmailBefore = (at: number, withinWindow: boolean) => {
      let latest: EmailFacts | undefined;
      for (const e of sent) if (e.email.sentAt! <= at && (!withinWindow || at - e.email.sentAt! <= windowMs)) latest = e;
      return latest;
    };
    let firstPurchase: number | null = null;
    for (const purchase of purchasesByContact.get(facts.run.contactId) ?? []) {
      const credited = lastEmailBefore(purchase.at, true);
      if (!credited) continue;
      const value = Number(purchase.properties[attribution.revenueProperty]);
      const amount = Number.isFinite(value) ? value : 0;
      credited.revenue += amount;
      facts.revenue += amount;
      if (firstPurchase === null || purchase.at < firstPurchase) firstPurchase = purchase.at;
    }
    facts.convertedAt = attribution.conversion === 'goal' ? (goalAt.get(facts.run.runId) ?? null) : firstPurchase;
    if (facts.convertedAt !== null) {
      const credited = lastEmailBefore(facts.convertedAt, attribution.conversion === 'purchase');
      if (credited) credited.converted = true;
    }
  }

  return {
    range,
    attribution,
    totals: totalsOf(runs, input),
    steps: stepMetrics(runs, input),
    splits: splitMetrics(runs, input),
    breakdowns: breakdowns(runs, input),
    overTime: overTime(runs, range),
  };
}

function addEmail(counts: Counts, e: EmailFacts): void {
  if (e.email.status === 'failed') counts.failed++;
  if (e.email.status !== 'sent') return;
  counts.sent++;
  if (e.openedAt !== null) counts.opened++;
  if (e.clickedAt !== null) counts.clicked++;
  if (e.unsubscribedAt !== null) counts.unsubscribed++;
}

/** Steps of an outcome at a node in the range, one per run (a contact deferred twice is one deferral). */
function runsWithOutcome(steps: readonly MetricStep[], range: DateRange, outcome: string): Map<string, Set<string>> {
  const byNode = new Map<string, Set<string>>();
  for (const step of steps) {
    if (step.outcome !== outcome || !inRange(step.at, range)) continue;
    const set = byNode.get(step.nodeId) ?? new Set<string>();
    set.add(step.runId);
    byNode.set(step.nodeId, set);
  }
  return byNode;
}

function totalsOf(runs: Map<string, RunFacts>, input: MetricsInput): JourneyMetrics['totals'] {
  const counts = emptyCounts();
  for (const facts of runs.values()) {
    if (inRange(facts.run.enteredAt, input.range)) {
      counts.entered++;
      if (facts.convertedAt !== null) counts.converted++;
    }
    for (const e of facts.emails) {
      if (!emailInRange(e, input.range)) continue;
      addEmail(counts, e);
      if (e.email.status === 'sent') counts.revenue += e.revenue;
    }
  }
  for (const set of runsWithOutcome(input.steps, input.range, 'suppressed').values()) counts.suppressed += set.size;
  for (const set of runsWithOutcome(input.steps, input.range, 'deferred').values()) counts.deferred += set.size;
  return { counts, rates: ratesOf(counts, counts.entered) };
}

function stepMetrics(runs: Map<string, RunFacts>, input: MetricsInput): StepMetrics[] {
  const reached = new Map<string, Set<string>>();
  for (const step of input.steps) {
    if (!inRange(step.at, input.range)) continue;
    const set = reached.get(step.nodeId) ?? new Set<string>();
    set.add(step.runId);
    reached.set(step.nodeId, set);
  }
  const suppressed = runsWithOutcome(input.steps, input.range, 'suppressed');
  const deferred = runsWithOutcome(input.steps, input.range, 'deferred');
  const goals = runsWithOutcome(input.steps, input.range, 'goal');
  const byNode = new Map<string, Counts>();
  for (const facts of runs.values()) {
    for (const e of facts.emails) {
      if (!emailInRange(e, input.range)) continue;
      const counts = byNode.get(e.email.nodeId) ?? emptyCounts();
      addEmail(counts, e);
      if (e.email.status === 'sent') {
        if (e.converted) counts.converted++;
        counts.revenue += e.revenue;
      }
      byNode.set(e.email.nodeId, counts);
    }
  }
  return nodesInFlowOrder(input.document).map((node) => {
    const counts = byNode.get(node.id) ?? emptyCounts();
    counts.suppressed = suppressed.get(node.id)?.size ?? 0;
    counts.deferred = deferred.get(node.id)?.size ?? 0;
    if (node.kind === 'trigger') counts.entered = [...runs.values()].filter((f) => inRange(f.run.enteredAt, input.range)).length;
    if (node.kind === 'goal') counts.converted = goals.get(node.id)?.size ?? 0;
    const arrived = node.kind === 'trigger' ? counts.entered : (reached.get(node.id)?.size ?? 0);
    return {
      nodeId: node.id,
      kind: node.kind,
      name: node.name || node.id,
      reached: arrived,
      counts,
      rates: ratesOf(counts, node.kind === 'email' ? counts.sent : arrived),
    };
  });
}

function splitMetrics(runs: Map<string, RunFacts>, input: MetricsInput): SplitMetrics[] {
  return input.document.nodes
    .filter((n) => n.kind === 'ab-split')
    .map((node) => {
      const declared = Array.isArray(node.config.variants) ? (node.config.variants as Array<{ id: string; name: string; percent: number }>) : [];
      const variants = new Map<string, VariantMetrics>(
        declared.map((v) => [v.id, { id: v.id, name: v.name, percent: v.percent, contacts: 0, converted: 0, opened: 0, clicked: 0, revenue: 0 }]),
      );
      for (const facts of runs.values()) {
        const branch = facts.branches.get(node.id);
        if (!branch || !inRange(branch.at, input.range)) continue;
        const v = variants.get(branch.variant);
        if (!v) continue; // a variant removed in a later version: not part of this document's test
        v.contacts++;
        const after = facts.emails.filter((e) => e.email.status === 'sent' && e.email.sentAt !== null && e.email.sentAt >= branch.at);
        if (facts.convertedAt !== null && facts.convertedAt >= branch.at) v.converted++;
        if (after.some((e) => e.openedAt !== null)) v.opened++;
        if (after.some((e) => e.clickedAt !== null)) v.clicked++;
        v.revenue += after.reduce((sum, e) => sum + e.revenue, 0);
      }
      return { nodeId: node.id, name: node.name || node.id, variants: [...variants.values()] };
    });
}

function breakdowns(runs: Map<string, RunFacts>, input: MetricsInput): Record<BreakdownDimension, BreakdownRow[]> {
  const entered = [...runs.values()].filter((f) => inRange(f.run.enteredAt, input.range));
  const variantNames = new Map<string, string>();
  for (const node of input.document.nodes) {
    if (node.kind !== 'ab-split' || !Array.isArray(node.config.variants)) continue;
    for (const v of node.config.variants as Array<{ id: string; name: string }>) variantNames.set(`${node.id}:${v.id}`, `${node.name || node.id}: ${v.name}`);
  }
  const suppressedRuns = new Set(input.steps.filter((s) => s.outcome === 'suppressed').map((s) => s.runId));
  const deferredRuns = new Set(input.steps.filter((s) => s.outcome === 'deferred').map((s) => s.runId));
  const group = (keysOf: (f: RunFacts) => Array<{ key: string; label: string }>): BreakdownRow[] => {
    const rows = new Map<string, BreakdownRow>();
    for (const facts of entered) {
      for (const { key, label } of keysOf(facts)) {
        const row = rows.get(key) ?? { key, label, counts: emptyCounts(), rates: ratesOf(emptyCounts(), 0) };
        row.counts.entered++;
        if (facts.convertedAt !== null) row.counts.converted++;
        row.counts.revenue += facts.revenue;
        for (const e of facts.emails) addEmail(row.counts, e);
        rows.set(key, row);
      }
    }
    for (const facts of entered) {
      for (const { key } of keysOf(facts)) {
        const row = rows.get(key)!;
        if (suppressedRuns.has(facts.run.runId)) row.counts.suppressed++;
        if (deferredRuns.has(facts.run.runId)) row.counts.deferred++;
      }
    }
    return [...rows.values()]
      .map((row) => ({ ...row, rates: ratesOf(row.counts, row.counts.entered) }))
      .sort((a, b) => a.key.localeCompare(b.key));
  };
  const segments = input.segments ?? [];
  return {
    variant: group((f) =>
      [...f.branches].map(([nodeId, b]) => ({ key: `${nodeId}:${b.variant}`, label: variantNames.get(`${nodeId}:${b.variant}`) ?? `${nodeId}: ${b.variant}` })),
    ),
    segment: group((f) => segments.filter((s) => s.contactIds.has(f.run.contactId)).map((s) => ({ key: s.id, label: s.name }))),
    locale: group((f) => [{ key: f.run.locale ?? '', label: f.run.locale ?? 'Unknown' }]),
    'entry-day': group((f) => [{ key: utcDay(f.run.enteredAt), label: utcDay(f.run.enteredAt) }]),
    'entry-week': group((f) => [{ key: utcWeek(f.run.enteredAt), label: `Week of ${utcWeek(f.run.enteredAt)}` }]),
  };
}

function overTime(runs: Map<string, RunFacts>, range: DateRange): DayPoint[] {
  const days = new Map<string, DayPoint>();
  for (const facts of runs.values()) {
    for (const e of facts.emails) {
      if (e.email.status !== 'sent' || !inRange(e.email.sentAt, range)) continue;
      const day = utcDay(e.email.sentAt!);
      const point = days.get(day) ?? { day, sent: 0, opened: 0, clicked: 0, converted: 0 };
      point.sent++;
      if (e.openedAt !== null) point.opened++;
      if (e.clickedAt !== null) point.clicked++;
      if (e.converted) point.converted++;
      days.set(day, point);
    }
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

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

/** What ResultsService computed for a journey before: these rows, the segments' member sets, this function. */
export function referenceJourneyMetrics(
  db: Db,
  segmentEvaluator: SegmentEvaluator,
  now: number,
  query: { journeyId: string; document: JourneyDocument; range: DateRange; attribution: Attribution; segmentIds?: string[] },
): JourneyMetrics {
  const rows = loadMetricRows(db, query.journeyId, query.attribution.purchaseEvent);
  const allSegments = db.prepare('SELECT id, name FROM segments ORDER BY name').all() as Array<{ id: string; name: string }>;
  const chosen = query.segmentIds === undefined ? allSegments : allSegments.filter((s) => query.segmentIds!.includes(s.id));
  const segments = chosen.map((s) => ({ ...s, contactIds: new Set(segmentEvaluator.members(s.id, now)) }));
  return computeJourneyMetrics({ document: query.document, ...rows, range: query.range, attribution: query.attribution, segments });
}
