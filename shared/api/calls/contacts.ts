import { z } from 'zod';
import { call } from '../define.ts';
import { BadCells, ColumnMapping, CsvDelimiter, FileEncoding, ImportFormat, ReadingChoices, importKinds } from '../../contacts/importMapping.ts';
import { Consent } from '../../contacts/consent.ts';
import { TagName } from '../../contacts/tags.ts';
import { AttributeName } from '../../contacts/attributeName.ts';
import { PickedFileToken } from './dialogs.ts';
import { AttributeValues } from '../../contacts/storedValues.ts';

export const ContactSummary = z.object({
  id: z.number().int(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  country: z.string().nullable(),
  consent: Consent,
  updatedAt: z.number(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

/** A behavioural event as stored for a contact. */
export const StoredEvent = z.object({ id: z.number().int(), name: z.string(), at: z.number(), properties: z.record(z.string(), z.unknown()) });
export type StoredEvent = z.infer<typeof StoredEvent>;

export const ContactDetail = ContactSummary.extend({
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  timezone: z.string().nullable(),
  locale: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  suppressed: z.object({ reason: z.string(), addedAt: z.number() }).nullable(),
  createdAt: z.number(),
  /** Newest first, at most `eventLimit`. */
  events: z.array(StoredEvent),
  eventCount: z.number().int(),
  /** Stored values that cannot be read (an older version stored them nested too deep) and are left out, and what to do. */
  warnings: z.array(z.string()),
});
export type ContactDetail = z.infer<typeof ContactDetail>;

export const contactSortKeys = ['email', 'first_name', 'last_name', 'country', 'updated_at'] as const;

const ImportSource = z.union([
  /** A file the user picked in the desktop app's open dialog. */
  z.object({ picked: PickedFileToken }),
  /** A file the browser uploaded with contacts.upload. */
  z.object({ uploadId: z.string().regex(/^[A-Za-z0-9_-]+$/) }),
]);
export type ImportSource = z.infer<typeof ImportSource>;

export const ImportPreview = z.object({
  format: ImportFormat,
  /** How the file is read as text: found in the file, or as chosen (JSON Lines: UTF-8). */
  encoding: FileEncoding,
  /** CSV: found from the first lines, or as chosen; JSON Lines: null. */
  delimiter: CsvDelimiter.nullable(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
  mapping: z.array(ColumnMapping),
  /** How existing contacts are treated, in words, shown before the import runs. */
  mergeRule: z.string(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportProblem = z.object({ line: z.number().int(), reason: z.string() });
export const ImportReport = z.object({
  runId: z.string(),
  kind: z.enum(importKinds),
  file: z.string(),
  /** interrupted: the app stopped during the run (the batches written so far are kept; running it again finishes it). */
  status: z.enum(['running', 'done', 'cancelled', 'failed', 'interrupted']),
  rowsRead: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  /** Rows already in the store (events seen before): nothing changed. */
  unchanged: z.number().int(),
  skipped: z.number().int(),
  /** How the file was read: its text encoding, and a CSV file's delimiter (null before it is read, and for runs listed from the store). */
  encoding: FileEncoding.nullable(),
  delimiter: CsvDelimiter.nullable(),
  /** Cells that could not be read and were left out of a row that was imported (when the import skips cells, not rows). */
  cellsSkipped: z.number().int(),
  /** The first problems, one per skipped row or cell (the full list is in the CSV report). */
  problems: z.array(ImportProblem),
  bytesRead: z.number(),
  totalBytes: z.number(),
  rowsPerSecond: z.number(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** Why the whole file failed (unreadable, a required column missing). */
  error: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

const Kind = z.enum(importKinds);

export const contactCalls = {
  'contacts.list': call(
    'A page of contacts, searchable, filterable by segment, sortable.',
    z.object({
      search: z.string().max(200).optional(),
      segmentId: z.string().optional(),
      sort: z.enum(contactSortKeys).default('email'),
      descending: z.boolean().default(false),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    z.object({ total: z.number().int(), contacts: z.array(ContactSummary) }),
  ),
  'contacts.get': call('One contact with attributes, tags, consent and latest events.', z.object({ id: z.number().int(), eventLimit: z.number().int().min(1).max(5000).default(200) }), ContactDetail),
  'contacts.events': call(
    'A contact’s events of one name, newest first, and how many there are (the simulator’s choice of the event that admits them).',
    z.object({ id: z.number().int(), name: z.string().min(1), limit: z.number().int().min(1).max(500).default(50) }),
    z.object({ total: z.number().int(), events: z.array(StoredEvent) }),
  ),
  'contacts.update': call(
    'Edit a contact: attributes set (null removes one), tags added and removed, consent.',
    z.object({
      id: z.number().int(),
      attributes: z.record(AttributeName, z.unknown()).pipe(AttributeValues).default({}),
      addTags: z.array(z.string().trim().pipe(TagName)).default([]),
      removeTags: z.array(z.string()).default([]),
      consent: Consent.optional(),
    }),
    ContactDetail,
  ),
  'contacts.forget': call('Right to erasure: delete the contact and everything held about them.', z.object({ id: z.number().int() }), z.object({ deleted: z.literal(true) })),
  'contacts.export': call('Access request: everything held about one contact, as JSON.', z.object({ id: z.number().int() }), z.object({ fileName: z.string(), json: z.string() })),
  'contacts.attributeNames': call('Built-in fields and the custom attribute names in use, for rule builders.', z.object({}), z.array(z.string())),
  'contacts.suppressions': call('The suppression list.', z.object({}), z.array(z.object({ email: z.string(), reason: z.string(), addedAt: z.number() }))),
  'contacts.suppress': call(
    'Add an address to the suppression list by hand.',
    z.object({ email: z.string().trim().email(), reason: z.string().max(200).default('added by hand') }),
    z.object({ email: z.string() }),
  ),
  'contacts.unsuppress': call('Take an address off the suppression list.', z.object({ email: z.string() }), z.object({ email: z.string() })),
  'contacts.upload': call(
    'Browser mode: send a file to import in base64 chunks (in order); the first chunk has no uploadId.',
    z.object({ uploadId: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(), fileName: z.string().max(255), chunkBase64: z.string() }),
    z.object({ uploadId: z.string() }),
  ),
  'contacts.previewImport': call(
    'The first rows of a file, its columns, encoding and delimiter, and a suggested mapping (types read from every row); an encoding or delimiter given is used instead of the one found.',
    z.object({ kind: Kind, source: ImportSource, ...ReadingChoices.shape }),
    ImportPreview,
  ),
  'contacts.startImport': call(
    'Start importing a file with a column mapping, encoding, delimiter and what to do with a bad cell; poll contacts.importStatus for progress.',
    z.object({ kind: Kind, source: ImportSource, mapping: z.array(ColumnMapping).optional(), ...ReadingChoices.shape, badCells: BadCells.default('skip-row') }),
    z.object({ runId: z.string() }),
  ),
  'contacts.importStatus': call('Progress or result of an import.', z.object({ runId: z.string() }), ImportReport),
  'contacts.cancelImport': call('Stop an import; the rows written so far stay, consistent.', z.object({ runId: z.string() }), ImportReport),
  'contacts.importRuns': call('The latest imports, newest first, with their counts and status.', z.object({ limit: z.number().int().min(1).max(100).default(20) }), z.array(ImportReport)),
  'contacts.importReportCsv': call('The import report (every skipped row with its line and reason) as CSV.', z.object({ runId: z.string() }), z.object({ fileName: z.string(), csv: z.string() })),
};
