import type { JourneyDocument } from '../journey/journey.ts';
import type { NodeKind } from '../journey/nodes.ts';
import type { Attribution } from './attribution.ts';
import { proportion, type Proportion } from './proportion.ts';

/**
 * What a journey achieved, laid out for the screen, the canvas and the CLI, from the tallies the store
 * aggregates (electron/services/results/journeyTallies.ts counts; this file only arranges, labels and
 * divides). Pure, so the renderer can share the types.
 *
 * The date range [from, to) picks emails by when they were sent (a never-sent email by when it was queued),
 * steps by when they happened and runs by when they entered; what those emails and runs led to (an open, a
 * purchase) counts whenever it came. Rates therefore never exceed 100%. Opens and clicks are unique per email.
 */

export const DAY = 86_400_000;

export interface DateRange {
  from: number;
  to: number;
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

/** One node's emails in the range (by their send time) and what they led to. Node ids not in the document count in the totals. */
export interface EmailTally {
  nodeId: string;
  sent: number;
  failed: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  /** Sent emails credited with their run's conversion (last touch). */
  converted: number;
  revenue: number;
}

/** One node's timeline in the range: distinct runs with any step there, and with the outcomes that are counted. */
export interface StepTally {
  nodeId: string;
  reached: number;
  suppressed: number;
  deferred: number;
  goals: number;
}

/**
 * Runs that entered in the range, summed over a group: entered and converted runs, their revenue, all their
 * emails (whenever sent), and how many of them had a suppressed or a deferred step (ever).
 */
export type EntryTally = Counts;

export interface VariantTally {
  nodeId: string;
  variantId: string;
  /** Runs whose first step down this variant was in the range. */
  contacts: number;
  converted: number;
  opened: number;
  clicked: number;
  revenue: number;
}

export interface SendDayTally {
  /** Days since the epoch (UTC). */
  day: number;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
}

/** Everything the metrics are laid out from; each list grows with the journey's nodes, variants, locales and days. */
export interface JourneyTallies {
  emails: EmailTally[];
  steps: StepTally[];
  /** Runs entered in the range by contact locale ('' for none) and UTC day of entry. */
  entries: Array<EntryTally & { locale: string; localeLabel: string; day: number }>;
  /** Runs entered in the range by the A/B variant they were sent down (at any time). */
  entriesByVariant: Array<EntryTally & { nodeId: string; variantId: string }>;
  /** Runs entered in the range by the segments their contact is in now. */
  entriesBySegment: Array<EntryTally & { segmentId: string }>;
  variants: VariantTally[];
  sendDays: SendDayTally[];
}

export const emptyCounts = (): Counts => ({
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

export function ratesOf(c: Counts, conversionBase: number): Rates {
  return {
    open: proportion(c.opened, c.sent),
    click: proportion(c.clicked, c.sent),
    unsubscribe: proportion(c.unsubscribed, c.sent),
    conversion: proportion(Math.min(c.converted, conversionBase), conversionBase),
    failure: proportion(c.failed, c.sent + c.failed),
  };
}

const dayNames = new Map<number, string>();
/** YYYY-MM-DD of a UTC day number, cached: a journey's emails fall on a few hundred days. */
export function dayName(day: number): string {
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}
export const utcDay = (at: number): string => dayName(Math.floor(at / DAY));
/** The Monday (UTC) of the week containing day number `day`. */
export function mondayOf(day: number): string {
  const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7;
  return dayName(day - weekday);
}
export const utcWeek = (at: number): string => mondayOf(Math.floor(at / DAY));

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

/** The variants an A/B split declares, in its order. */
export function declaredVariants(node: JourneyDocument['nodes'][number]): Array<{ id: string; name: string; percent: number }> {
  return Array.isArray(node.config.variants) ? (node.config.variants as Array<{ id: string; name: string; percent: number }>) : [];
}

export interface MetricsLayout {
  document: JourneyDocument;
  range: DateRange;
  attribution: Attribution;
  /** The segments chosen for the breakdown, in the order they are listed. */
  segments: ReadonlyArray<{ id: string; name: string }>;
  tallies: JourneyTallies;
}

function addCounts(into: Counts, more: Counts): void {
  for (const key of Object.keys(into) as Array<keyof Counts>) into[key] += more[key];
}

/** The journey's metrics from its tallies: totals, the steps in flow order, the A/B splits, the breakdowns and the daily series. */
export function journeyMetrics({ document, range, attribution, segments, tallies }: MetricsLayout): JourneyMetrics {
  const entered = emptyCounts();
  for (const cell of tallies.entries) addCounts(entered, cell);

  const totals = emptyCounts();
  totals.entered = entered.entered;
  totals.converted = entered.converted;
  for (const e of tallies.emails) {
    totals.sent += e.sent;
    totals.failed += e.failed;
    totals.opened += e.opened;
    totals.clicked += e.clicked;
    totals.unsubscribed += e.unsubscribed;
    totals.revenue += e.revenue;
  }
  for (const s of tallies.steps) {
    totals.suppressed += s.suppressed;
    totals.deferred += s.deferred;
  }

  const emailsOf = new Map(tallies.emails.map((e) => [e.nodeId, e]));
  const stepsOf = new Map(tallies.steps.map((s) => [s.nodeId, s]));
  const steps = nodesInFlowOrder(document).map((node): StepMetrics => {
    const email = emailsOf.get(node.id);
    const step = stepsOf.get(node.id);
    const counts: Counts = {
      ...emptyCounts(),
      sent: email?.sent ?? 0,
      failed: email?.failed ?? 0,
      opened: email?.opened ?? 0,
      clicked: email?.clicked ?? 0,
      unsubscribed: email?.unsubscribed ?? 0,
      converted: email?.converted ?? 0,
      revenue: email?.revenue ?? 0,
      suppressed: step?.suppressed ?? 0,
      deferred: step?.deferred ?? 0,
    };
    if (node.kind === 'trigger') counts.entered = entered.entered;
    if (node.kind === 'goal') counts.converted = step?.goals ?? 0;
    const arrived = node.kind === 'trigger' ? counts.entered : (step?.reached ?? 0);
    return { nodeId: node.id, kind: node.kind, name: node.name || node.id, reached: arrived, counts, rates: ratesOf(counts, node.kind === 'email' ? counts.sent : arrived) };
  });

  const variantTally = new Map(tallies.variants.map((v) => [`${v.nodeId}:${v.variantId}`, v]));
  const splitNodes = document.nodes.filter((n) => n.kind === 'ab-split');
  const splits = splitNodes.map((node): SplitMetrics => ({
    nodeId: node.id,
    name: node.name || node.id,
    variants: declaredVariants(node).map((v) => {
      const tally = variantTally.get(`${node.id}:${v.id}`);
      return { id: v.id, name: v.name, percent: v.percent, contacts: tally?.contacts ?? 0, converted: tally?.converted ?? 0, opened: tally?.opened ?? 0, clicked: tally?.clicked ?? 0, revenue: tally?.revenue ?? 0 };
    }),
  }));

  const variantLabels = new Map<string, string>();
  for (const node of splitNodes) for (const v of declaredVariants(node)) variantLabels.set(`${node.id}:${v.id}`, `${node.name || node.id}: ${v.name}`);
  const rows = (groups: Iterable<{ key: string; label: string; counts: Counts }>): BreakdownRow[] => {
    const byKey = new Map<string, { key: string; label: string; counts: Counts }>();
    for (const group of groups) {
      const row = byKey.get(group.key);
      if (row) addCounts(row.counts, group.counts);
      else byKey.set(group.key, { key: group.key, label: group.label, counts: { ...group.counts } });
    }
    return [...byKey.values()].map((row) => ({ ...row, rates: ratesOf(row.counts, row.counts.entered) })).sort((a, b) => a.key.localeCompare(b.key));
  };
  const countsOf = ({ entered, sent, failed, suppressed, deferred, opened, clicked, unsubscribed, converted, revenue }: Counts): Counts => ({
    entered,
    sent,
    failed,
    suppressed,
    deferred,
    opened,
    clicked,
    unsubscribed,
    converted,
    revenue,
  });
  const segmentNames = new Map(segments.map((s) => [s.id, s.name]));
  const breakdowns: Record<BreakdownDimension, BreakdownRow[]> = {
    variant: rows(
      tallies.entriesByVariant.map((v) => {
        const key = `${v.nodeId}:${v.variantId}`;
        return { key, label: variantLabels.get(key) ?? `${v.nodeId}: ${v.variantId}`, counts: countsOf(v) };
      }),
    ),
    segment: rows(tallies.entriesBySegment.filter((s) => s.entered > 0).map((s) => ({ key: s.segmentId, label: segmentNames.get(s.segmentId) ?? s.segmentId, counts: countsOf(s) }))),
    locale: rows(tallies.entries.map((cell) => ({ key: cell.locale, label: cell.localeLabel, counts: countsOf(cell) }))),
    'entry-day': rows(tallies.entries.map((cell) => ({ key: dayName(cell.day), label: dayName(cell.day), counts: countsOf(cell) }))),
    'entry-week': rows(tallies.entries.map((cell) => ({ key: mondayOf(cell.day), label: `Week of ${mondayOf(cell.day)}`, counts: countsOf(cell) }))),
  };

  const overTime = tallies.sendDays
    .filter((d) => d.sent > 0)
    .map((d): DayPoint => ({ day: dayName(d.day), sent: d.sent, opened: d.opened, clicked: d.clicked, converted: d.converted }))
    .sort((a, b) => a.day.localeCompare(b.day));

  return { range, attribution, totals: { counts: totals, rates: ratesOf(totals, totals.entered) }, steps, splits, breakdowns, overTime };
}
