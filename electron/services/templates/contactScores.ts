import type { ContactEvent } from '../../../shared/rules/contactView.ts';
import { engagementScore as sharedEngagementScore } from '../../../shared/rules/engagement.ts';
import { lifecycleStage as sharedLifecycleStage } from '../../../shared/rules/lifecycle.ts';
import type { RfmCuts } from '../../../shared/rules/population.ts';
import { rfmGroupOf, rfmMeasures, rfmScore } from '../../../shared/rules/rfm.ts';
import { defaultEngagementModel, LifecycleThresholds, type RfmGroup, type LifecycleStage } from '../../../shared/rules/rule.ts';

/**
 * Scores that segments also use, so that a template and a segment never disagree: the engagement score, the
 * lifecycle stage and the RFM group all come from shared/rules. The defaults are built once: a zod parse per
 * render would cost more than the score.
 */
const engagementModel = defaultEngagementModel();
const lifecycleThresholds = LifecycleThresholds.parse({});

/** The engagement score segments use (time-decayed, weighted; shared/rules/engagement.ts), with the default weights. */
export function engagementScore(events: readonly ContactEvent[], now: number): number {
  return sharedEngagementScore(events, engagementModel, now);
}

/**
 * The RFM group a segment's rfm-group rule puts the contact in: recency and frequency scored against the
 * workspace's quintile cuts (shared/rules/rfm.ts). Null for a contact who never bought, and when there are no
 * cuts (nobody bought, or the caller did not pass them), as the segment rule is then false for everyone.
 */
export function rfmGroup(events: readonly ContactEvent[], now: number, cuts: RfmCuts | undefined): RfmGroup | null {
  if (!cuts || cuts.recency.length === 0) return null;
  const measures = rfmMeasures(events, now);
  if (!measures) return null;
  return rfmGroupOf(rfmScore('recency', measures, cuts), rfmScore('frequency', measures, cuts));
}

/**
 * The lifecycle stage segments use (new, active, lapsed, dormant; shared/rules/lifecycle.ts), default thresholds.
 * `createdAt` counts as a first sign of life, as it does for segments.
 */
export function lifecycleStage(events: readonly ContactEvent[], now: number, createdAt?: number): LifecycleStage {
  return sharedLifecycleStage(events, lifecycleThresholds, now, createdAt);
}
