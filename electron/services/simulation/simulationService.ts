import { ApiError } from '../../../shared/api/errors.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { configSchemas } from '../../../shared/journey/nodes.ts';
import type { SimulationEvent, SimulationRequest } from '../../../shared/simulation/input.ts';
import { offsetMs, resolveMoment, spanMs } from '../../../shared/simulation/offset.ts';
import type { SimulationResult, TimelineEntry } from '../../../shared/simulation/output.ts';
import { simulateContact, type ForcedEngagement, type TimedChange } from '../../../shared/simulation/simulate.ts';
import type { Services } from '../services.ts';
import { findContactId, journeyPopulation, loadContacts, madeUpContact, referencedSegments, segmentMembers, type SimulatedContact } from './contactSource.ts';
import { EmailPreview } from './emailPreview.ts';
import { enterContact, triggerOf } from './entry.ts';
import { resolveJourney, type ResolvedJourney } from './journeySource.ts';

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

  const contact = resolveContact(services, request, document, start);
  const trigger = triggerOf(document);
  const given = request.events.find((e) => e.type === 'event' && trigger.type === 'event' && e.name === trigger.event.name && resolveMoment(e.at, start) === start);
  const entry = enterContact(
    contact,
    trigger,
    start,
    given?.type === 'event' ? { name: given.name, at: start, properties: given.properties } : undefined,
  );
  const { changes, engagement } = setUpChanges(request.events, start, document);
  checkForcedVariants(document, request.abVariants);

  const out = simulateContact({
    document,
    journeyId: resolved.journeyId,
    version: resolved.runVersion,
    contact: entry.contact.view,
    suppressed: entry.contact.suppressed,
    recentSends: entry.contact.recentSends,
    start,
    end,
    seed: request.seed,
    changes: [...changes, ...entry.laterEvents],
    engagement,
    abVariants: request.abVariants,
    breakpoints: request.breakpoints,
    resumeAfterSteps: request.resumeAfterSteps,
    maxDecisions: request.maxDecisions,
    population: journeyPopulation(services.db, document, start),
  });

  const preview = EmailPreview.for(services.db, services.templates);
  const rfmCuts = await preview.prepare(new Set(out.emails.map((e) => e.templateId)), start);
  const emails = new Map(out.emails.map((e) => [e.messageKey, e]));
  const timeline: TimelineEntry[] = out.steps.map((step) => {
    const sent = step.messageKey ? emails.get(step.messageKey) : undefined;
    if (!sent) return { ...step };
    const email = preview.render({
      messageKey: sent.messageKey,
      templateId: sent.templateId,
      contact: sent.contact,
      trigger: entry.triggerProperties,
      journey: { id: resolved.journeyId, name: resolved.name, stepId: sent.nodeId },
      at: sent.at,
      rfmCuts: rfmCuts.get(sent.templateId),
    });
    return { ...step, email };
  });

  const timezone = contact.view.attributes.timezone;
  return {
    journeyId: resolved.journeyId,
    version: resolved.version,
    contact: { id: contact.view.id, email: contact.view.email, timezone: typeof timezone === 'string' && timezone ? timezone : null },
    start,
    end,
    seed: request.seed,
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

function resolveContact(services: Services, request: SimulationRequest, document: JourneyDocument, start: number): SimulatedContact {
  if (request.contact.type === 'made-up') return madeUpContact(request.contact.contact, start);
  const id = findContactId(services.db, request.contact.ref);
  const members = segmentMembers(services.db, referencedSegments(document), start);
  return loadContacts(services.db, [id], members)[0];
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
