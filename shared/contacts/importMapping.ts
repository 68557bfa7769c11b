import { z } from 'zod';

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
  z.object({ kind: z.literal('attribute'), name: z.string().min(1).max(200), type: z.enum(attributeTypes) }),
  z.object({ kind: z.literal('ignore') }),
]);
export type ColumnTarget = z.infer<typeof ColumnTarget>;

export const ColumnMapping = z.object({ source: z.string(), target: ColumnTarget });
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const importKinds = ['contacts', 'events', 'suppressions'] as const;
export type ImportKind = (typeof importKinds)[number];

export const ImportFormat = z.enum(['csv', 'jsonl']);
export type ImportFormat = z.infer<typeof ImportFormat>;
