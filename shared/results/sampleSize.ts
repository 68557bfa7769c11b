import { normalQuantile } from './distributions.ts';

export interface SampleSizeInput {
  /** The control's rate, e.g. 0.10. */
  baseline: number;
  /** The rate the variant must reach to count, e.g. 0.12 (a 2-point lift). */
  target: number;
  /** Two-sided significance level. */
  alpha?: number;
  /** Probability of detecting the lift when it is real. */
  power?: number;
}

/**
 * Contacts needed in EACH variant to detect baseline -> target with a two-sided two-proportion z-test:
 *
 *   n = ( z(1-α/2)·sqrt(2·p̄·(1-p̄)) + z(power)·sqrt(p1(1-p1) + p2(1-p2)) )² / (p2 - p1)²,   p̄ = (p1 + p2) / 2
 *
 * the pooled-variance formula without continuity correction (Fleiss, Levin & Paik, Statistical Methods for
 * Rates and Proportions, 3rd ed., §4.2; what R's power.prop.test solves). Rounded up to whole contacts.
 */
export function sampleSizePerVariant({ baseline, target, alpha = 0.05, power = 0.8 }: SampleSizeInput): number {
  for (const [name, value] of Object.entries({ baseline, target }))
    if (!(value > 0 && value < 1)) throw new RangeError(`${name} must be a rate strictly between 0 and 1 (got ${value})`);
  if (baseline === target) throw new RangeError('the target rate must differ from the baseline');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1 (got ${alpha})`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be between 0 and 1 (got ${power})`);
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zBeta = normalQuantile(power);
  const mean = (baseline + target) / 2;
  const numerator =
    zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(baseline * (1 - baseline) + target * (1 - target));
  return Math.ceil((numerator * numerator) / ((target - baseline) * (target - baseline)));
}
