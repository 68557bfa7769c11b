import { ApiError } from '../../../shared/api/errors.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { configSchemas } from '../../../shared/journey/nodes.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import type { ContactEvent } from '../../../shared/rules/contactView.ts';
import { matchesEvent } from '../../../shared/rules/propertyFilter.ts';
import type { TimedChange } from '../../../shared/simulation/simulate.ts';
import type { SimulatedContact } from './contactSource.ts';

export function triggerOf(document: JourneyDocument): Trigger {
  const node = document.nodes.find((n) => n.kind === 'trigger');
  if (!node) throw new ApiError('refused', 'the journey has no trigger');
  return configSchemas.trigger.parse(node.config).trigger;
}

/**
 * Puts a contact in the journey at `at` as its trigger would: the trigger's event at that moment (unless
 * `given` is one the set-up already has, or the contact's stored events have one then), the tag added, the segment joined. The contact's events after that
 * moment are returned as changes, so they happen when the virtual clock reaches them (and wake the contact).
 */
export function enterContact(contact: SimulatedContact, trigger: Trigger, at: number, given?: ContactEvent) {
  const past = contact.view.events.filter((e) => e.at <= at);
  const laterEvents: TimedChange[] = contact.view.events.filter((e) => e.at > at).map((event) => ({ at: event.at, type: 'event', event }));
  const view = { ...contact.view, events: past, tags: new Set(contact.view.tags), segments: new Set(contact.view.segments ?? []) };
  let triggerProperties: Record<string, unknown> = {};
  if (trigger.type === 'event') {
    const stored = past.findLast((e) => e.at === at && matchesEvent(e, trigger.event));
    if (given) triggerProperties = given.properties;
    else if (stored) triggerProperties = stored.properties;
    else {
      const properties: Record<string, unknown> = {};
      for (const filter of trigger.event.filters) if (filter.op === 'eq' && filter.value !== undefined) properties[filter.property] = filter.value;
      view.events = [...past, { name: trigger.event.name, at, properties }];
      triggerProperties = properties;
    }
  } else if (trigger.type === 'tag-added') view.tags.add(trigger.tag);
  else if (trigger.type === 'segment-entered') view.segments.add(trigger.segmentId);
  return { contact: { ...contact, view }, laterEvents, triggerProperties };
}
