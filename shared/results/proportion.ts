import { normalQuantile } from './distributions.ts';

/** A rate with its counts, so that screens always show both: 12 of 400 is not the same news as 3 of 100. */
export interface Proportion {
  successes: number;
  trials: number;
  /** successes / trials, or null when there were no trials (a rate of nothing is not 0%). */
  rate: number | null;
}

export interface Interval {
  low: number;
  high: number;
}

export function proportion(successes: number, trials: number): Proportion {
  checkCounts(successes, trials);
  return { successes, trials, rate: trials === 0 ? null : successes / trials };
}

/**
 * The Wilson score interval for a binomial rate. Unlike the textbook p ± z·sqrt(p(1-p)/n) it stays inside
 * [0, 1] and behaves at 0 and n successes, which is where small email tests live.
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval | null {
  checkCounts(successes, trials);
  if (trials === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  // At 0 or n successes the bound is exactly 0 or 1; rounding must not push it past.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

export function checkCounts(successes: number, trials: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0) {
    throw new RangeError(`counts must be whole numbers >= 0 (got ${successes} of ${trials})`);
  }
  if (successes > trials) throw new RangeError(`${successes} successes out of only ${trials} trials`);
}
