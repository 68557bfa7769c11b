import { describe, expect, it } from 'vitest';
import { evaluateRule } from './evaluate.ts';
import { percentileKey, quantilesOf, quintileCuts } from './population.ts';
import { rfmGroupOf, rfmMeasures, rfmScore, rfmGroupTable } from './rfm.ts';
import { engagementScore } from './engagement.ts';
import { lifecycleStage } from './lifecycle.ts';
import { Rule, defaultEngagementModel, rfmGroups } from './rule.ts';
import type { ContactView } from './contactView.ts';

const NOW = Date.UTC(2026, 0, 31);
const DAY = 86_400_000;
const contact = (attributes: Record<string, unknown>, events: ContactView['events'] = []): ContactView => ({ id: 1, email: 'a@example.com', attributes, tags: new Set(), events });
const purchase = (daysAgo: number, amount: number) => ({ name: 'purchased', at: NOW - daysAgo * DAY, properties: { amount } });

describe('RFM', () => {
  // Ten buyers: buyer i bought i times, last i days ago... reversed for recency, spent 10*i dollars each time.
  const buyers = Array.from({ length: 10 }, (_, k) => {
    const i = k + 1;
    return Array.from({ length: i }, (_, n) => purchase(11 - i + n * 30, 10));
  });
  const measures = buyers.map((events) => rfmMeasures(events, NOW)!);
  const cuts = {
    recency: quintileCuts(measures.map((m) => m.recencyMs)),
    frequency: quintileCuts(measures.map((m) => m.frequency)),
    monetary: quintileCuts(measures.map((m) => m.monetaryCents)),
  };

  it('scores by quintile: two buyers per score out of ten', () => {
    expect(measures.map((m) => rfmScore('frequency', m, cuts))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(measures.map((m) => rfmScore('monetary', m, cuts))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Buyer 10's last purchase was 1 day ago, buyer 1's 10 days ago: recent buyers score high.
    expect(measures.map((m) => rfmScore('recency', m, cuts))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('names the groups from recency and frequency', () => {
    expect(measures.map((m) => rfmGroupOf(rfmScore('recency', m, cuts), rfmScore('frequency', m, cuts)))).toEqual([
      'lost', 'lost', 'hibernating', 'hibernating', 'loyal', 'loyal', 'champions', 'champions', 'champions', 'champions',
    ]);
    expect(rfmGroupOf(5, 1)).toBe('new');
    expect(rfmGroupOf(3, 2)).toBe('potential-loyalist');
    expect(rfmGroupOf(1, 5)).toBe('at-risk');
    // Every (R, F) pair lands in exactly one group, and every group is reachable.
    const reached = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) reached.add(rfmGroupOf(r, f));
    expect([...reached].sort()).toEqual([...rfmGroups].sort());
    expect(rfmGroupTable.map((g) => g.group).sort()).toEqual([...rfmGroups].sort());
  });

  it('puts a buyer in an RFM rule only with the population cuts, and never a non-buyer', () => {
    const rule = Rule.parse({ type: 'rfm-group', group: 'champions' });
    expect(evaluateRule(rule, contact({}, buyers[9]), { now: NOW, population: { rfm: cuts } })).toBe(true);
    expect(evaluateRule(rule, contact({}, buyers[9]), { now: NOW })).toBe(false);
    expect(evaluateRule(rule, contact({}, []), { now: NOW, population: { rfm: cuts } })).toBe(false);
    expect(evaluateRule({ type: 'not', rule }, contact({}, []), { now: NOW, population: { rfm: cuts } })).toBe(true);
  });
});

describe('percentiles', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
  const quantiles = quantilesOf(values);
  const rule = (percent: number, direction: 'top' | 'bottom' = 'top') =>
    Rule.parse({ type: 'percentile', of: { kind: 'attribute', attribute: 'ltv' }, direction, percent });
  const population = { quantiles: { [percentileKey({ kind: 'attribute', attribute: 'ltv' })]: quantiles } };
  const matching = (r: Rule) => values.filter((v) => evaluateRule(r, contact({ ltv: v }), { now: NOW, population }));

  it('top 20% of 1..100 is 80..100 (the cut value itself included), bottom 10% is 1..10', () => {
    expect(matching(rule(20))).toEqual(values.filter((v) => v >= 80));
    expect(matching(rule(20)).length).toBe(21); // 80 is the 80th percentile value itself
    expect(matching(rule(10, 'bottom'))).toEqual(values.filter((v) => v <= 10));
  });

  it('reads numeric text and skips contacts without a number', () => {
    expect(evaluateRule(rule(20), contact({ ltv: ' 95 ' }), { now: NOW, population })).toBe(true);
    expect(evaluateRule(rule(20), contact({ ltv: 'lots' }), { now: NOW, population })).toBe(false);
    expect(evaluateRule(rule(20), contact({}), { now: NOW, population })).toBe(false);
  });

  it('ranks by engagement score with the default weights', () => {
    const model = defaultEngagementModel();
    const events = [
      { name: 'email_opened', at: NOW, properties: {} },
      { name: 'email_clicked', at: NOW - 30 * DAY, properties: {} }, // one half-life ago: 1.5
      { name: 'purchased', at: NOW + DAY, properties: {} }, // the future does not count
    ];
    expect(engagementScore(events, model, NOW)).toBe(2.5);
  });
});

describe('lifecycle stage', () => {
  const thresholds = { newDays: 30, activeDays: 30, lapsedDays: 90 };
  const at = (daysAgo: number) => ({ name: 'page_viewed', at: NOW - daysAgo * DAY, properties: {} });
  it('is new, active, lapsed or dormant by first and last activity', () => {
    expect(lifecycleStage([at(10)], thresholds, NOW)).toBe('new');
    expect(lifecycleStage([at(100), at(5)], thresholds, NOW)).toBe('active');
    expect(lifecycleStage([at(100), at(60)], thresholds, NOW)).toBe('lapsed');
    expect(lifecycleStage([at(200), at(120)], thresholds, NOW)).toBe('dormant');
    expect(lifecycleStage([], thresholds, NOW)).toBe('dormant');
  });

  it('counts a recent creation as a first sign of life, but not over an older history', () => {
    const created = (daysAgo: number) => NOW - daysAgo * DAY;
    expect(lifecycleStage([], thresholds, NOW, created(3))).toBe('new'); // added last week, no events yet
    expect(lifecycleStage([], thresholds, NOW, created(60))).toBe('dormant');
    expect(lifecycleStage([at(200), at(5)], thresholds, NOW, created(1))).toBe('active'); // imported yesterday with old history
    expect(lifecycleStage([at(10)], thresholds, NOW, created(45))).toBe('active'); // known for 45 days
    expect(lifecycleStage([], thresholds, NOW, NOW + DAY)).toBe('dormant'); // created after now: not yet
  });
});
