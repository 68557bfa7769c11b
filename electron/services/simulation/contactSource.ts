import type { Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { ContactEvent, ContactView } from '../../../shared/rules/contactView.ts';
import type { Rule } from '../../../shared/rules/rule.ts';
import type { PopulationStats } from '../../../shared/rules/population.ts';
import { configSchemas } from '../../../shared/journey/nodes.ts';
import type { RecentSend } from '../../../shared/engine/types.ts';
import { engagementEvents } from '../../../shared/engine/engagement.ts';
import type { MadeUpContact } from '../../../shared/simulation/input.ts';
import { resolveMoment } from '../../../shared/simulation/offset.ts';
import { contactViewFromRow } from '../contacts/contactView.ts';
import { SegmentEvaluator } from '../segments/segmentEvaluator.ts';

/** A contact as the simulator feeds it to the interpreter, with what the store knows around it. */
export interface SimulatedContact {
  view: ContactView;
  suppressed: boolean;
  /** Emails the live engine already queued or sent them (the frequency cap counts them). */
  recentSends: RecentSend[];
}

type ContactRow = Parameters<typeof contactViewFromRow>[0];

/** Every segment id the journey refers to (trigger, goals, segment rules), wherever it sits in a config. */
export function referencedSegments(document: JourneyDocument): string[] {
  const ids = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'segmentId' && typeof child === 'string') ids.add(child);
        else walk(child);
      }
    }
  };
  for (const node of document.nodes) walk(node.config);
  return [...ids].sort();
}

/** The population statistics (RFM cuts, percentiles) the rules of the journey's conditions and splits need. */
export function journeyPopulation(db: Db, document: JourneyDocument, now: number): PopulationStats | undefined {
  const rules: Rule[] = [];
  for (const node of document.nodes) {
    if (node.kind === 'condition') rules.push(configSchemas.condition.parse(node.config).rule);
    if (node.kind === 'split') rules.push(...configSchemas.split.parse(node.config).branches.map((b) => b.rule));
  }
  if (rules.length === 0) return undefined;
  return new SegmentEvaluator(db).population({ type: 'all', rules }, now);
}

/** Rule types that read events only through an `event` match of their own. */
const eventsByMatch = new Set(['attribute', 'tag', 'event-count', 'event-since-entry', 'email-engagement', 'segment', 'all', 'any', 'not', 'last-event']);

/** What reads a contact's opens and clicks: an email-engagement rule, and a wait until the contact's usual hour. */
const readsEngagement = new Set(['email-engagement', 'usual-hour']);

/**
 * The event names a journey can look at (trigger, waits for an event, goals, exit criteria, rules, and opens
 * and clicks when an email-engagement rule or a usual-hour wait reads them), or null when one of its rules
 * reads every event (engagement scores, RFM, lifecycle). The forecast reads only these: the other events
 * cannot change any decision.
 */
export function eventsRead(document: JourneyDocument): string[] | null {
  const names = new Set<string>();
  let everything = false;
  const walk = (value: unknown, key?: string) => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (key === 'event' && typeof record.name === 'string') names.add(record.name);
      if (key === 'rule' || key === 'rules') {
        if (typeof record.type === 'string' && !eventsByMatch.has(record.type)) everything = true;
      }
      if (typeof record.type === 'string' && readsEngagement.has(record.type)) names.add(engagementEvents.opened).add(engagementEvents.clicked);
      for (const [childKey, child] of Object.entries(record)) walk(child, childKey);
    }
  };
  for (const node of document.nodes) walk(node.config);
  for (const match of document.settings.exitCriteria) names.add(match.name);
  return everything ? null : [...names].sort();
}

/** Members of each segment, by the store's SQL evaluation at `now` (the same counts the segment screen shows). */
export function segmentMembers(db: Db, segmentIds: readonly string[], now: number): Map<string, Set<number>> {
  const evaluator = new SegmentEvaluator(db);
  const members = new Map<string, Set<number>>();
  for (const id of segmentIds) {
    const row = db.prepare('SELECT rule FROM segments WHERE id = ?').get(id) as { rule: string } | undefined;
    if (!row) continue;
    const kind = db.prepare('SELECT kind FROM segments WHERE id = ?').pluck().get(id) as string;
    const ids =
      kind === 'static'
        ? (db.prepare('SELECT contact_id FROM segment_members WHERE segment_id = ?').pluck().all(id) as number[])
        : evaluator.ids(JSON.parse(row.rule) as Rule, now);
    members.set(id, new Set(ids));
  }
  return members;
}

function withSegments(view: ContactView, members: Map<string, Set<number>>): ContactView {
  const segments = new Set<string>();
  for (const [id, set] of members) if (set.has(Number(view.id))) segments.add(id);
  return { ...view, segments };
}

/** One contact of the workspace by id or email, or a clear not-found. */
export function findContactId(db: Db, ref: string): number {
  const byEmail = db.prepare('SELECT id FROM contacts WHERE email = ?').pluck().get(ref.trim()) as number | undefined;
  if (byEmail !== undefined) return byEmail;
  if (/^\d+$/.test(ref.trim())) {
    const byId = db.prepare('SELECT id FROM contacts WHERE id = ?').pluck().get(Number(ref)) as number | undefined;
    if (byId !== undefined) return byId;
  }
  throw new ApiError('not-found', `no contact with the id or email "${ref}"`);
}

/** What of each contact to read: the forecast reads only what the journey can look at. */
export interface ReadScope {
  /** Only these events (eventsRead()); null: all of them. */
  eventNames: readonly string[] | null;
}

const everything: ReadScope = { eventNames: null };

type EventRow = [contactId: number, name: string, at: number, properties: string, id: number];

/**
 * Reads contacts (with their tags), events, suppression and recent sends in bulk: four statements per batch
 * of ids (prepared once), each one pass in contact order, never a query per contact.
 */
export class ContactReader {
  private readonly members: Map<string, Set<number>>;
  private readonly scope: ReadScope;
  private readonly names: string;
  private readonly contacts;
  private readonly events;
  private readonly sends;
  private readonly suppressed;

  constructor(db: Db, members: Map<string, Set<number>>, scope: ReadScope = everything) {
    this.members = members;
    this.scope = scope;
    this.names = JSON.stringify(scope.eventNames ?? []);
    const ids = 'IN (SELECT value FROM json_each(@ids))';
    this.contacts = db.prepare(`SELECT * FROM contacts WHERE id ${ids}`);
    // Sought by (contact, name) in the (contact, name, time) index: never by the (name, time) one, which
    // would walk every contact's events of that name. Each contact's few are put in time order below
    // (SQLite's sorter would copy every row once more).
    const names = scope.eventNames === null ? '' : ' AND name IN (SELECT value FROM json_each(@names))';
    this.events = db
      .prepare(`SELECT contact_id, name, occurred_at, properties, id FROM events INDEXED BY events_by_contact WHERE contact_id ${ids}${names} ORDER BY contact_id`)
      .raw();
    this.sends = db
      .prepare(`SELECT contact_id, COALESCE(sent_at, created_at) AS at, message_key FROM outbound_emails WHERE status IN ('queued', 'sent') AND contact_id ${ids} ORDER BY at`)
      .raw();
    this.suppressed = db.prepare(`SELECT c.id FROM contacts c JOIN suppressions s ON s.email = c.email WHERE c.id ${ids}`).pluck();
  }

  /** The contacts with these ids, in that order; ids not in the store are left out. */
  read(ids: readonly number[]): SimulatedContact[] {
    if (ids.length === 0) return [];
    const list = { ids: JSON.stringify(ids) };
    const rows = this.contacts.all(list) as ContactRow[];
    const rowsByContact = new Map<number, EventRow[]>();
    for (const row of this.events.all(this.scope.eventNames === null ? list : { ...list, names: this.names }) as EventRow[]) {
      const rows = rowsByContact.get(row[0]);
      if (rows) rows.push(row);
      else rowsByContact.set(row[0], [row]);
    }
    const events = new Map<number, ContactEvent[]>();
    for (const [id, rows] of rowsByContact) {
      rows.sort((a, b) => a[2] - b[2] || a[4] - b[4]);
      events.set(id, rows.map(([, name, at, properties]) => ({ name, at, properties: JSON.parse(properties) as Record<string, unknown> })));
    }
    const sends = new Map<number, RecentSend[]>();
    for (const [id, at, messageKey] of this.sends.all(list) as Array<[number, number, string]>) {
      (sends.get(id) ?? sends.set(id, []).get(id)!).push({ at, messageKey });
    }
    const suppressed = new Set(this.suppressed.all(list) as number[]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      const view = withSegments(contactViewFromRow(row, events.get(id) ?? []), this.members);
      return [{ view, suppressed: suppressed.has(id), recentSends: sends.get(id) ?? [] }];
    });
  }
}

/** A few contacts of the workspace, with everything the store knows about them. */
export function loadContacts(db: Db, ids: readonly number[], members: Map<string, Set<number>>): SimulatedContact[] {
  return new ContactReader(db, members).read(ids);
}

/** A contact that exists only in the simulation; its history is placed relative to the start. */
export function madeUpContact(input: MadeUpContact, start: number): SimulatedContact {
  const events = input.history
    .map((e) => ({ name: e.name, at: resolveMoment(e.at, start), properties: e.properties }))
    .sort((a, b) => a.at - b.at);
  return {
    view: {
      id: 'made-up',
      email: input.email,
      attributes: { ...input.attributes, email: input.email, timezone: input.timezone, consent: input.consent },
      tags: new Set(input.tags),
      events,
      segments: new Set(),
    },
    suppressed: input.suppressed,
    recentSends: [],
  };
}
