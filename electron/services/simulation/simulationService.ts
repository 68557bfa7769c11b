import { ApiError } from '../../../shared/api/errors.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { configSchemas } from '../../../shared/journey/nodes.ts';
import type { SimulationEvent, SimulationRequest } from '../../../shared/simulation/input.ts';
import { offsetMs, resolveMoment, spanMs } from '../../../shared/simulation/offset.ts';
import type { SimulationResult, TimelineEntry } from '../../../shared/simulation/output.ts';
import { simulateContact, type ForcedEngagement, type TimedChange } from '../../../shared/simulation/simulate.ts';
import type { Services } from '../services.ts';
import { triggerNodeOf, triggerOf } from '../../../shared/journey/triggerOf.ts';
import type { EntryEvent } from '../../../shared/simulation/input.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import type { DecisionContact } from '../decisions/decisionContacts.ts';
import { RunStore } from '../engine/runStore.ts';
import { noHistory } from './audience.ts';
import { findContactId, madeUpContact } from './contactSource.ts';
import { simulatedEmail } from './simulatedEmail.ts';
import { enterContact, type ChosenEntryEvent } from './entry.ts';
import { resolveJourney, type ResolvedJourney } from './journeySource.ts';
import { readableJsonSql } from '../../store/readableJson.ts';

/**
 * One contact through one journey on a virtual clock: resolves the set-up (journey, contact, events, forced
 * choices) and hands it to the shared simulator, which calls the engine's advance(). Reads the store, never
 * writes it; sends nothing.
 */
export async function simulate(services: Services, request: SimulationRequest, journey?: ResolvedJourney): Promise<SimulationResult> {
  const resolved = journey ?? resolveJourney(services, request.journeyId, request.version);
  const { document } = resolved;
  const start = request.start ? Date.parse(request.start) : services.now();
  const end = start + spanMs(request.until)!;

  const contact = resolveContact(services, request, start);
  const trigger = triggerOf(document);
  const stored = typeof contact.view.id === 'number';
  const history = stored ? new RunStore(services.db).history(resolved.journeyId, contact.view.id as number) : noHistory;
  const entry = enterContact(contact.view, { trigger, settings: document.settings }, history, start, chosenEntryEvent(services, request, contact, start, trigger));
  // The set-up's entry event is the entry itself, not a second event at the same moment.
  const entryAtStart = request.entryEvent ? undefined : entryInSetUp(request.events, start, trigger);
  const { changes, engagement } = setUpChanges(request.events.filter((e) => e !== entryAtStart), start, document);
  checkForcedVariants(document, request.abVariants);
  const inputs = services.decisions.forJourney(document, start);

  const timezone = contact.view.attributes.timezone;
  const about = {
    journeyId: resolved.journeyId,
    version: resolved.version,
    contact: { id: contact.view.id, email: contact.view.email, timezone: typeof timezone === 'string' && timezone ? timezone : null },
    start,
    end,
    seed: request.seed,
  };
  if (!entry.decision.admit) {
    return {
      ...about,
      timeline: [],
      applied: [],
      status: 'not-admitted',
      nodeId: triggerNodeOf(document).id,
      statusReason: `not admitted: ${entry.decision.reason}`,
      wakeAt: null,
      path: [],
      decisions: 0,
    };
  }

  const out = simulateContact({
    document,
    journeyId: resolved.journeyId,
    version: resolved.runVersion,
    entry: history.entries + 1,
    contact: entry.view,
    suppressed: contact.suppressed,
    recentSends: contact.recentSends,
    start,
    end,
    seed: request.seed,
    changes: [...changes, ...entry.laterEvents],
    engagement,
    abVariants: request.abVariants,
    breakpoints: request.breakpoints,
    resumeAfterSteps: request.resumeAfterSteps,
    maxDecisions: request.maxDecisions,
    population: inputs.population,
    segments: inputs.segments,
  });

  // RFM cuts at the start, the moment the conditions' population statistics are taken too, so that an email and a
  // condition agree on the contact's group
  const emailBatch = await services.emailRenderer.prepare(new Set(out.emails.map((e) => e.templateId)), start);
  const emails = new Map(out.emails.map((e) => [e.messageKey, e]));
  const timeline: TimelineEntry[] = out.steps.map((step) => {
    const sent = step.messageKey ? emails.get(step.messageKey) : undefined;
    if (!sent) return { ...step };
    const email = simulatedEmail(emailBatch, {
      messageKey: sent.messageKey,
      templateId: sent.templateId,
      contact: sent.contact,
      trigger: entry.triggerProperties,
      journey: { id: resolved.journeyId, name: resolved.name, stepId: sent.nodeId },
      at: sent.at,
      cancelled: sent.cancelled,
    });
    return { ...step, email };
  });

  return {
    ...about,
    timeline,
    applied: out.applied.filter((a) => a.at >= start).map((a) => ({ at: a.at, description: describeChange(a.change) })),
    status: out.status,
    nodeId: out.nodeId,
    statusReason: out.statusReason,
    wakeAt: out.wakeAt,
    path: out.path,
    decisions: out.decisions,
  };
}

/** The contact as every decision reads them (decisions/decisionContacts.ts), or a made-up one shaped the same way. */
function resolveContact(services: Services, request: SimulationRequest, start: number): DecisionContact {
  if (request.contact.type === 'made-up') return madeUpContact(request.contact.contact, start);
  const found = services.decisions.contacts().one(findContactId(services.db, request.contact.ref));
  if (!found) throw new ApiError('not-found', `no contact "${request.contact.ref}"`);
  return found;
}

/**
 * The entry event the marketer chose: one of the stored contact's own events (up to the start), a payload, or (as
 * the set-up has always allowed) an event of the trigger's name set up at the very start, which is then the entry.
 */
function chosenEntryEvent(services: Services, request: SimulationRequest, contact: DecisionContact, start: number, trigger: Trigger): ChosenEntryEvent | undefined {
  const choice: EntryEvent | undefined = request.entryEvent;
  if (!choice) {
    const atStart = entryInSetUp(request.events, start, trigger);
    return atStart && { properties: atStart.properties };
  }
  if ('properties' in choice) return { properties: choice.properties };
  if (typeof contact.view.id !== 'number') throw new ApiError('invalid-input', 'entryEvent.eventId: a made-up contact has no stored events; give the properties instead');
  const stored = services.db
    .prepare(`SELECT name, occurred_at AS at, ${readableJsonSql('properties')} AS properties FROM events WHERE id = ? AND contact_id = ?`)
    .get(choice.eventId, contact.view.id) as { name: string; at: number; properties: string } | undefined;
  if (!stored) throw new ApiError('invalid-input', `entryEvent.eventId: ${contact.view.email} has no event ${choice.eventId}`);
  if (stored.at > start) throw new ApiError('invalid-input', `entryEvent.eventId: event ${choice.eventId} happens after the simulation's start`);
  return { stored: { name: stored.name, at: stored.at, properties: JSON.parse(stored.properties) as Record<string, unknown> } };
}

/** A set-up event of the trigger's name at the start: the entry event when none was chosen. */
function entryInSetUp(events: readonly SimulationEvent[], start: number, trigger: Trigger) {
  if (trigger.type !== 'event') return undefined;
  return events.find((e): e is Extract<SimulationEvent, { type: 'event' }> => e.type === 'event' && e.name === trigger.event.name && resolveMoment(e.at, start) === start);
}

function setUpChanges(events: readonly SimulationEvent[], start: number, document: JourneyDocument) {
  const changes: TimedChange[] = [];
  const engagement: ForcedEngagement[] = [];
  events.forEach((e, index) => {
    switch (e.type) {
      case 'event': {
        const at = resolveMoment(e.at, start);
        changes.push({ at, type: 'event', event: { name: e.name, at, properties: e.properties } });
        break;
      }
      case 'email-opened':
      case 'email-clicked': {
        const node = document.nodes.find((n) => n.id === e.nodeId);
        if (node?.kind !== 'email') throw new ApiError('invalid-input', `events[${index}].nodeId: ${e.nodeId} is not an email step of this journey`);
        engagement.push({ nodeId: e.nodeId, action: e.type === 'email-opened' ? 'opened' : 'clicked', afterMs: Math.max(0, offsetMs(e.after) ?? 0) });
        break;
      }
      case 'unsubscribe':
        changes.push({ at: resolveMoment(e.at, start), type: 'consent', consent: 'unsubscribed' });
        break;
      case 'tag-added':
      case 'tag-removed':
        changes.push({ at: resolveMoment(e.at, start), type: 'tag', tag: e.tag, add: e.type === 'tag-added' });
        break;
      case 'attribute-set':
        changes.push({ at: resolveMoment(e.at, start), type: 'attribute', attribute: e.attribute, value: e.value });
        break;
    }
  });
  return { changes, engagement };
}

function checkForcedVariants(document: JourneyDocument, variants: Record<string, string>) {
  for (const [nodeId, variant] of Object.entries(variants)) {
    const node = document.nodes.find((n) => n.id === nodeId);
    if (node?.kind !== 'ab-split') throw new ApiError('invalid-input', `abVariants.${nodeId}: not an A/B split of this journey`);
    const ids = configSchemas['ab-split'].parse(node.config).variants.map((v) => v.id);
    if (!ids.includes(variant)) throw new ApiError('invalid-input', `abVariants.${nodeId}: no variant "${variant}" (expected ${ids.join(' or ')})`);
  }
}

export function describeChange(change: TimedChange): string {
  switch (change.type) {
    case 'event': {
      const key = change.event.properties.message_id;
      return key ? `${change.event.name} (${String(key)})` : change.event.name;
    }
    case 'consent':
      return change.consent === 'unsubscribed' ? 'unsubscribed' : `consent set to ${change.consent}`;
    case 'tag':
      return change.add ? `tag "${change.tag}" added` : `tag "${change.tag}" removed`;
    case 'attribute':
      return `${change.attribute} set to ${JSON.stringify(change.value)}`;
  }
}
