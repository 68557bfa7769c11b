import { canonicalJson } from '../util/canonicalJson.ts';
import type { PercentileSource } from './rule.ts';

/**
 * What a rule needs to know about everybody to judge one contact: RFM quintile cut points and percentile
 * distributions. The store computes them once per evaluation (see segments/populationStats.ts); the SQL
 * compiler writes them into the query and the in-memory evaluator reads them from the context, so both
 * compare a contact against the same numbers.
 */
export interface PopulationStats {
  rfm?: RfmCuts;
  /** Per percentile source (see percentileKey): 101 values, the k-th being the value at the k-th percentile. */
  quantiles?: Record<string, readonly number[]>;
}

/** Four ascending cut points per dimension, over the contacts who purchased at least once. */
export interface RfmCuts {
  /** Milliseconds since the last purchase. */
  recency: readonly number[];
  frequency: readonly number[];
  /** Total purchase amount in cents. */
  monetary: readonly number[];
}

export function percentileKey(source: PercentileSource): string {
  return source.kind === 'attribute' ? `attribute:${source.attribute}` : `engagement:${canonicalJson(source.model)}`;
}

/** The 101 percentile values of a list of numbers (sorted here). Empty when there are none. */
export function quantilesOf(values: number[]): number[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: 101 }, (_, k) => sorted[Math.floor(((sorted.length - 1) * k) / 100)]);
}

/** Quintile cut points (the 20th, 40th, 60th and 80th percentile values). */
export function quintileCuts(values: number[]): number[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  return [1, 2, 3, 4].map((i) => sorted[Math.floor(((sorted.length - 1) * i) / 5)]);
}

/**
 * Top P%: at or above the (100-P)th percentile value; bottom P%: at or below the P-th. Ties go in, so a
 * segment of 'top 20%' can hold a few more than 20% when many contacts share the cut value.
 */
export function percentileBound(quantiles: readonly number[], direction: 'top' | 'bottom', percent: number) {
  if (quantiles.length === 0) return undefined;
  return direction === 'top' ? { op: '>=' as const, value: quantiles[100 - percent] } : { op: '<=' as const, value: quantiles[percent] };
}
