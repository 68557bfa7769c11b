import type { Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { ContactEvent, ContactView } from '../../../shared/rules/contactView.ts';
import type { Rule } from '../../../shared/rules/rule.ts';
import type { PopulationStats } from '../../../shared/rules/population.ts';
import { configSchemas } from '../../../shared/journey/nodes.ts';
import type { RecentSend } from '../../../shared/engine/types.ts';
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

/**
 * The event names a journey can look at (trigger, waits for an event, goals, exit criteria, rules, and opens
 * and clicks for engagement), or null when one of its rules reads every event (engagement scores, RFM,
 * lifecycle). The forecast reads only these: the other events cannot change any decision.
 */
export function eventsRead(document: JourneyDocument): string[] | null {
  const names = new Set<string>(['email_opened', 'email_clicked']);
  let everything = false;
  const walk = (value: unknown, key?: string) => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (key === 'event' && typeof record.name === 'string') names.add(record.name);
      if (key === 'rule' || key === 'rules') {
        if (typeof record.type === 'string' && !eventsByMatch.has(record.type)) everything = true;
      }
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

const parseEvent = (e: { name: string; at: number; properties: string }): ContactEvent => ({
  name: e.name,
  at: e.at,
  properties: JSON.parse(e.properties) as Record<string, unknown>,
});

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

/**
 * Contacts of the workspace with their tags, events, suppression and recent sends, read in batches (the
 * forecast reads thousands). Segment memberships come from `members`.
 */
export function loadContacts(
  db: Db,
  ids: readonly number[],
  members: Map<string, Set<number>>,
  /** Only these events (eventsRead()); null or omitted: all of them. */
  eventNames: readonly string[] | null = null,
): SimulatedContact[] {
  if (ids.length === 0) return [];
  const list = JSON.stringify(ids);
  const names = eventNames === null ? '' : ' AND name IN (SELECT value FROM json_each(@names))';
  const rows = db.prepare('SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(?))').all(list) as ContactRow[];
  const tags = new Map<number, string[]>();
  for (const t of db
    .prepare('SELECT contact_id AS id, tag FROM contact_tags WHERE contact_id IN (SELECT value FROM json_each(?))')
    .all(list) as Array<{ id: number; tag: string }>) {
    (tags.get(t.id) ?? tags.set(t.id, []).get(t.id)!).push(t.tag);
  }
  const events = new Map<number, ContactEvent[]>();
  for (const e of db
    .prepare(
      `SELECT contact_id AS id, name, occurred_at AS at, properties FROM events
       WHERE contact_id IN (SELECT value FROM json_each(@list))${names} ORDER BY contact_id, occurred_at, id`,
    )
    .all(eventNames === null ? { list } : { list, names: JSON.stringify(eventNames) }) as Array<{ id: number; name: string; at: number; properties: string }>) {
    (events.get(e.id) ?? events.set(e.id, []).get(e.id)!).push(parseEvent(e));
  }
  const sends = new Map<number, RecentSend[]>();
  for (const s of db
    .prepare(
      `SELECT contact_id AS id, COALESCE(sent_at, created_at) AS at, message_key AS messageKey FROM outbound_emails
       WHERE status IN ('queued', 'sent') AND contact_id IN (SELECT value FROM json_each(?)) ORDER BY at`,
    )
    .all(list) as Array<{ id: number; at: number; messageKey: string }>) {
    (sends.get(s.id) ?? sends.set(s.id, []).get(s.id)!).push({ at: s.at, messageKey: s.messageKey });
  }
  const suppressed = new Set(
    db
      .prepare('SELECT c.id FROM contacts c JOIN suppressions s ON s.email = c.email WHERE c.id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(list) as number[],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const view = withSegments(contactViewFromRow(row, tags.get(id) ?? [], events.get(id) ?? []), members);
    return [{ view, suppressed: suppressed.has(id), recentSends: sends.get(id) ?? [] }];
  });
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
