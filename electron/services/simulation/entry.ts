import { decideEntry } from '../../../shared/engine/entry.ts';
import type { EntryDecision, EntryHistory } from '../../../shared/engine/types.ts';
import type { JourneySettings } from '../../../shared/journey/settings.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import type { ContactEvent, ContactView } from '../../../shared/rules/contactView.ts';
import type { TimedChange } from '../../../shared/simulation/simulate.ts';
import { entrySignal, triggerProperties } from '../decisions/entrySignals.ts';

/** Which event admits the contact: one of their stored events, or a payload fired at the entry moment. */
export type ChosenEntryEvent = { stored: ContactEvent } | { properties: Record<string, unknown> };

export interface Entry {
  /** Whether the trigger (its property filters included), the re-entry rules and the entry limit admit the contact. */
  decision: EntryDecision;
  /** The contact at the entry moment: their events up to it (with the trigger's event when none was stored), the tag, the list. */
  view: ContactView;
  /** Their events after the entry moment, to happen when the virtual clock reaches them (and wake the contact). */
  laterEvents: TimedChange[];
  /** What the run's emails read as `trigger.*`: the admitting event's properties, as the engine stores them. */
  triggerProperties: Record<string, unknown>;
}

/**
 * Puts a contact in a journey at `at` as the live engine's admissions would (engine/admissions.ts): the same entry
 * signal (decisions/entrySignals.ts) judged by the same decideEntry(). An event trigger fires with the event the
 * caller chose (the forecast's audience query chose one that passes the filters), else the contact's latest event
 * of the trigger's name up to `at` (its real properties), else, for a contact who has none (a made-up one), the
 * trigger's event with the values its equality filters ask for, added to their
 * history at `at`. A chosen or made-up event that fails the trigger's filters does not admit the contact.
 */
export function enterContact(
  view: ContactView,
  journey: { trigger: Trigger; settings: JourneySettings },
  history: EntryHistory,
  at: number,
  chosen?: ChosenEntryEvent,
): Entry {
  const { trigger } = journey;
  const past = view.events.filter((e) => e.at <= at);
  const laterEvents: TimedChange[] = view.events.filter((e) => e.at > at).map((event) => ({ at: event.at, type: 'event', event }));
  const entered: ContactView = { ...view, events: past, tags: new Set(view.tags), segments: new Set(view.segments ?? []) };

  let event: ContactEvent | undefined;
  if (trigger.type === 'event') {
    if (chosen && 'stored' in chosen) event = chosen.stored;
    // Their latest event of the trigger's name, as if it had just happened: the filters then decide, as live.
    else if (!chosen) event = past.findLast((e) => e.name === trigger.event.name);
    if (!event) {
      const properties = chosen && 'properties' in chosen ? chosen.properties : equalityValues(trigger);
      event = { name: trigger.event.name, at, properties };
      entered.events = [...past, event];
    }
  } else if (trigger.type === 'tag-added') (entered.tags as Set<string>).add(trigger.tag);
  else if (trigger.type === 'segment-entered') (entered.segments as Set<string>).add(trigger.segmentId);

  const signal = entrySignal(trigger, at, event);
  return { decision: decideEntry(trigger, journey.settings, history, signal), view: entered, laterEvents, triggerProperties: triggerProperties(signal) };
}

/** The property values an event trigger's equality filters ask for: the made-up event that passes them. */
function equalityValues(trigger: Extract<Trigger, { type: 'event' }>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const filter of trigger.event.filters) if (filter.op === 'eq' && filter.value !== undefined) properties[filter.property] = filter.value;
  return properties;
}
