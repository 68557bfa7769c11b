import { writeTransaction, type Db } from '../../store/database.ts';
import { ContactWriter } from '../contacts/contactWriter.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { generateSample } from './generate.ts';
import { sampleJourneys, sampleSegments } from './sampleJourneys.ts';
import { sampleTemplates } from './sampleTemplates.ts';

export interface LoadSampleOptions {
  contacts: number;
  seed: number;
  now?: number;
  /** Called after each batch with the contacts written so far. */
  onProgress?: (contactsWritten: number) => void;
}

export interface LoadSampleResult {
  contacts: number;
  events: number;
  journeys: number;
  templates: number;
}

const BATCH = 2000;

/**
 * The sample's templates and segments replace theirs by id; a name one of them has, held by another of the
 * workspace's (a template renamed or made by hand), would break the names' uniqueness: refused, naming them.
 */
function refuseNameClashes(db: Db): void {
  const clashes: string[] = [];
  const check = (table: 'templates' | 'segments', what: string, items: ReadonlyArray<{ id: string; name: string }>) => {
    const holder = db.prepare(`SELECT id FROM ${table} WHERE name = ? AND id <> ?`).pluck();
    for (const item of items) {
      const id = holder.get(item.name, item.id) as string | undefined;
      if (id !== undefined) clashes.push(`the ${what} ${id} is named "${item.name}", as a sample ${what} is`);
    }
  };
  check('templates', 'template', sampleTemplates);
  check('segments', 'segment', sampleSegments);
  if (clashes.length) throw new ApiError('conflict', `the sample cannot be loaded: ${clashes.join('; ')}. Rename ${clashes.length > 1 ? 'them' : 'it'}, then load the sample again`);
}

/**
 * Writes the sample workspace. Templates, segments and journeys are replaced by their sample versions
 * (same ids); contacts and events are upserted, so loading twice duplicates nothing.
 */
export function loadSample(db: Db, options: LoadSampleOptions): LoadSampleResult {
  const now = options.now ?? Date.now();
  const writer = new ContactWriter(db, () => now);
  let contacts = 0;
  let events = 0;

  writeTransaction(db, () => {
    refuseNameClashes(db);
    const putTemplate = db.prepare(
      `INSERT INTO templates (id, name, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, document = excluded.document, updated_at = excluded.updated_at`,
    );
    for (const t of sampleTemplates) putTemplate.run(t.id, t.name, JSON.stringify(t.document), now, now);
    const putSegment = db.prepare(
      `INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES (?, ?, 'dynamic', ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, rule = excluded.rule, updated_at = excluded.updated_at`,
    );
    for (const s of sampleSegments) putSegment.run(s.id, s.name, JSON.stringify(s.rule), now, now);
    const putJourney = db.prepare(
      `INSERT INTO journeys (id, name, status, draft, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, draft = excluded.draft, updated_at = excluded.updated_at`,
    );
    for (const j of sampleJourneys()) putJourney.run(j.id, j.name, JSON.stringify(j.document), now, now);
  })();

  const writeBatch = writeTransaction(db, (batch: ReturnType<typeof generateSample> extends Generator<infer T> ? T[] : never) => {
    for (const { contact, events: contactEvents } of batch) {
      const { id } = writer.upsertContact(contact);
      for (const event of contactEvents) if (writer.insertEvent({ contactId: id, ...event })) events++;
    }
  });
  let batch = [];
  for (const sample of generateSample({ seed: options.seed, contacts: options.contacts, now })) {
    batch.push(sample);
    if (batch.length === BATCH) {
      writeBatch(batch);
      contacts += batch.length;
      batch = [];
      options.onProgress?.(contacts);
    }
  }
  writeBatch(batch);
  contacts += batch.length;
  options.onProgress?.(contacts);

  return { contacts, events, journeys: sampleJourneys().length, templates: sampleTemplates.length };
}
