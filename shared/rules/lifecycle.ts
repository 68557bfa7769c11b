import type { ContactEvent } from './contactView.ts';
import type { LifecycleStage, LifecycleThresholds } from './rule.ts';

const DAY = 86_400_000;

/**
 * A contact's lifecycle stage from their events up to `now`: new when their first event is within
 * `newDays`; otherwise active, lapsed or dormant by how long ago their last event was. No events: dormant.
 */
export function lifecycleStage(events: readonly ContactEvent[], thresholds: LifecycleThresholds, now: number): LifecycleStage {
  let first = Infinity;
  let last = -Infinity;
  for (const event of events) {
    if (event.at > now) continue;
    first = Math.min(first, event.at);
    last = Math.max(last, event.at);
  }
  if (last === -Infinity) return 'dormant';
  if (first > now - thresholds.newDays * DAY) return 'new';
  if (last > now - thresholds.activeDays * DAY) return 'active';
  if (last > now - thresholds.lapsedDays * DAY) return 'lapsed';
  return 'dormant';
}
