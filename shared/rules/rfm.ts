import type { ContactEvent } from './contactView.ts';
import type { RfmCuts } from './population.ts';
import type { RfmDimension, RfmGroup } from './rule.ts';

/** The event RFM reads, and the property holding its amount. */
export const PURCHASE_EVENT = 'purchased';
export const AMOUNT_PROPERTY = 'amount';

export interface RfmMeasures {
  recencyMs: number;
  frequency: number;
  /** Whole cents, so that sums are exact in JavaScript and in SQL alike. */
  monetaryCents: number;
}

/** Amount in cents of one purchase: a number property, else nothing. */
export function amountCents(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 100) : 0;
}

/** A contact's RFM measures up to `now`; undefined when they never purchased. */
export function rfmMeasures(events: readonly ContactEvent[], now: number): RfmMeasures | undefined {
  let last = -Infinity;
  let frequency = 0;
  let monetaryCents = 0;
  for (const event of events) {
    if (event.name !== PURCHASE_EVENT || event.at > now) continue;
    frequency++;
    last = Math.max(last, event.at);
    monetaryCents += amountCents(event.properties[AMOUNT_PROPERTY]);
  }
  return frequency === 0 ? undefined : { recencyMs: now - last, frequency, monetaryCents };
}

/**
 * Score 1 to 5 by quintile. Frequency and monetary: one more point per cut the value is above. Recency is
 * the other way round: the fewer days since the last purchase, the higher the score.
 */
export function rfmScore(dimension: RfmDimension, measures: RfmMeasures, cuts: RfmCuts): number {
  if (dimension === 'recency') return 5 - cuts.recency.filter((cut) => measures.recencyMs > cut).length;
  const value = dimension === 'frequency' ? measures.frequency : measures.monetaryCents;
  return 1 + cuts[dimension].filter((cut) => value > cut).length;
}

/**
 * The named groups, by recency (R) and frequency (F) score ranges. The first row that matches wins, and the
 * rows cover every (R, F) pair, so each purchaser is in exactly one group.
 */
export const rfmGroupTable: ReadonlyArray<{ group: RfmGroup; label: string; r: [number, number]; f: [number, number] }> = [
  { group: 'champions', label: 'Champions', r: [4, 5], f: [4, 5] },
  { group: 'loyal', label: 'Loyal', r: [3, 5], f: [3, 5] },
  { group: 'new', label: 'New', r: [4, 5], f: [1, 1] },
  { group: 'potential-loyalist', label: 'Potential loyalist', r: [3, 5], f: [1, 2] },
  { group: 'at-risk', label: 'At risk', r: [1, 2], f: [3, 5] },
  { group: 'hibernating', label: 'Hibernating', r: [2, 2], f: [1, 2] },
  { group: 'lost', label: 'Lost', r: [1, 1], f: [1, 2] },
];

export function rfmGroupOf(recencyScore: number, frequencyScore: number): RfmGroup {
  const inRange = (value: number, [min, max]: [number, number]) => value >= min && value <= max;
  return rfmGroupTable.find((row) => inRange(recencyScore, row.r) && inRange(frequencyScore, row.f))!.group;
}
