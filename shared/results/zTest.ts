import { normalCdf } from './distributions.ts';
import { checkCounts } from './proportion.ts';

export interface ZTest {
  /** rate B minus rate A. */
  difference: number;
  z: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * The two-proportion z-test with the pooled standard error (the classical test of H0: pA = pB).
 * Null when a side has no trials or the pooled rate is 0 or 1 (no variation to test).
 */
export function twoProportionZTest(successesA: number, trialsA: number, successesB: number, trialsB: number): ZTest | null {
  checkCounts(successesA, trialsA);
  checkCounts(successesB, trialsB);
  if (trialsA === 0 || trialsB === 0) return null;
  const pA = successesA / trialsA;
  const pB = successesB / trialsB;
  const pooled = (successesA + successesB) / (trialsA + trialsB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB));
  if (se === 0) return null;
  const z = (pB - pA) / se;
  return { difference: pB - pA, z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}
