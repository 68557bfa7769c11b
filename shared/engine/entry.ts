import type { JourneySettings } from '../journey/settings.ts';
import type { Trigger } from '../journey/triggers.ts';
import { failedFilter, matchesEvent } from '../rules/propertyFilter.ts';
import { DateTime } from 'luxon';
import { durationMs, formatDuration } from '../util/duration.ts';
import type { EntryDecision, EntryHistory, EntrySignal } from './types.ts';

/** Does this signal fire this trigger? (who the trigger is about; not yet whether the contact may enter) */
export function triggerFires(trigger: Trigger, signal: EntrySignal): boolean {
  switch (trigger.type) {
    case 'event':
      return signal.type === 'event' && matchesEvent(signal.event, trigger.event);
    case 'segment-entered':
      return signal.type === 'segment-entered' && signal.segmentId === trigger.segmentId;
    case 'tag-added':
      return signal.type === 'tag-added' && signal.tag === trigger.tag;
    case 'contact-created':
      return signal.type === 'contact-created';
    case 'date-attribute':
      return signal.type === 'date-attribute' && signal.attribute === trigger.attribute;
  }
}

const signalAt = (signal: EntrySignal) => (signal.type === 'event' ? signal.event.at : signal.at);

/**
 * Whether a signal admits the contact, given the journey's trigger, re-entry rules and entry limit and the
 * contact's past runs. The minimum gap counts from the previous entry.
 */
export function decideEntry(trigger: Trigger, settings: JourneySettings, history: EntryHistory, signal: EntrySignal): EntryDecision {
  if (!triggerFires(trigger, signal)) {
    const failed = trigger.type === 'event' && signal.type === 'event' && signal.event.name === trigger.event.name ? failedFilter(signal.event.properties, trigger.event.filters) : undefined;
    return { admit: false, reason: failed ? `the trigger's filter ${failed}` : 'the trigger does not match' };
  }
  const at = signalAt(signal);
  if (settings.entryLimit !== null && history.entries >= settings.entryLimit) {
    return { admit: false, reason: `already entered ${history.entries} time(s), the limit is ${settings.entryLimit}` };
  }
  if (history.entries > 0) {
    const { mode, minGap } = settings.reentry;
    if (mode === 'never') return { admit: false, reason: 'already entered once and re-entry is off' };
    if (mode === 'after-exit' && history.activeRuns > 0) return { admit: false, reason: 'still in the journey (re-entry only after exit)' };
    if (minGap && history.lastEnteredAt !== null && at - history.lastEnteredAt < durationMs(minGap)) {
      return { admit: false, reason: `entered less than ${formatDuration(minGap)} ago` };
    }
    return { admit: true, reason: `re-entry #${history.entries + 1} (${mode})` };
  }
  return { admit: true, reason: 'first entry' };
}

/**
 * The date-attribute trigger: is today (in the contact's zone) the day `offsetDays` from the date in the
 * attribute, or its anniversary when yearly? Returns the occurrence's day ('2026-05-14') so that the runner
 * admits a contact at most once per occurrence, else undefined.
 */
export function dateTriggerOccurrence(
  trigger: Extract<Trigger, { type: 'date-attribute' }>,
  value: unknown,
  zone: string,
  now: number,
): string | undefined {
  const base = typeof value === 'number' ? DateTime.fromMillis(value, { zone: 'UTC' }) : typeof value === 'string' ? DateTime.fromISO(value, { zone: 'UTC' }) : null;
  if (!base?.isValid) return undefined;
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  // The day the contact is due: the date itself shifted by the offset (for yearly, this year's date).
  const day = (year: number) => DateTime.fromObject({ year, month: base.month, day: base.day }, { zone }).plus({ days: trigger.offsetDays });
  const candidates = trigger.yearly ? [day(today.year - 1), day(today.year), day(today.year + 1)] : [DateTime.fromObject({ year: base.year, month: base.month, day: base.day }, { zone }).plus({ days: trigger.offsetDays })];
  const hit = candidates.find((d) => d.isValid && d.hasSame(today, 'day'));
  return hit?.toISODate() ?? undefined;
}
