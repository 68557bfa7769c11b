import type { ContactEvent } from './contactView.ts';
import type { LifecycleStage, LifecycleThresholds } from './rule.ts';

const DAY = 86_400_000;

/**
 * A contact's lifecycle stage at `now`: new when they were first seen within `newDays` (their first event, or
 * when the store got them if that was earlier: a contact added last week with no events yet is new, one
 * imported today with two years of history is not); otherwise active, lapsed or dormant by how long ago their
 * last event was. No events and not new: dormant. Events and a creation after `now` do not count yet.
 */
export function lifecycleStage(events: readonly ContactEvent[], thresholds: LifecycleThresholds, now: number, createdAt?: number): LifecycleStage {
  let first = createdAt !== undefined && createdAt <= now ? createdAt : Infinity;
  let last = -Infinity;
  for (const event of events) {
    if (event.at > now) continue;
    first = Math.min(first, event.at);
    last = Math.max(last, event.at);
  }
  if (first !== Infinity && first > now - thresholds.newDays * DAY) return 'new';
  if (last === -Infinity) return 'dormant';
  if (last > now - thresholds.activeDays * DAY) return 'active';
  if (last > now - thresholds.lapsedDays * DAY) return 'lapsed';
  return 'dormant';
}
