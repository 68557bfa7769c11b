import type { ColumnMapping } from '../../../shared/contacts/importMapping.ts';
import type { ContactInput } from '../contacts/contactWriter.ts';
import { RowProblem, convertValue, normaliseEmail, propertyValue, splitList, toConsent, toTags, toTimestamp } from './convert.ts';

/** How an import treats contacts already in the store; the import screen shows it before running. */
export const contactMergeRule =
  'Email is the key: a new email adds a contact; a known email updates it. Filled cells replace the stored value, empty cells keep it, attributes are merged and tags are added (never removed).';
export const suppressionMergeRule =
  'Each address is added to the suppression list (never emailed, whatever its consent). An address already on the list keeps its reason; nothing is removed.';
export const eventMergeRule =
  'Events are added to the contact named by email or contact id. An event already imported (same event id, or same contact, name, time and properties) is not added again.';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown) => {
  if (value === undefined || value === null) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
};

/** The source columns a mapping names, computed once per mapping rather than once per row. */
const mappedColumns = new WeakMap<readonly ColumnMapping[], ReadonlySet<string>>();
function mappedSources(mapping: readonly ColumnMapping[]): ReadonlySet<string> {
  let sources = mappedColumns.get(mapping);
  if (!sources) mappedColumns.set(mapping, (sources = new Set(mapping.map((m) => m.source))));
  return sources;
}

/**
 * Hears a cell that cannot be read (with the reason) when the import leaves such cells out and keeps their row;
 * absent, the cell's RowProblem skips the row. The row's key cells (a contact's email; an event's contact, name
 * and time) always skip it: without them there is nothing to import.
 */
export type BadCell = (reason: string) => void;

/** Leaves a bad cell out when the import says so: rethrows anything else. */
function leaveOut(error: unknown, onBadCell: BadCell | undefined): void {
  if (!onBadCell || !(error instanceof RowProblem)) throw error;
  onBadCell(`${error.message} (cell left out)`);
}

/** One file row as a contact; throws RowProblem for a value that cannot be used. */
export function contactFromRow(values: Record<string, unknown>, mapping: readonly ColumnMapping[], onBadCell?: BadCell): ContactInput {
  const contact: ContactInput & { attributes: Record<string, unknown> } = { email: '', attributes: {} };
  const mapped = mappedSources(mapping);
  for (const { source, target } of mapping) {
    const value = values[source];
    if (target.kind === 'ignore') continue;
    if (target.kind === 'field' && target.field === 'email') {
      contact.email = normaliseEmail(value, source);
      continue;
    }
    try {
      if (target.kind === 'attribute') {
        const converted = convertValue(value, target.type, source);
        if (converted !== undefined) contact.attributes[target.name] = converted;
        continue;
      }
      switch (target.field) {
        case 'consent':
          if (text(value) !== null) contact.consent = toConsent(value);
          break;
        case 'tags':
          contact.tags = toTags(Array.isArray(value) ? value : splitList(String(value ?? '')), source);
          break;
        case 'first_name':
        case 'last_name':
        case 'phone':
        case 'country':
        case 'timezone':
        case 'locale':
          contact[target.field] = text(value);
          break;
        default:
          break; // event-only fields mean nothing for a contact
      }
    } catch (error) {
      leaveOut(error, onBadCell);
    }
  }
  if (!contact.email) throw new RowProblem('no email (map a column to email)');
  // JSON Lines keys the mapping did not name: a nested "attributes" object is merged, others kept as they are.
  for (const key in values) {
    const value = values[key];
    if (mapped.has(key) || value === null || value === undefined || value === '') continue;
    if (key === 'attributes' && isPlainObject(value)) Object.assign(contact.attributes, value);
    else contact.attributes[key] = value;
  }
  return contact;
}

export interface EventRow {
  contact: { email: string } | { id: number };
  name: string;
  occurredAt: number;
  properties: Record<string, unknown>;
  sourceId: string | null;
}

/** Events more than this far ahead of the clock are a broken export, not a plan. */
const FUTURE_SLACK_MS = 86_400_000;

/** One file row as an event; throws RowProblem for a value that cannot be used. */
export function eventFromRow(values: Record<string, unknown>, mapping: readonly ColumnMapping[], now: number, onBadCell?: BadCell): EventRow {
  let contact: EventRow['contact'] | undefined;
  let name: string | null = null;
  let occurredAt: number | undefined;
  let sourceId: string | null = null;
  const properties: Record<string, unknown> = {};
  const mapped = mappedSources(mapping);
  for (const { source, target } of mapping) {
    const value = values[source];
    if (target.kind === 'ignore') continue;
    if (target.kind === 'attribute') {
      try {
        const converted = typeof value === 'string' && target.type === 'text' ? value : convertValue(value, target.type, source);
        if (converted !== undefined) properties[target.name] = converted;
      } catch (error) {
        leaveOut(error, onBadCell);
      }
      continue;
    }
    switch (target.field) {
      case 'email':
        if (text(value) !== null) contact = { email: normaliseEmail(value, source) };
        break;
      case 'contact_id': {
        if (text(value) === null) break;
        const id = Number(value);
        if (!Number.isInteger(id) || id <= 0) throw new RowProblem(`${source} should be a contact id (a whole number)`);
        contact ??= { id };
        break;
      }
      case 'name':
        name = text(value);
        break;
      case 'timestamp':
        if (text(value) === null) throw new RowProblem(`no date in ${source}`);
        occurredAt = toTimestamp(value, source);
        break;
      case 'event_id':
        sourceId = text(value);
        break;
      case 'properties': {
        if (text(value) === null) break;
        const parsed = typeof value === 'string' ? propertyValue(value) : value;
        if (isPlainObject(parsed)) Object.assign(properties, parsed);
        else leaveOut(new RowProblem(`${source} should be a JSON object`), onBadCell);
        break;
      }
      default:
        break;
    }
  }
  for (const key in values) {
    const value = values[key];
    if (!mapped.has(key) && value !== '' && value !== null && value !== undefined) properties[key] = propertyValue(value);
  }
  if (!contact) throw new RowProblem('no contact (map a column to email or contact_id)');
  if (!name) throw new RowProblem('no event name');
  if (occurredAt === undefined) throw new RowProblem('no timestamp (map a column to timestamp)');
  if (occurredAt > now + FUTURE_SLACK_MS) throw new RowProblem(`the date ${new Date(occurredAt).toISOString()} is in the future`);
  return { contact, name, occurredAt, properties, sourceId };
}

/** One file row of a suppression list: the address (checked like a contact's) and an optional reason. */
export function suppressionFromRow(values: Record<string, unknown>, mapping: readonly ColumnMapping[]): { email: string; reason: string | null } {
  let email: string | undefined;
  let reason: string | null = null;
  for (const { source, target } of mapping) {
    if (target.kind !== 'field') continue;
    if (target.field === 'email') email = normaliseEmail(values[source], source);
    else if (target.field === 'reason') reason = text(values[source])?.slice(0, 200) ?? null;
  }
  if (!email) throw new RowProblem('no email (map a column to email)');
  return { email, reason };
}
