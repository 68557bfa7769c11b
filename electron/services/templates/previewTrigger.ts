import type { Db } from '../../store/database.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { DraftNode } from '../../../shared/journey/journey.ts';
import { referencesOf } from '../../../shared/journey/validate.ts';
import { draftTriggerOf } from '../../../shared/journey/triggerOf.ts';
import { matchesEvent, type EventMatch } from '../../../shared/rules/propertyFilter.ts';
import type { PreviewTrigger } from '../../../shared/api/calls/templates.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { sampleTrigger } from './sampleContact.ts';

interface JourneyRow {
  id: string;
  name: string;
  draft: string;
}

/** The event a journey's trigger waits for, when it is an event trigger. */
function eventTriggerOf(nodes: DraftNode[]): EventMatch | undefined {
  const trigger = draftTriggerOf({ nodes });
  return trigger?.type === 'event' ? trigger.event : undefined;
}

const nodesOf = (draft: string): DraftNode[] => {
  try {
    return (JSON.parse(draft) as { nodes?: DraftNode[] }).nodes ?? [];
  } catch {
    return [];
  }
};

/**
 * Where the trigger data of a preview comes from. The engine gives an email the properties of the event that
 * admitted the contact, so a stored contact's preview uses that contact's latest such event (up to `now`): the
 * event the user picked, else the trigger event of the journey asked for, else of a journey that sends this template.
 * When the contact has no such event (or the trigger is not an event) the sample trigger data stands in, and the
 * answer says so; the made-up sample contact always gets the sample data.
 */
export class PreviewTriggers {
  private readonly journeys;
  private readonly journey;

  constructor(db: Db) {
    this.journeys = db.prepare('SELECT id, name, draft FROM journeys ORDER BY name');
    this.journey = db.prepare('SELECT id, name, draft FROM journeys WHERE id = ?');
  }

  /** The trigger event of the given journey, or of the first journey (by name) that sends the template. */
  private journeyTrigger(templateId: string, journeyId: string | undefined): { journey: string; event: EventMatch } | undefined {
    if (journeyId !== undefined) {
      const row = this.journey.get(journeyId) as JourneyRow | undefined;
      if (!row) throw new ApiError('not-found', `no journey with the id ${journeyId}`);
      const event = eventTriggerOf(nodesOf(row.draft));
      return event && { journey: row.name, event };
    }
    for (const row of this.journeys.all() as JourneyRow[]) {
      const nodes = nodesOf(row.draft);
      if (!nodes.some((node) => referencesOf(node).some((ref) => ref.type === 'template' && ref.id === templateId))) continue;
      const event = eventTriggerOf(nodes);
      if (event) return { journey: row.name, event };
    }
    return undefined;
  }

  choose(input: {
    templateId: string;
    contact: ContactView;
    /** False for the made-up sample contact. */
    stored: boolean;
    now: number;
    trigger?: Record<string, unknown>;
    triggerEvent?: string;
    journeyId?: string;
  }): { properties: Record<string, unknown>; shown: PreviewTrigger } {
    const names = [...new Set(input.contact.events.filter((e) => e.at <= input.now).map((e) => e.name))].sort();
    const shown = (source: PreviewTrigger['source'], event: string | null, at: number | null, journey: string | null): PreviewTrigger => ({ source, event, at, journey, contactEvents: names });
    if (input.trigger) return { properties: input.trigger, shown: shown('given', null, null, null) };
    if (!input.stored) return { properties: sampleTrigger, shown: shown('sample', null, null, null) };
    const picked = input.triggerEvent?.trim();
    const fromJourney = picked ? undefined : this.journeyTrigger(input.templateId, input.journeyId);
    const match: EventMatch | undefined = picked ? { name: picked, filters: [] } : fromJourney?.event;
    const journey = fromJourney?.journey ?? null;
    if (match) {
      for (let i = input.contact.events.length - 1; i >= 0; i--) {
        const event = input.contact.events[i];
        if (event.at <= input.now && matchesEvent(event, match)) return { properties: event.properties, shown: shown('contact-event', match.name, event.at, journey) };
      }
    }
    return { properties: sampleTrigger, shown: shown('sample', match?.name ?? null, null, journey) };
  }
}
