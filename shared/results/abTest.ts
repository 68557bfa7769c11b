import { betaPosterior, probabilityBest } from './betaPosterior.ts';
import { wilsonInterval, type Interval } from './proportion.ts';
import { sampleSizePerVariant } from './sampleSize.ts';
import { twoProportionZTest, type ZTest } from './zTest.ts';

export const abMetrics = ['conversion', 'open', 'click'] as const;
export type AbMetric = (typeof abMetrics)[number];

export interface VariantCounts {
  id: string;
  name: string;
  /** Contacts who reached this variant (the denominator). */
  trials: number;
  /** Of them, those who converted / opened / clicked. */
  successes: number;
}

export interface AbOptions {
  metric: AbMetric;
  /** Confidence of the intervals shown. */
  confidence?: number;
  /** Probability of being best at which a variant is called the winner. */
  decisionThreshold?: number;
  /** The smallest lift worth detecting, in absolute rate (0.02 = 2 points), for "how many more contacts". */
  minimumLift?: number;
  alpha?: number;
  power?: number;
  seed?: number;
}

export interface VariantResult extends VariantCounts {
  label: string;
  rate: number | null;
  interval: Interval | null;
  probabilityBest: number;
}

export type VerdictKind = 'no-data' | 'winner' | 'not-enough-data' | 'no-clear-winner';

export interface Verdict {
  kind: VerdictKind;
  text: string;
  /** The variant ahead (highest probability of being best), when there is data. */
  leaderId: string | null;
  /** Contacts per variant still needed to detect the minimum lift, when more are needed. */
  morePerVariant: number | null;
}

export interface AbAnalysis {
  metric: AbMetric;
  variants: VariantResult[];
  /** First variant (the control) against the best other, when both have contacts. */
  zTest: ZTest | null;
  /** Contacts per variant the test needs to detect the minimum lift over the control's rate. */
  requiredPerVariant: number | null;
  verdict: Verdict;
}

const verbs: Record<AbMetric, string> = {
  conversion: 'converts better',
  open: 'gets more opens',
  click: 'gets more clicks',
};

/** 'Variant B (Discount)': letters follow the split's order, so the control is A. */
export function variantLabel(index: number, name: string): string {
  const letter = index < 26 ? String.fromCharCode(65 + index) : String(index + 1);
  return name ? `Variant ${letter} (${name})` : `Variant ${letter}`;
}

/** 94% for 0.94; never claims 100% or 0% from a finite sample. */
export function formatProbability(p: number): string {
  if (p > 0.99) return '>99%';
  if (p < 0.01) return '<1%';
  return `${Math.round(p * 100)}%`;
}

/** 1,800 for 1,784: a forecast of contacts needed is no more precise than two significant figures. */
export function roughCount(n: number): string {
  if (n < 100) return String(Math.ceil(n));
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return (Math.round(n / magnitude) * magnitude).toLocaleString('en-US');
}

const points = (lift: number) => `${Number((lift * 100).toFixed(2))}-point`;

/**
 * Everything the A/B panel shows for one split: each variant's rate with its Wilson interval, the posterior
 * probability that each is best (flat Beta(1, 1) priors), a z-test of control against the best challenger,
 * and a verdict in plain words.
 */
export function analyseAbTest(counts: readonly VariantCounts[], options: AbOptions): AbAnalysis {
  const { metric, confidence = 0.95, decisionThreshold = 0.95, minimumLift = 0.02, alpha = 0.05, power = 0.8, seed = 1 } = options;
  const probabilities = probabilityBest(
    counts.map((c) => betaPosterior(c.successes, c.trials)),
    { seed },
  );
  const variants: VariantResult[] = counts.map((c, i) => ({
    ...c,
    label: variantLabel(i, c.name),
    rate: c.trials === 0 ? null : c.successes / c.trials,
    interval: wilsonInterval(c.successes, c.trials, confidence),
    probabilityBest: probabilities[i],
  }));

  const control = variants[0];
  const challengers = variants.slice(1).filter((v) => v.trials > 0);
  const bestChallenger = challengers.reduce<VariantResult | undefined>((best, v) => (!best || (v.rate ?? 0) > (best.rate ?? 0) ? v : best), undefined);
  const zTest = control && control.trials > 0 && bestChallenger ? twoProportionZTest(control.successes, control.trials, bestChallenger.successes, bestChallenger.trials) : null;

  // The baseline for "how many contacts" is the control's observed rate, kept where the formula is defined.
  const baseline = Math.min(Math.max(control?.rate ?? 0, 0.001), 0.999 - minimumLift);
  const requiredPerVariant = minimumLift > 0 && minimumLift < 1 ? sampleSizePerVariant({ baseline, target: baseline + minimumLift, alpha, power }) : null;

  return { metric, variants, zTest, requiredPerVariant, verdict: verdictOf(variants, requiredPerVariant, decisionThreshold, minimumLift, metric) };
}

function verdictOf(variants: VariantResult[], required: number | null, threshold: number, minimumLift: number, metric: AbMetric): Verdict {
  if (variants.length < 2 || variants.some((v) => v.trials === 0)) {
    return { kind: 'no-data', text: 'No data yet: every variant needs contacts before the variants can be compared.', leaderId: null, morePerVariant: null };
  }
  const leader = variants.reduce((best, v) => (v.probabilityBest > best.probabilityBest ? v : best));
  const claim = `${leader.label} ${verbs[metric]} with ${formatProbability(leader.probabilityBest)} probability`;
  if (leader.probabilityBest >= threshold) return { kind: 'winner', text: claim, leaderId: leader.id, morePerVariant: null };
  const fewest = Math.min(...variants.map((v) => v.trials));
  if (required !== null && fewest < required) {
    const more = required - fewest;
    return {
      kind: 'not-enough-data',
      text: `Not enough data yet: about ${roughCount(more)} more contacts per variant needed for a ${points(minimumLift)} lift`,
      leaderId: leader.id,
      morePerVariant: more,
    };
  }
  return {
    kind: 'no-clear-winner',
    text: `${claim}: short of the ${formatProbability(threshold)} needed to call it; any real difference is likely under ${points(minimumLift).replace('-point', ' points')}`,
    leaderId: leader.id,
    morePerVariant: null,
  };
}
