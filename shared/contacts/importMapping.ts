import { z } from 'zod';
import { PropertyName } from './attributeName.ts';

/** The contact fields an import column can fill; email is the key. */
export const contactFields = ['email', 'first_name', 'last_name', 'phone', 'country', 'timezone', 'locale', 'consent', 'tags'] as const;
export type ContactField = (typeof contactFields)[number];

/** The parts of an event an import column can fill; everything else becomes a property. */
export const eventFields = ['email', 'contact_id', 'name', 'timestamp', 'event_id', 'properties'] as const;
export type EventField = (typeof eventFields)[number];

/** What a suppression list's column can fill: the address, and why it is suppressed. */
export const suppressionFields = ['email', 'reason'] as const;
export type SuppressionField = (typeof suppressionFields)[number];

export const attributeTypes = ['text', 'number', 'date', 'boolean', 'list'] as const;
export type AttributeType = (typeof attributeTypes)[number];

/** The event names the articles use; others are allowed. */
export const standardEventNames = [
  'email_opened',
  'email_clicked',
  'page_viewed',
  'product_viewed',
  'added_to_cart',
  'purchased',
  'signed_up',
  'unsubscribed',
] as const;

/** Where one source column goes. */
export const ColumnTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), field: z.enum([...contactFields, ...eventFields, ...suppressionFields]) }),
  /** A custom contact attribute, or for events a property, converted to its type. */
  z.object({ kind: z.literal('attribute'), name: PropertyName, type: z.enum(attributeTypes) }),
  z.object({ kind: z.literal('ignore') }),
]);
export type ColumnTarget = z.infer<typeof ColumnTarget>;

export const ColumnMapping = z.object({ source: z.string(), target: ColumnTarget });
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const importKinds = ['contacts', 'events', 'suppressions'] as const;
export type ImportKind = (typeof importKinds)[number];

export const ImportFormat = z.enum(['csv', 'jsonl']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/**
 * The text encodings a CSV file can be read in. windows-1252 covers Latin-1 (ISO-8859-1) too: decoders read
 * 'latin1' as windows-1252, which differs only in the control codes 0x80-0x9F that no text uses. JSON Lines
 * files are UTF-8, as JSON is.
 */
export const fileEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const FileEncoding = z.enum(fileEncodings);
export type FileEncoding = z.infer<typeof FileEncoding>;
export const fileEncodingNames: Record<FileEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 / Latin-1',
};

/** The CSV delimiters an import reads. */
export const csvDelimiters = [',', ';', '\t', '|'] as const;
export const CsvDelimiter = z.enum(csvDelimiters);
export type CsvDelimiter = z.infer<typeof CsvDelimiter>;
export const csvDelimiterNames: Record<CsvDelimiter, string> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'pipe (|)' };

/** How to read a file, as the user chose; what they leave out is found in the file. */
export const ReadingChoices = z.object({ encoding: FileEncoding.optional(), delimiter: CsvDelimiter.optional() });
export type ReadingChoices = z.infer<typeof ReadingChoices>;

/** What to do with a cell that cannot be read as its column's type (a bad consent, a word in a number column). */
export const BadCells = z.enum(['skip-row', 'skip-cell']);
export type BadCells = z.infer<typeof BadCells>;
