import type { ContactEvent } from './contactView.ts';
import type { EngagementModel } from './rule.ts';

const DAY = 86_400_000;

/**
 * Scores are kept to millionths so that the SQL twin (which adds the same terms in another order and with
 * the C library's pow) lands on exactly the same number.
 */
export const ENGAGEMENT_PRECISION = 1_000_000;

/**
 * The engagement score: each event up to `now` is worth its weight, halved for every `halfLifeDays` since it
 * happened. Opens, clicks, cart adds and purchases by default (1, 3, 5, 10).
 */
export function engagementScore(events: readonly ContactEvent[], model: EngagementModel, now: number): number {
  const halfLifeMs = model.halfLifeDays * DAY;
  let sum = 0;
  for (const event of events) {
    const weight = model.weights[event.name];
    if (!weight || event.at > now) continue;
    sum += weight * Math.pow(0.5, (now - event.at) / halfLifeMs);
  }
  return Math.round(sum * ENGAGEMENT_PRECISION) / ENGAGEMENT_PRECISION;
}
