/**
 * Scores that segments also use: engagement score, RFM group and lifecycle stage.
 *
 * PROVISIONAL: the segment engineer owns the shared definition of these scores (issue on segments / RFM). Until it
 * lands in shared/, templates compute them here, in this one module, from the contact's events; when the shared
 * definition exists, replace the bodies below with calls to it so a template and a segment never disagree.
 */

const DAY = 86_400_000;

export interface PurchaseSummary {
  orderCount: number;
  totalSpent: number;
  /** Epoch ms of the latest purchase, undefined when none. */
  lastPurchaseAt: number | undefined;
}

/** Weights of engagement signals over the last 90 days; the score is their sum, capped at 100. */
const engagementWeights: Record<string, number> = {
  email_opened: 2,
  email_clicked: 5,
  page_viewed: 1,
  product_viewed: 1,
  added_to_cart: 3,
  purchased: 10,
};

/** 0 to 100: how much the contact did in the last 90 days. */
export function engagementScore(events: ReadonlyArray<{ name: string; at: number }>, now: number): number {
  const since = now - 90 * DAY;
  let score = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event.at < since) break; // events are oldest first
    if (event.at > now) continue;
    score += engagementWeights[event.name] ?? 0;
    if (score >= 100) return 100;
  }
  return score;
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

/** lead (never bought), new_customer (one order), repeat_customer, or lapsed (no order for 180 days). */
export function lifecycleStage(purchases: PurchaseSummary, now: number): string {
  if (!purchases.orderCount || purchases.lastPurchaseAt === undefined) return 'lead';
  if (now - purchases.lastPurchaseAt > 180 * DAY) return 'lapsed';
  return purchases.orderCount === 1 ? 'new_customer' : 'repeat_customer';
}
