import type { Db } from '../../store/database.ts';
import type { PercentileSource, Rule } from '../../../shared/rules/rule.ts';
import { percentileKey, quantilesOf, quintileCuts, type PopulationStats } from '../../../shared/rules/population.ts';
import { PURCHASE_EVENT } from '../../../shared/rules/rfm.ts';
import { amountCentsSql, compilePercentileValue, type CompileContext } from './compileRule.ts';

/** The leaves of a rule, following dynamic segments it refers to (once each). */
function* leaves(rule: Rule, context: CompileContext, seen = new Set<string>()): Generator<Rule> {
  if (rule.type === 'all' || rule.type === 'any') for (const r of rule.rules) yield* leaves(r, context, seen);
  else if (rule.type === 'not') yield* leaves(rule.rule, context, seen);
  else if (rule.type === 'segment') {
    const segment = context.segment?.(rule.segmentId);
    if (segment?.kind === 'dynamic' && !seen.has(rule.segmentId)) {
      seen.add(rule.segmentId);
      yield* leaves(segment.rule, context, seen);
    }
  } else yield rule;
}

/**
 * What the population-relative rules of `rule` (RFM, percentiles) need, measured over the store at
 * `context.now` with the same SQL fragments the compiler uses. Empty when the rule needs nothing.
 */
export function populationStats(db: Db, rule: Rule, context: CompileContext): PopulationStats {
  const stats: PopulationStats = {};
  const sources = new Map<string, PercentileSource>();
  for (const leaf of leaves(rule, context)) {
    if ((leaf.type === 'rfm-score' || leaf.type === 'rfm-group') && !stats.rfm) stats.rfm = rfmCuts(db, context.now);
    if (leaf.type === 'percentile') sources.set(percentileKey(leaf.of), leaf.of);
  }
  if (sources.size) {
    stats.quantiles = {};
    for (const [key, source] of sources) stats.quantiles[key] = quantilesOf(sourceValues(db, source, context.now));
  }
  return stats;
}

export function rfmCuts(db: Db, now: number): NonNullable<PopulationStats['rfm']> {
  const rows = db
    .prepare(
      `SELECT @now - MAX(occurred_at) AS recency, COUNT(*) AS frequency, SUM(${amountCentsSql('properties')}) AS monetary
       FROM events WHERE name = @name AND occurred_at <= @now GROUP BY contact_id`,
    )
    .all({ now, name: PURCHASE_EVENT }) as Array<{ recency: number; frequency: number; monetary: number }>;
  return {
    recency: quintileCuts(rows.map((r) => r.recency)),
    frequency: quintileCuts(rows.map((r) => r.frequency)),
    monetary: quintileCuts(rows.map((r) => r.monetary)),
  };
}

/** Every contact's value of a percentile source (contacts without a number are left out). */
function sourceValues(db: Db, source: PercentileSource, now: number): number[] {
  const { sql, params } = compilePercentileValue(source, { now });
  return db.prepare(`SELECT v FROM (SELECT ${sql} AS v FROM contacts c) WHERE v IS NOT NULL`).pluck().all(params) as number[];
}
