import { seededRandom, type Random } from '../util/random.ts';
import { logBeta } from './distributions.ts';
import { checkCounts } from './proportion.ts';

/** A Beta(alpha, beta) belief about a rate. */
export interface BetaDistribution {
  alpha: number;
  beta: number;
}

/** A flat prior, Beta(1, 1): every rate equally likely before the first contact arrives. */
export const uniformPrior: BetaDistribution = { alpha: 1, beta: 1 };

/** The Beta-Binomial update: prior Beta(a, b) and s successes in n trials give Beta(a + s, b + n - s). */
export function betaPosterior(successes: number, trials: number, prior: BetaDistribution = uniformPrior): BetaDistribution {
  checkCounts(successes, trials);
  return { alpha: prior.alpha + successes, beta: prior.beta + trials - successes };
}

export function betaMean({ alpha, beta }: BetaDistribution): number {
  return alpha / (alpha + beta);
}

function betaSd({ alpha, beta }: BetaDistribution): number {
  const total = alpha + beta;
  return Math.sqrt((alpha * beta) / (total * total * (total + 1)));
}

function logBetaDensity({ alpha, beta }: BetaDistribution, x: number): number {
  return (alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x) - logBeta(alpha, beta);
}

/** How many grid points the two-variant integral uses: its error is far below the 1% the screen rounds to. */
const GRID_POINTS = 4000;
/** Default Monte Carlo draws for three or more variants: the standard error of each probability is under 0.25%. */
const DRAWS = 40_000;

/**
 * For each variant, the posterior probability that its rate is the highest. Two variants are integrated
 * numerically (deterministic, exact to ~1e-6); three or more are estimated by drawing from the posteriors
 * with a seeded generator, so the same counts always give the same answer.
 */
export function probabilityBest(posteriors: readonly BetaDistribution[], options: { seed?: number; draws?: number } = {}): number[] {
  if (posteriors.length === 0) return [];
  if (posteriors.length === 1) return [1];
  if (posteriors.length === 2) {
    const bBeatsA = probabilityGreater(posteriors[1], posteriors[0]);
    return [1 - bBeatsA, bBeatsA];
  }
  return monteCarloBest(posteriors, seededRandom(options.seed ?? 1), options.draws ?? DRAWS);
}

/**
 * P(X > Y) for independent X ~ first, Y ~ second: the integral of f_X(x)·F_Y(x) dx, on a grid spanning
 * both posteriors' mass (each posterior's mean ± 12 standard deviations, clipped to (0, 1)).
 */
export function probabilityGreater(first: BetaDistribution, second: BetaDistribution): number {
  const spans = [first, second].map((d) => [betaMean(d) - 12 * betaSd(d), betaMean(d) + 12 * betaSd(d)]);
  const low = Math.max(Math.min(spans[0][0], spans[1][0]), 0);
  const high = Math.min(Math.max(spans[0][1], spans[1][1]), 1);
  const step = (high - low) / GRID_POINTS;
  const weights = (d: BetaDistribution) => {
    const w = new Float64Array(GRID_POINTS);
    let total = 0;
    for (let i = 0; i < GRID_POINTS; i++) {
      // Cell midpoints keep away from the endpoints, where a Beta density can be 0 or unbounded.
      const x = low + (i + 0.5) * step;
      w[i] = Math.exp(logBetaDensity(d, x));
      total += w[i];
    }
    for (let i = 0; i < GRID_POINTS; i++) w[i] /= total;
    return w;
  };
  const wx = weights(first);
  const wy = weights(second);
  let probability = 0;
  let cumulativeY = 0;
  for (let i = 0; i < GRID_POINTS; i++) {
    // Y's CDF at this cell counts half the cell's own mass (ties split evenly).
    probability += wx[i] * (cumulativeY + wy[i] / 2);
    cumulativeY += wy[i];
  }
  return Math.min(1, Math.max(0, probability));
}

function monteCarloBest(posteriors: readonly BetaDistribution[], random: Random, draws: number): number[] {
  const wins = new Array<number>(posteriors.length).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = -1;
    posteriors.forEach((posterior, i) => {
      const value = sampleBeta(posterior, random);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    wins[best]++;
  }
  return wins.map((w) => w / draws);
}

/** A Beta draw as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function sampleBeta({ alpha, beta }: BetaDistribution, random: Random): number {
  const x = sampleGamma(alpha, random);
  const y = sampleGamma(beta, random);
  return x / (x + y);
}

/** Marsaglia and Tsang's method (2000) for Gamma(shape, 1); shapes below 1 use the boost Gamma(shape + 1)·U^(1/shape). */
function sampleGamma(shape: number, random: Random): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(1 - random.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Box-Muller; one of the pair is enough here. */
function sampleNormal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
