import type { Bench, BenchResult } from './harness.ts';
import { openDatabase } from '../../electron/store/database.ts';
import { SegmentEvaluator } from '../../electron/services/segments/segmentEvaluator.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { BENCH_NOW } from './benchData.ts';
import { syntheticWorkspace } from './syntheticWorkspace.ts';

/** BENCH_SEGMENT_CONTACTS (default 1,000,000) contacts with 10 events each. */
const segmentContacts = Number(process.env.BENCH_SEGMENT_CONTACTS ?? 1_000_000);

const DAY = 86_400_000;

/** The median of `runs` timings (after one warm-up), with the value of the last. */
function timed<T>(fn: () => T, runs = 3): { ms: number; value: T } {
  let value = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], value };
}

const opened = (since: number): Rule => ({ type: 'event-count', event: { name: 'email_opened', filters: [] }, op: 'gte', count: 2, window: { amount: since, unit: 'days' } });
const noPurchase: Rule = { type: 'last-event', event: { name: 'purchased', filters: [] }, within: false, window: { amount: 30, unit: 'days' } };

const cases: Array<{ name: string; rule: Rule; sql: string; params: unknown[] }> = [
  {
    name: 'segment count: vip tag, 2+ opens in 30 days, no purchase in 30 days',
    rule: { type: 'all', rules: [{ type: 'tag', tag: 'vip', has: true }, opened(30), noPurchase] },
    sql: `SELECT COUNT(*) FROM contacts c
          WHERE c.id IN (SELECT contact_id FROM contact_tags WHERE tag = 'vip')
            AND (SELECT COUNT(*) FROM events e WHERE e.contact_id = c.id AND e.name = 'email_opened' AND e.occurred_at > ? AND e.occurred_at <= ?) >= 2
            AND NOT EXISTS (SELECT 1 FROM events e WHERE e.contact_id = c.id AND e.name = 'purchased' AND e.occurred_at > ? AND e.occurred_at <= ?)`,
    params: [BENCH_NOW - 30 * DAY, BENCH_NOW, BENCH_NOW - 30 * DAY, BENCH_NOW],
  },
  {
    name: 'segment count: country in (US, GB, DE), 2+ opens in 30 days, no purchase in 30 days',
    rule: { type: 'all', rules: [{ type: 'attribute', attribute: 'country', op: 'in', value: ['US', 'GB', 'DE'] }, opened(30), noPurchase] },
    sql: `SELECT COUNT(*) FROM contacts c
          WHERE c.country IN ('US', 'GB', 'DE') COLLATE NOCASE
            AND (SELECT COUNT(*) FROM events e WHERE e.contact_id = c.id AND e.name = 'email_opened' AND e.occurred_at > ? AND e.occurred_at <= ?) >= 2
            AND NOT EXISTS (SELECT 1 FROM events e WHERE e.contact_id = c.id AND e.name = 'purchased' AND e.occurred_at > ? AND e.occurred_at <= ?)`,
    params: [BENCH_NOW - 30 * DAY, BENCH_NOW, BENCH_NOW - 30 * DAY, BENCH_NOW],
  },
];

const bench: Bench = {
  name: 'segments',
  async run() {
    const db = openDatabase(syntheticWorkspace(segmentContacts, 10));
    try {
      const evaluator = new SegmentEvaluator(db);
      const contacts = db.prepare('SELECT COUNT(*) FROM contacts').pluck().get() as number;
      const events = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
      const results: BenchResult[] = [];
      for (const c of cases) {
        const ours = timed(() => evaluator.count(c.rule, BENCH_NOW));
        const statement = db.prepare(c.sql).pluck();
        const reference = timed(() => statement.get(...c.params) as number);
        if (ours.value !== reference.value) throw new Error(`${c.name}: compiled count ${ours.value} differs from the hand-written ${reference.value}`);
        results.push({
          name: c.name,
          unit: 'ms',
          ours: ours.ms,
          reference: reference.ms,
          referenceName: 'hand-written SQL',
          ratio: ours.ms / reference.ms,
          goal: 'under 1 s, within 1.2x',
          extra: { count: ours.value, contacts, events },
        });
      }
      return results;
    } finally {
      db.close();
    }
  },
};

export default bench;
