import type { Bench, BenchResult } from './harness.ts';
import { openDatabase } from '../../electron/store/database.ts';
import { SegmentEvaluator } from '../../electron/services/segments/segmentEvaluator.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { BENCH_NOW } from './benchData.ts';
import { syntheticWorkspace } from './syntheticWorkspace.ts';

/** BENCH_SEGMENT_CONTACTS (default 1,000,000) contacts with 10 events each. */
const segmentContacts = Number(process.env.BENCH_SEGMENT_CONTACTS ?? 1_000_000);

const DAY = 86_400_000;

/**
 * Times two ways of getting the same value, alternating them (after a warm-up of each) so that the page cache
 * and the machine's load treat both alike; the medians of `runs` timings each.
 */
function timedPair<T>(ours: () => T, reference: () => T, runs = 9) {
  let oursValue = ours();
  let referenceValue = reference();
  const oursMs: number[] = [];
  const referenceMs: number[] = [];
  const time = (fn: () => T, into: number[]) => {
    const started = performance.now();
    const value = fn();
    into.push(performance.now() - started);
    return value;
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      oursValue = time(ours, oursMs);
      referenceValue = time(reference, referenceMs);
    } else {
      referenceValue = time(reference, referenceMs);
      oursValue = time(ours, oursMs);
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { ours: { ms: median(oursMs), value: oursValue }, reference: { ms: median(referenceMs), value: referenceValue } };
}

const opened = (since: number): Rule => ({ type: 'event-count', event: { name: 'email_opened', filters: [] }, op: 'gte', count: 2, window: { amount: since, unit: 'days' } });
const noPurchase: Rule = { type: 'last-event', event: { name: 'purchased', filters: [] }, within: false, window: { amount: 30, unit: 'days' } };

const cases: Array<{ name: string; rule: Rule; sql: string; params: unknown[] }> = [
  {
    name: 'segment count: vip tag, 2+ opens in 30 days, no purchase in 30 days',
    rule: { type: 'all', rules: [{ type: 'tag', tag: 'vip', has: true }, opened(30), noPurchase] },
    sql: `SELECT COUNT(*) FROM contacts c
          WHERE instr(c.tags, char(31) || 'vip' || char(31)) > 0
            AND (SELECT COUNT(*) FROM events e WHERE e.contact_id = c.id AND e.name = 'email_opened' AND e.occurred_at > ? AND e.occurred_at <= ?) >= 2
            AND NOT EXISTS (SELECT 1 FROM events e WHERE e.contact_id = c.id AND e.name = 'purchased' AND e.occurred_at > ? AND e.occurred_at <= ?)`,
    params: [BENCH_NOW - 30 * DAY, BENCH_NOW, BENCH_NOW - 30 * DAY, BENCH_NOW],
  },
  {
    name: 'segment count: country in (US, GB, DE), 2+ opens in 30 days, no purchase in 30 days',
    rule: { type: 'all', rules: [{ type: 'attribute', attribute: 'country', op: 'in', value: ['US', 'GB', 'DE'] }, opened(30), noPurchase] },
    sql: `SELECT COUNT(*) FROM contacts c
          WHERE c.country COLLATE NOCASE IN ('US', 'GB', 'DE')
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
        const statement = db.prepare(c.sql).pluck();
        const { ours, reference } = timedPair(
          () => evaluator.count(c.rule, BENCH_NOW),
          () => statement.get(...c.params) as number,
        );
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
