import type { ContactEvent } from '../../../shared/rules/contactView.ts';
import { engagementScore as sharedEngagementScore } from '../../../shared/rules/engagement.ts';
import { lifecycleStage as sharedLifecycleStage } from '../../../shared/rules/lifecycle.ts';
import { defaultEngagementModel, LifecycleThresholds, type LifecycleStage } from '../../../shared/rules/rule.ts';

/**
 * Scores that segments also use, so that a template and a segment never disagree: the engagement score and the
 * lifecycle stage come from shared/rules. The RFM group is still computed here from fixed bands, because the
 * segments' RFM scores are quintiles over the whole population (shared/rules/rfm.ts with population cuts), which
 * a single render does not have; passing the workspace's cuts to the renderer is the next step.
 */

const DAY = 86_400_000;

export interface PurchaseSummary {
  orderCount: number;
  totalSpent: number;
  /** Epoch ms of the latest purchase, undefined when none. */
  lastPurchaseAt: number | undefined;
}

/** The engagement score segments use (time-decayed, weighted; shared/rules/engagement.ts), with the default weights. */
export function engagementScore(events: readonly ContactEvent[], now: number): number {
  return sharedEngagementScore(events, defaultEngagementModel(), now);
}

const band = (value: number, thresholds: readonly number[]) => {
  let score = 1;
  for (const threshold of thresholds) if (value >= threshold) score++;
  return score;
};

/** RFM group name from recency, frequency and monetary scores (1 to 5 each); null for a contact who never bought. */
export function rfmGroup(purchases: PurchaseSummary, now: number): string | null {
  if (!purchases.orderCount || purchases.lastPurchaseAt === undefined) return null;
  const daysSince = (now - purchases.lastPurchaseAt) / DAY;
  const recency = 6 - band(daysSince, [30, 60, 90, 180]);
  const frequency = band(purchases.orderCount, [2, 3, 5, 10]);
  const monetary = band(purchases.totalSpent, [100, 200, 500, 1000]);
  if (recency >= 4 && frequency >= 4 && monetary >= 3) return 'champions';
  if (recency >= 3 && frequency >= 3) return 'loyal';
  if (recency >= 4 && frequency === 1) return 'new';
  if (recency >= 4) return 'promising';
  if (recency <= 2 && frequency >= 3) return 'at_risk';
  if (recency <= 2) return 'hibernating';
  return 'needs_attention';
}

/** The lifecycle stage segments use (new, active, lapsed, dormant; shared/rules/lifecycle.ts), default thresholds. */
export function lifecycleStage(events: readonly ContactEvent[], now: number): LifecycleStage {
  return sharedLifecycleStage(events, LifecycleThresholds.parse({}), now);
}
