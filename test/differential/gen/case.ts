import { DateTime } from 'luxon';
import { dateTriggerOccurrence } from '../../../shared/engine/entry.ts';
import { isValidZone } from '../../../shared/engine/time.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { describeProblem } from '../../../shared/journey/problems.ts';
import { triggerOf } from '../../../shared/journey/triggerOf.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import { validateJourney } from '../../../shared/journey/validate.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import { evaluateRule } from '../../../shared/rules/evaluate.ts';
import { matchesEvent } from '../../../shared/rules/propertyFilter.ts';
import type { CaseContact, CaseEvent, CaseSegment, DiffCase } from '../case.ts';
import { DAY, MINUTE } from '../case.ts';
import { generateContact } from './contact.ts';
import { behaviourNames, eventNames, propertiesFor, propertiesMatching, type EventName } from './events.ts';
import { generateJourney, generateTrigger } from './journey.ts';
import { Dice } from './random.ts';
import { segmentRule } from './rules.ts';
import { generateTemplates } from './templates.ts';

/**
 * A whole case from one seed: the start and length, the contact, their history and future, segments,
 * templates and a valid journey. The trigger is made to admit the contact at the start, the way each host
 * asks the question: the event at the start (and no other of that name in the forecast's look-back), the tag
 * held, the segment joined, the contact created then, or the day of the date attribute.
 */
export function generateCase(seed: number): DiffCase {
  const dice = new Dice(seed);
  const start = Date.UTC(2025, 0, 1) + dice.int(0, 3 * 365 * 24 * 60) * MINUTE + (dice.chance(0.2) ? dice.int(1, 59_999) : 0);
  const length = dice.weighted({ short: 3, medium: 4, long: 2 });
  const days = length === 'short' ? dice.int(1, 7) : length === 'medium' ? dice.int(8, 30) : dice.int(31, 100);
  const contact = generateContact(dice, seed, start);
  const templates = generateTemplates(dice, seed);
  const segments = generateSegments(dice, seed, start);
  const context = { seed, start, days, segmentIds: segments.map((s) => s.id), templateIds: templates.map((t) => t.id) };
  const trigger = generateTrigger(dice, context);
  const journey = generateJourney(dice, context, trigger);

  const times = new Set<number>();
  const history = pastEvents(dice, start, days, journey, times);
  const future = futureEvents(dice, start, days, journey, times);
  enterAtStart(dice, { start, contact, history, segments, journey }, trigger);

  const problems = validateJourney(journey, { templateIds: new Set(context.templateIds), segmentIds: new Set(context.segmentIds) });
  if (problems.length > 0) throw new Error(`seed ${seed}: the generator made an invalid journey: ${problems.map(describeProblem).join('; ')}`);
  return { seed, journeyId: `j${seed}`, journeyName: `Journey ${seed}`, journey, start, days, contact, history, future, segments, templates };
}

function generateSegments(dice: Dice, seed: number, start: number): CaseSegment[] {
  return Array.from({ length: dice.int(1, 3) }, (_, i) => {
    const kind = dice.chance(0.3) ? 'static' : 'dynamic';
    return { id: `s${seed}_${i + 1}`, name: `Segment ${seed}/${i + 1}`, kind, rule: segmentRule(dice, start), member: kind === 'static' && dice.chance(0.5) };
  });
}

/** Every event name the journey looks at (trigger, waits, goals, exit criteria, rules). */
function namesRead(journey: JourneyDocument): Set<string> {
  const names = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.name === 'string' && Array.isArray(record.filters)) names.add(record.name);
      Object.values(record).forEach(walk);
    }
  };
  journey.nodes.forEach((n) => walk(n.config));
  walk(journey.settings.exitCriteria);
  return names;
}

/** A minute-aligned moment in [from, to] no other event of the case has. */
function freeMoment(dice: Dice, from: number, to: number, taken: Set<number>): number {
  for (;;) {
    const at = from + dice.int(0, Math.max(0, Math.floor((to - from) / MINUTE))) * MINUTE;
    if (!taken.has(at)) {
      taken.add(at);
      return at;
    }
  }
}

function pickName(dice: Dice, read: Set<string>): EventName {
  const preferred = [...read].filter((n) => (eventNames as readonly string[]).includes(n)) as EventName[];
  return dice.pick(dice.chance(0.6) && preferred.length ? preferred : [...behaviourNames, 'email_opened', 'email_clicked']);
}

function pastEvents(dice: Dice, start: number, days: number, journey: JourneyDocument, taken: Set<number>): CaseEvent[] {
  const trigger = triggerOf(journey);
  // An event trigger's own event before the start is kept out of the forecast's look-back (the days before the
  // start), which would otherwise admit the contact on it: live, an event older than the journey admits no one.
  const triggerName = trigger.type === 'event' ? trigger.event.name : undefined;
  const events: CaseEvent[] = [];
  const read = namesRead(journey);
  for (let i = dice.int(0, 8); i > 0; i--) {
    const name = pickName(dice, read);
    const oldest = start - 120 * DAY;
    const at = name === triggerName ? freeMoment(dice, oldest - days * DAY, start - days * DAY - MINUTE, taken) : freeMoment(dice, oldest, start - MINUTE, taken);
    events.push({ name, at, properties: propertiesFor(dice, name) });
  }
  if (dice.chance(0.2)) {
    // A habit: opens around the same hour of day, for waits until the contact's usual hour.
    const hour = dice.int(0, 23);
    for (let i = dice.int(3, 5); i > 0; i--) {
      const day = Math.floor(start / DAY) - dice.int(1, 60);
      const at = day * DAY + hour * 3_600_000 + dice.int(0, 50) * MINUTE;
      if (taken.has(at) || at >= start) continue;
      taken.add(at);
      events.push({ name: 'email_opened', at, properties: {} });
    }
  }
  return events.sort((a, b) => a.at - b.at);
}

function futureEvents(dice: Dice, start: number, days: number, journey: JourneyDocument, taken: Set<number>): CaseEvent[] {
  const trigger = triggerOf(journey);
  // The contact enters at the start, once: a later event that would fire an event trigger again is left out (the
  // simulator and the forecast follow one entry from the start; a second live entry is not theirs to predict).
  const fires = (name: string, properties: Record<string, unknown>) => trigger.type === 'event' && matchesEvent({ name, properties }, trigger.event);
  const end = start + days * DAY;
  const events: CaseEvent[] = [];
  const read = namesRead(journey);
  for (let i = dice.int(0, 6); i > 0; i--) {
    const name = pickName(dice, read);
    let properties = propertiesFor(dice, name);
    for (let attempt = 0; attempt < 20 && fires(name, properties); attempt++) properties = propertiesFor(dice, name);
    if (fires(name, properties)) continue;
    events.push({ name, at: freeMoment(dice, start + MINUTE, end, taken), properties });
  }
  for (const node of journey.nodes.filter((n) => n.kind === 'email').slice(0, 2)) {
    if (!dice.chance(0.35)) continue;
    const name = dice.pick(['email_opened', 'email_clicked'] as const);
    events.push({ name, at: freeMoment(dice, start + MINUTE, end, taken), properties: {}, engagesStep: node.id });
  }
  return events.sort((a, b) => a.at - b.at);
}

/** The contact as the store will show them at the start (what a dynamic segment's rule is evaluated on). */
export function viewAtStart(contact: CaseContact, history: readonly CaseEvent[], start: number): ContactView {
  return {
    id: 0,
    email: contact.email,
    attributes: {
      ...contact.attributes,
      email: contact.email,
      first_name: contact.first_name,
      last_name: contact.last_name,
      phone: null,
      country: contact.country,
      timezone: contact.timezone,
      locale: contact.locale,
      consent: contact.consent,
    },
    tags: new Set(contact.tags),
    events: history.filter((e) => e.at <= start).map((e) => ({ name: e.name, at: e.at, properties: e.properties })),
    createdAt: contact.createdAt,
  };
}

interface Entering {
  start: number;
  contact: CaseContact;
  history: CaseEvent[];
  segments: CaseSegment[];
  journey: JourneyDocument;
}

function enterAtStart(dice: Dice, c: Entering, trigger: Trigger) {
  switch (trigger.type) {
    case 'event': {
      // Mostly an event the trigger's filters accept; sometimes one they may refuse.
      const properties = dice.chance(0.75) ? propertiesMatching(dice, trigger.event) : propertiesFor(dice, trigger.event.name as EventName);
      c.history.push({ name: trigger.event.name, at: c.start, properties });
      return;
    }
    case 'tag-added':
      if (!c.contact.tags.includes(trigger.tag)) c.contact.tags = [...c.contact.tags, trigger.tag].sort();
      return;
    case 'contact-created':
      c.contact.createdAt = c.start;
      return;
    case 'segment-entered': {
      const segment = c.segments.find((s) => s.id === trigger.segmentId)!;
      if (segment.kind === 'static') segment.member = true;
      else if (!evaluateRule(segment.rule, viewAtStart(c.contact, c.history, c.start), { now: c.start })) segment.rule = { type: 'not', rule: segment.rule };
      return;
    }
    case 'date-attribute': {
      // The attribute's date is such that the start is the day (offsetDays from it, or from its anniversary).
      const zone = isValidZone(c.contact.timezone) ? c.contact.timezone : (c.journey.settings.quietHours?.fallbackTimezone ?? 'UTC');
      let base = DateTime.fromMillis(c.start, { zone }).startOf('day').minus({ days: trigger.offsetDays });
      if (trigger.yearly) base = base.minus({ years: 4 * dice.int(1, 10) });
      const value = base.toISODate()!;
      c.contact.attributes[trigger.attribute] = value;
      if (!dateTriggerOccurrence(trigger, value, zone, c.start)) throw new Error(`the date trigger's day is not the start (${value} in ${zone})`);
      return;
    }
  }
}
