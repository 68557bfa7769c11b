import type { Consent } from '../../shared/contacts/consent.ts';
import type { JourneyDocument } from '../../shared/journey/journey.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import type { TemplateDocument } from '../../shared/templates/template.ts';

/**
 * One case of the differential test: a workspace small enough to read (one contact, their events, a few
 * segments and templates) and a journey, from a start for a number of days. All times are epoch ms.
 */
export interface DiffCase {
  seed: number;
  journeyId: string;
  journeyName: string;
  journey: JourneyDocument;
  /** When the journey goes live and the contact enters. */
  start: number;
  /** How long the case runs (the forecast's days, the simulator's `until`). */
  days: number;
  contact: CaseContact;
  /** Events up to the start (an event trigger's event is at the start itself). */
  history: CaseEvent[];
  /** Events after the start, up to the end: what the contact will do. */
  future: CaseEvent[];
  segments: CaseSegment[];
  templates: CaseTemplate[];
}

export interface CaseContact {
  email: string;
  first_name: string | null;
  last_name: string | null;
  country: string | null;
  timezone: string | null;
  locale: string | null;
  consent: Consent;
  /** Custom attributes (the attributes JSON). */
  attributes: Record<string, unknown>;
  tags: string[];
  /** The contact's created_at. */
  createdAt: number;
  /** On the suppression list. */
  suppressed: boolean;
}

export interface CaseEvent {
  name: string;
  at: number;
  properties: Record<string, unknown>;
  /**
   * An open or click of the email this step sends on the contact's first entry and first visit: the workspace
   * gives the event that email's Message-ID (message_id) once the contact has an id.
   */
  engagesStep?: string;
}

export interface CaseSegment {
  id: string;
  name: string;
  kind: 'dynamic' | 'static';
  rule: Rule;
  /** Static segments: whether the contact is on the list. */
  member: boolean;
}

export interface CaseTemplate {
  id: string;
  name: string;
  document: TemplateDocument;
}

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** The moment a case ends: the hosts look at nothing after it. */
export const endOf = (c: DiffCase) => c.start + c.days * DAY;

/** How big a case is, to pick the smallest of those that show a disagreement. */
export const sizeOf = (c: DiffCase) => c.journey.nodes.length * 3 + c.history.length + c.future.length + c.segments.length + c.days / 10;
