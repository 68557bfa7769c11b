import type { ContactEvent, ContactView } from '../../../shared/rules/contactView.ts';
import { builtInFields } from '../../../shared/contacts/fields.ts';
import type { ContactRow } from './contactRow.ts';
import { decodeTags } from './tagColumn.ts';

const parseObject = (json: string): Record<string, unknown> => {
  const value: unknown = JSON.parse(json);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
};

/**
 * A contact as the rule evaluator, the template renderer and the interpreter see it: the built-in columns
 * beside the custom attributes (the built-in wins on a clash, exactly as the SQL compiler reads them), tags,
 * and events oldest first. `row.attributes` is null when SQLite cannot read the stored JSON (store/readableJson.ts):
 * the contact then has no custom attributes, as the SQL compiler reads them.
 */
export function contactViewFromRow(row: Omit<ContactRow, 'attributes'> & { attributes: string | null }, events: ContactEvent[]): ContactView {
  const attributes: Record<string, unknown> = row.attributes === null ? {} : parseObject(row.attributes);
  for (const name of builtInFields) attributes[name] = row[name];
  return { id: row.id, email: row.email, attributes, tags: new Set(decodeTags(row.tags)), events, createdAt: row.created_at };
}
