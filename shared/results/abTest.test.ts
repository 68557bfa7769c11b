import { describe, expect, it } from 'vitest';
import { analyseAbTest, roughCount } from './abTest.ts';

const split = (a: [number, number], b: [number, number]) => [
  { id: 'v_a', name: 'Plain reminder', successes: a[0], trials: a[1] },
  { id: 'v_b', name: 'Discount', successes: b[0], trials: b[1] },
];

describe('A/B analysis and verdict', () => {
  it('names a winner once one variant is best with at least 95% probability', () => {
    const analysis = analyseAbTest(split([100, 1000], [135, 1000]), { metric: 'conversion' });
    expect(analysis.verdict.kind).toBe('winner');
    expect(analysis.verdict.leaderId).toBe('v_b');
    expect(analysis.verdict.text).toMatch(/^Variant B \(Discount\) converts better with (9[5-9]|>99)% probability$/);
    expect(analysis.variants[1].probabilityBest).toBeGreaterThan(0.95);
    expect(analysis.variants[0].interval!.low).toBeLessThan(0.1);
    expect(analysis.zTest!.pValue).toBeLessThan(0.05);
  });

  it('says how many more contacts are needed while the test is small', () => {
    // 10% baseline, 2-point lift: 3,841 per variant needed; 2,000 so far -> about 1,800 more.
    const analysis = analyseAbTest(split([200, 2000], [210, 2000]), { metric: 'conversion' });
    expect(analysis.requiredPerVariant).toBe(3841);
    expect(analysis.verdict).toMatchObject({ kind: 'not-enough-data', morePerVariant: 1841 });
    expect(analysis.verdict.text).toBe('Not enough data yet: about 1,800 more contacts per variant needed for a 2-point lift');
  });

  it('reports no clear winner when the test is large enough and the variants are close', () => {
    const analysis = analyseAbTest(split([400, 4000], [410, 4000]), { metric: 'open' });
    expect(analysis.verdict.kind).toBe('no-clear-winner');
    expect(analysis.verdict.text).toMatch(/^Variant B \(Discount\) gets more opens with \d+% probability: short of the 95%/);
  });

  it('waits for every variant to have contacts', () => {
    const analysis = analyseAbTest(split([3, 10], [0, 0]), { metric: 'click' });
    expect(analysis.verdict.kind).toBe('no-data');
    expect(analysis.variants[1].rate).toBeNull();
    expect(analysis.zTest).toBeNull();
  });

  it('rounds forecasts to two significant figures', () => {
    expect(roughCount(1841)).toBe('1,800');
    expect(roughCount(12_345)).toBe('12,000');
    expect(roughCount(87)).toBe('87');
  });
});
