import type { RestoreWorkspaceResult, WorkspaceCounts } from '../../../shared/api/calls/exchange.ts';
import { canonicalEdge, canonicalLayout, canonicalNode, canonicalSegment, canonicalSnippet, canonicalTemplate } from '../../../shared/format/canonical.ts';
import { WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, type BackupContact, type BackupEvent, type WorkspaceFile } from '../../../shared/format/workspaceFile.ts';
import { MAX_WORKSPACE_FILE_BYTES, parseWorkspaceFile } from '../../../shared/format/parseWorkspace.ts';
import type { FileProblem } from '../../../shared/format/jsonText.ts';
import { sortKeys } from '../../../shared/util/canonicalJson.ts';
import type { ContactRow } from '../contacts/contactRow.ts';
import { ContactWriter, storedDedupeKey } from '../contacts/contactWriter.ts';
import type { Services } from '../services.ts';
import { readSource, type ReadableSource } from './readSource.ts';
import { allSegments, allSnippets, putSegment, putSetting, putSnippet, workspaceResources } from './resourceRows.ts';
import { restorableSettings, settingsForBackup } from './backupSettings.ts';
import { decodeTags } from '../contacts/tagColumn.ts';
import { writeTransaction } from '../../store/database.ts';
import { readableSql } from '../../store/readableJson.ts';
import { storedValueProblem } from '../../../shared/limits.ts';

export interface BackupOptions {
  includeContacts: boolean;
  /** Events need their contacts, so asking for events brings the contacts too. */
  includeEvents: boolean;
}

/**
 * A backup holds only what restoring it takes (shared/limits.ts): a stored value an older version let through,
 * nested too deep or too large, is left out, and said in `leftOut`.
 */
function contactsOf(services: Services, leftOut: string[]): BackupContact[] {
  const rows = services.db.prepare(`SELECT *, ${readableSql('attributes')} AS readable FROM contacts ORDER BY email`).all() as Array<ContactRow & { readable: 0 | 1 }>;
  return rows.map((r) => {
    if (!r.readable) leftOut.push(`${r.email}: the custom attributes, which cannot be read (nested too deep by an older version)`);
    const attributes = r.readable ? (JSON.parse(r.attributes) as Record<string, unknown>) : {};
    for (const name of Object.keys(attributes)) {
      const problem = storedValueProblem(attributes[name], `${r.email}: attribute "${name}"`);
      if (problem) {
        leftOut.push(problem);
        delete attributes[name];
      }
    }
    return {
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
      phone: r.phone,
      country: r.country,
      timezone: r.timezone,
      locale: r.locale,
      consent: r.consent,
      attributes: sortKeys(attributes) as Record<string, unknown>,
      tags: decodeTags(r.tags),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

function eventsOf(services: Services, leftOut: string[]): BackupEvent[] {
  const rows = services.db
    .prepare(
      `SELECT c.email, e.name, e.occurred_at, CASE WHEN ${readableSql('e.properties')} THEN e.properties END AS properties, e.dedupe_key
       FROM events e JOIN contacts c ON c.id = e.contact_id
       ORDER BY c.email, e.occurred_at, e.dedupe_key`,
    )
    .all() as Array<{ email: string; name: string; occurred_at: number; properties: string | null; dedupe_key: string }>;
  return rows.map((r) => {
    let properties = r.properties === null ? null : (JSON.parse(r.properties) as Record<string, unknown>);
    const problem = properties === null ? 'cannot be read (nested too deep by an older version)' : storedValueProblem(properties);
    if (problem) {
      leftOut.push(`${r.email}: the properties of the ${r.name} event of ${new Date(r.occurred_at).toISOString()}: ${problem}`);
      properties = {};
    }
    return { email: r.email, name: r.name, occurredAt: r.occurred_at, properties: sortKeys(properties) as Record<string, unknown>, dedupeKey: r.dedupe_key };
  });
}

/**
 * Everything in the workspace as one backup, in canonical order; of the settings, only those on the backup list
 * (never the unsubscribe signing key nor a secret). Values that cannot be read back are left out and named in `leftOut`.
 */
export function workspaceBackupOf(services: Services, options: BackupOptions, leftOut: string[] = []): WorkspaceFile {
  const journeys = services.journeys
    .list()
    .map((summary) => services.journeys.get(summary.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((j) => ({
      id: j.id,
      name: j.name,
      nodes: j.document.nodes.map(canonicalNode),
      edges: j.document.edges.map(canonicalEdge),
      settings: sortKeys(j.document.settings) as WorkspaceFile['journeys'][number]['settings'],
      layout: canonicalLayout(j.document.layout),
    }));
  const templates = services.templates
    .list()
    .map((t) => services.templates.get(t.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(canonicalTemplate);
  const withContacts = options.includeContacts || options.includeEvents;
  return {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_FORMAT_VERSION,
    journeys,
    templates,
    snippets: allSnippets(services.db).map(canonicalSnippet),
    segments: allSegments(services.db).map(canonicalSegment),
    settings: settingsForBackup(services.db),
    ...(withContacts ? { contacts: contactsOf(services, leftOut) } : {}),
    ...(options.includeEvents ? { events: eventsOf(services, leftOut) } : {}),
  };
}

export function countsOf(file: WorkspaceFile): WorkspaceCounts {
  return {
    journeys: file.journeys.length,
    templates: file.templates.length,
    segments: file.segments.length,
    snippets: file.snippets.length,
    settings: Object.keys(file.settings).length,
    contacts: file.contacts?.length ?? 0,
    events: file.events?.length ?? 0,
  };
}

export function serializeWorkspaceFile(file: WorkspaceFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

/**
 * Restores a backup into the open workspace, all or nothing: every journey, template, segment and snippet is
 * written under its own id (replacing what has that id), the settings on the backup list likewise (any other
 * setting in the file, such as an older backup's unsubscribe key or secrets, is left out with a note), contacts
 * are merged by email and events added unless already there. A template or segment whose name another one
 * already uses, or a listed setting whose value is wrong, is a problem, reported before anything is written.
 */
export function restoreWorkspace(services: Services, source: ReadableSource): RestoreWorkspaceResult {
  const read = readSource(source, MAX_WORKSPACE_FILE_BYTES);
  if (!read.ok) return { outcome: 'invalid', problems: [read.problem] };
  const parsed = parseWorkspaceFile(read.text, workspaceResources(services.db));
  if (!parsed.ok) return { outcome: 'invalid', problems: parsed.problems };
  const file = parsed.file;

  const problems: FileProblem[] = [];
  const nameTakenElsewhere = (table: 'templates' | 'segments', id: string, name: string) =>
    services.db.prepare(`SELECT 1 FROM ${table} WHERE name = ? AND id <> ?`).get(name, id) !== undefined;
  file.templates.forEach((t, i) => {
    if (nameTakenElsewhere('templates', t.id, t.name)) problems.push({ path: `templates[${i}].name`, message: `another template in the workspace is already named "${t.name}"` });
  });
  file.segments.forEach((s, i) => {
    if (nameTakenElsewhere('segments', s.id, s.name)) problems.push({ path: `segments[${i}].name`, message: `another segment in the workspace is already named "${s.name}"` });
  });
  const settings = restorableSettings(file.settings);
  problems.push(...settings.problems);
  if (problems.length > 0) return { outcome: 'invalid', problems };

  writeTransaction(services.db, () => {
    const { db } = services;
    const at = services.now();
    for (const snippet of file.snippets) putSnippet(db, snippet, at);
    const putTemplate = db.prepare(
      `INSERT INTO templates (id, name, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, document = excluded.document, updated_at = excluded.updated_at`,
    );
    for (const t of file.templates) putTemplate.run(t.id, t.name, JSON.stringify(t.document), at, at);
    for (const segment of file.segments) putSegment(db, segment, at);
    for (const [key, value] of settings.entries) putSetting(db, key, value);
    const putJourney = db.prepare(
      `INSERT INTO journeys (id, name, status, draft, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, draft = excluded.draft, updated_at = excluded.updated_at`,
    );
    for (const j of file.journeys) {
      putJourney.run(j.id, j.name, JSON.stringify({ nodes: j.nodes, edges: j.edges, settings: j.settings, layout: j.layout }), at, at);
    }
    const writer = new ContactWriter(db, () => at);
    const contactIds = new Map<string, number>();
    // A restored contact keeps the times it had, rather than the time of the restore.
    const keepTimes = db.prepare('UPDATE contacts SET created_at = ?, updated_at = ? WHERE id = ?');
    for (const c of file.contacts ?? []) {
      const { id } = writer.upsertContact({
        email: c.email,
        first_name: c.firstName,
        last_name: c.lastName,
        phone: c.phone,
        country: c.country,
        timezone: c.timezone,
        locale: c.locale,
        consent: c.consent,
        attributes: c.attributes,
        tags: c.tags,
      });
      keepTimes.run(c.createdAt, c.updatedAt, id);
      contactIds.set(c.email.toLowerCase(), id);
    }
    // The stored dedupe key goes back as it was (in today's form, for a backup made before migration 0005), so
    // restoring twice adds no event twice, nor does importing the events file they came from.
    const insertEvent = db.prepare('INSERT OR IGNORE INTO events (contact_id, name, occurred_at, properties, dedupe_key) VALUES (?, ?, ?, ?, ?)');
    for (const e of file.events ?? []) insertEvent.run(contactIds.get(e.email.toLowerCase()), e.name, e.occurredAt, JSON.stringify(e.properties), storedDedupeKey(e.dedupeKey));
  })();
  return { outcome: 'restored', counts: { ...countsOf(file), settings: settings.entries.length }, notes: [...parsed.notes, ...settings.notes] };
}
