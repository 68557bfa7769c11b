import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './distributions.ts';
import { proportion, wilsonInterval } from './proportion.ts';
import { twoProportionZTest } from './zTest.ts';
import { betaPosterior, probabilityBest, probabilityGreater } from './betaPosterior.ts';
import { sampleSizePerVariant } from './sampleSize.ts';

describe('normal distribution', () => {
  it('matches the printed table', () => {
    // Standard normal table values.
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-1.645)).toBeCloseTo(0.05, 4);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
  });
});

describe('rates and Wilson intervals', () => {
  it('reports a rate of nothing as null, not 0%', () => {
    expect(proportion(0, 0)).toEqual({ successes: 0, trials: 0, rate: null });
    expect(proportion(3, 12).rate).toBe(0.25);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('matches the score intervals published by Newcombe (1998), Table I', () => {
    // Newcombe RG. Two-sided confidence intervals for the single proportion. Stat Med 1998;17:857-872, method 3.
    const cases: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [s, n, low, high] of cases) {
      const interval = wilsonInterval(s, n)!;
      expect(interval.low).toBeCloseTo(low, 4);
      expect(interval.high).toBeCloseTo(high, 4);
    }
  });

  it('stays within [0, 1] at the extremes and refuses impossible counts', () => {
    expect(wilsonInterval(20, 20)!.high).toBe(1);
    expect(wilsonInterval(0, 5)!.low).toBe(0);
    expect(() => wilsonInterval(6, 5)).toThrow(/6 successes out of only 5/);
    expect(() => proportion(-1, 5)).toThrow(/whole numbers/);
  });
});

describe('two-proportion z-test', () => {
  it('agrees with the test worked by hand', () => {
    // A: 200 of 1000 (20%), B: 250 of 1000 (25%).
    // pooled p = 450 / 2000 = 0.225; SE = sqrt(0.225 * 0.775 * (1/1000 + 1/1000)) = sqrt(0.00034875) = 0.0186748
    // z = 0.05 / 0.0186748 = 2.6774; two-sided p = 2 * (1 - Φ(2.6774)) = 2 * (1 - 0.99629) = 0.00742
    const test = twoProportionZTest(200, 1000, 250, 1000)!;
    expect(test.difference).toBeCloseTo(0.05, 10);
    expect(test.z).toBeCloseTo(2.6774, 4);
    expect(test.pValue).toBeCloseTo(0.00742, 4);
  });

  it('is symmetric and undefined without variation', () => {
    expect(twoProportionZTest(250, 1000, 200, 1000)!.z).toBeCloseTo(-2.6774, 4);
    expect(twoProportionZTest(0, 10, 0, 10)).toBeNull();
    expect(twoProportionZTest(0, 0, 1, 10)).toBeNull();
  });
});

describe('Beta-Binomial posterior', () => {
  it('updates a flat prior by the counts', () => {
    expect(betaPosterior(12, 40)).toEqual({ alpha: 13, beta: 29 });
  });

  it('gives the probability worked by hand for one contact each', () => {
    // A: 0 of 1 -> Beta(1, 2), density 2(1 - x), CDF 2x - x². B: 1 of 1 -> Beta(2, 1), density 2y.
    // P(B > A) = ∫ 2y (2y - y²) dy over [0, 1] = 4/3 - 1/2 = 5/6.
    expect(probabilityGreater(betaPosterior(1, 1), betaPosterior(0, 1))).toBeCloseTo(5 / 6, 5);
    const [a, b] = probabilityBest([betaPosterior(0, 1), betaPosterior(1, 1)]);
    expect(b).toBeCloseTo(5 / 6, 5);
    expect(a + b).toBeCloseTo(1, 10);
  });

  it('agrees with the closed-form sum for integer parameters on realistic counts', () => {
    // Evan Miller, "Formulas for Bayesian A/B Testing": for integer alpha_B,
    // P(pB > pA) = Σ_{i=0}^{αB-1} B(αA+i, βA+βB) / ((βB+i) B(1+i, βB) B(αA, βA)).
    // B(a, b) of integers from log-factorials summed here, independently of the code under test.
    const logFactorial = (n: number) => {
      let sum = 0;
      for (let k = 2; k <= n; k++) sum += Math.log(k);
      return sum;
    };
    const logB = (a: number, b: number) => logFactorial(a - 1) + logFactorial(b - 1) - logFactorial(a + b - 1);
    const closedForm = (aA: number, bA: number, aB: number, bB: number) => {
      let total = 0;
      for (let i = 0; i < aB; i++) total += Math.exp(logB(aA + i, bA + bB) - Math.log(bB + i) - logB(1 + i, bB) - logB(aA, bA));
      return total;
    };
    for (const [sA, nA, sB, nB] of [
      [20, 100, 30, 100],
      [120, 1000, 134, 1000],
      [45, 2400, 61, 2350],
    ]) {
      const a = betaPosterior(sA, nA);
      const b = betaPosterior(sB, nB);
      expect(probabilityGreater(b, a)).toBeCloseTo(closedForm(a.alpha, a.beta, b.alpha, b.beta), 4);
    }
  });

  it('estimates three or more variants by seeded Monte Carlo, reproducibly', () => {
    const even = probabilityBest([betaPosterior(50, 500), betaPosterior(50, 500), betaPosterior(50, 500)], { seed: 7 });
    for (const p of even) {
      expect(p).toBeGreaterThan(0.31);
      expect(p).toBeLessThan(0.355);
    }
    expect(even.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 10);
    expect(probabilityBest([betaPosterior(50, 500), betaPosterior(50, 500), betaPosterior(50, 500)], { seed: 7 })).toEqual(even);

    // With two of three variants far behind, the three-way answer is the two-way one for the leaders.
    const posteriors = [betaPosterior(100, 1000), betaPosterior(118, 1000), betaPosterior(10, 1000)];
    const three = probabilityBest(posteriors, { seed: 3 });
    const two = probabilityBest(posteriors.slice(0, 2));
    expect(three[2]).toBe(0);
    expect(three[1]).toBeCloseTo(two[1], 2);
  });
});

describe('sample-size calculator', () => {
  it('matches the textbook example: 10% -> 12%, alpha 0.05 two-sided, power 0.8', () => {
    // R: power.prop.test(p1 = 0.10, p2 = 0.12, power = 0.80) gives n = 3840.847 per group (pooled-variance formula,
    // Fleiss, Levin & Paik, 3rd ed., eq. 4.14 without continuity correction); rounded up, 3,841.
    expect(sampleSizePerVariant({ baseline: 0.1, target: 0.12 })).toBe(3841);
  });

  it('needs more contacts for smaller lifts and more power, and refuses nonsense', () => {
    const base = sampleSizePerVariant({ baseline: 0.1, target: 0.12 });
    expect(sampleSizePerVariant({ baseline: 0.1, target: 0.11 })).toBeGreaterThan(3 * base);
    expect(sampleSizePerVariant({ baseline: 0.1, target: 0.12, power: 0.9 })).toBeGreaterThan(base);
    expect(sampleSizePerVariant({ baseline: 0.12, target: 0.1 })).toBe(base); // the formula is symmetric
    expect(() => sampleSizePerVariant({ baseline: 0.1, target: 0.1 })).toThrow(/differ/);
    expect(() => sampleSizePerVariant({ baseline: 0, target: 0.1 })).toThrow(/baseline must be a rate/);
  });
});
