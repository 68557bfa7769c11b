import type { JourneySettings } from '../journey/settings.ts';
import { durationMs } from '../util/duration.ts';
import type { RecentSend } from './types.ts';

const DAY = 86_400_000;
/** Opens and clicks without a Message-ID are tied to the latest email before them: look back at least this far. */
const ENGAGEMENT_REACH_MS = 35 * DAY;

/**
 * How far back a decision in this journey reads the contact's send history: the longest frequency-cap period, and
 * never less than the engagement tie-back. Every host (the live engine's store query, the simulator's in-memory
 * list, the forecast) cuts the history here, so a send just outside it counts nowhere.
 */
export function sendHistoryReach(settings: JourneySettings): number {
  let reach = ENGAGEMENT_REACH_MS;
  for (const limit of settings.frequencyCap?.limits ?? []) reach = Math.max(reach, durationMs(limit.period));
  return reach;
}

/** The sends a decision at `now` reads: those after `now - reach` (the list is in time order). */
export function sendsWithinReach(sends: readonly RecentSend[], now: number, reach: number): readonly RecentSend[] {
  const since = now - reach;
  let first = 0;
  while (first < sends.length && sends[first].at <= since) first++;
  return first === 0 ? sends : sends.slice(first);
}
