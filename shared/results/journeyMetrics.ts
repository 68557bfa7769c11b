import type { JourneyDocument } from '../journey/journey.ts';
import type { NodeKind } from '../journey/nodes.ts';
import { engagedMessageKey } from '../engine/engagement.ts';
import type { RecentSend } from '../engine/types.ts';
import type { Attribution } from './attribution.ts';
import { engagementEventNames } from './attribution.ts';
import { proportion, type Proportion } from './proportion.ts';

/**
 * What a journey achieved, computed from the engine's records: its runs, their timeline steps, the emails
 * they queued, and the contacts' events (opens, clicks, unsubscribes, purchases). Pure, so the service,
 * the tests and any other caller count the same way.
 *
 * The date range [from, to) picks emails by when they were sent, steps by when they happened and runs by
 * when they entered; what those emails and runs led to (an open, a purchase) counts whenever it came.
 * Rates therefore never exceed 100%. Opens and clicks are unique per email.
 */

const DAY = 86_400_000;

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
export interface DateRange {
  from: number;
  to: number;
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

export interface Counts {
  entered: number;
  sent: number;
  failed: number;
  suppressed: number;
  deferred: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  converted: number;
  revenue: number;
}

export interface Rates {
  /** Opened / sent. */
  open: Proportion;
  click: Proportion;
  unsubscribe: Proportion;
  /** For a journey or a breakdown row: converted / entered. For an email step: converted / sent. */
  conversion: Proportion;
  /** Failed / (sent + failed). */
  failure: Proportion;
}

export interface StepMetrics {
  nodeId: string;
  kind: NodeKind;
  name: string;
  /** Distinct runs that arrived at the node in the range. */
  reached: number;
  counts: Counts;
  rates: Rates;
}

export interface VariantMetrics {
  id: string;
  name: string;
  percent: number;
  /** Runs sent down this variant in the range: the test's denominator. */
  contacts: number;
  /** Of them: converted after the split, opened / clicked an email sent after the split. */
  converted: number;
  opened: number;
  clicked: number;
  revenue: number;
}

export interface SplitMetrics {
  nodeId: string;
  name: string;
  variants: VariantMetrics[];
}

export interface BreakdownRow {
  key: string;
  label: string;
  counts: Counts;
  rates: Rates;
}

export const breakdownDimensions = ['variant', 'segment', 'locale', 'entry-day', 'entry-week'] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

export interface DayPoint {
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
}

export interface JourneyMetrics {
  range: DateRange;
  attribution: Attribution;
  totals: { counts: Counts; rates: Rates };
  steps: StepMetrics[];
  splits: SplitMetrics[];
  /** Runs entered in the range, grouped. */
  breakdowns: Record<BreakdownDimension, BreakdownRow[]>;
  /** Emails by UTC send day, with what each day's emails led to. */
  overTime: DayPoint[];
}

const emptyCounts = (): Counts => ({
  entered: 0,
  sent: 0,
  failed: 0,
  suppressed: 0,
  deferred: 0,
  opened: 0,
  clicked: 0,
  unsubscribed: 0,
  converted: 0,
  revenue: 0,
});

function ratesOf(c: Counts, conversionBase: number): Rates {
  return {
    open: proportion(c.opened, c.sent),
    click: proportion(c.clicked, c.sent),
    unsubscribe: proportion(c.unsubscribed, c.sent),
    conversion: proportion(Math.min(c.converted, conversionBase), conversionBase),
    failure: proportion(c.failed, c.sent + c.failed),
  };
}

const inRange = (at: number | null, r: DateRange) => at !== null && at >= r.from && at < r.to;
/** An email belongs to the range by its send time, or, never sent, by when it was queued. */
const emailInRange = (e: EmailFacts, r: DateRange) => inRange(e.email.sentAt ?? e.email.createdAt, r);
const dayNames = new Map<number, string>();
/** YYYY-MM-DD of a UTC day, cached: hundreds of thousands of emails fall on a few hundred days. */
function utcDay(at: number): string {
  const day = Math.floor(at / DAY);
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}
/** The Monday (UTC) of the week containing `at`. */
function utcWeek(at: number): string {
  const weekday = (new Date(at).getUTCDay() + 6) % 7;
  return utcDay(Math.floor(at / DAY) * DAY - weekday * DAY);
}

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

/** Nodes in the order a contact meets them: breadth-first from the triggers, then anything unreachable. */
export function nodesInFlowOrder(document: JourneyDocument): JourneyDocument['nodes'] {
  const byId = new Map(document.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const queue = document.nodes.filter((n) => n.kind === 'trigger').map((n) => n.id);
  const ordered: JourneyDocument['nodes'] = [];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    ordered.push(byId.get(id)!);
    for (const edge of document.edges) if (edge.source === id) queue.push(edge.target);
  }
  for (const node of document.nodes) if (!seen.has(node.id)) ordered.push(node);
  return ordered;
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
