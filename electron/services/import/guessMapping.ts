import type { AttributeType, ColumnMapping, ContactField, EventField, ImportKind, SuppressionField } from '../../../shared/contacts/importMapping.ts';
import { attributeNameFromHeader } from '../../../shared/contacts/attributeName.ts';
import { isBuiltInField } from '../../../shared/contacts/fields.ts';

/** A header as the synonyms below are written: 'E-mail' -> 'email', 'Téléphone' -> 'telephone'. */
const squash = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const contactSynonyms: Record<ContactField, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'e-mail'],
  first_name: ['firstname', 'first', 'givenname', 'forename'],
  last_name: ['lastname', 'last', 'surname', 'familyname'],
  phone: ['phone', 'phonenumber', 'mobile', 'tel', 'telephone'],
  country: ['country', 'countrycode'],
  timezone: ['timezone', 'tz', 'zone'],
  locale: ['locale', 'language', 'lang'],
  consent: ['consent', 'subscribed', 'subscription', 'optin', 'emailconsent', 'status'],
  tags: ['tags', 'tag', 'labels'],
};

const eventSynonyms: Record<EventField, string[]> = {
  email: ['email', 'emailaddress', 'contactemail', 'useremail'],
  contact_id: ['contactid', 'contact', 'userid', 'customerid'],
  name: ['name', 'event', 'eventname', 'type', 'eventtype', 'action'],
  timestamp: ['timestamp', 'time', 'occurredat', 'date', 'datetime', 'at', 'createdat'],
  event_id: ['eventid', 'id', 'messageid'],
  properties: ['properties', 'props', 'data'],
};

const suppressionSynonyms: Record<SuppressionField, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'e-mail', 'address'],
  reason: ['reason', 'note', 'notes', 'comment', 'why'],
};

/**
 * A first mapping from the column names: built-in fields by name (with the usual spellings), everything else a
 * custom attribute (or event property) named after its header (attributeNameFromHeader; a name already taken, or
 * a built-in field's, gets a number) and of the type `typeOf` says (columnScan.ts reads it from the values); for a
 * suppression list, ignored.
 */
export function guessMapping(kind: ImportKind, columns: readonly string[], typeOf: (column: string) => AttributeType): ColumnMapping[] {
  const synonyms: Record<string, string[]> = kind === 'contacts' ? contactSynonyms : kind === 'events' ? eventSynonyms : suppressionSynonyms;
  const used = new Set<string>();
  const names = new Set<string>();
  // A JSON Lines contact's nested "attributes" object is merged as it is, not mapped as one column.
  const mappable = kind === 'contacts' ? columns.filter((c) => c !== 'attributes') : columns;
  return mappable.map((source) => {
    const key = squash(source);
    const field = Object.keys(synonyms).find((f) => !used.has(f) && synonyms[f].includes(key));
    if (field) {
      used.add(field);
      return { source, target: { kind: 'field', field } } as ColumnMapping;
    }
    // A suppression list keeps addresses and reasons only: other columns are not data to hold about anybody.
    if (kind === 'suppressions') return { source, target: { kind: 'ignore' } };
    const base = attributeNameFromHeader(source);
    let name = base;
    for (let n = 2; names.has(name) || (kind === 'contacts' && isBuiltInField(name)); n++) name = `${base}_${n}`;
    names.add(name);
    return { source, target: { kind: 'attribute', name, type: typeOf(source) } };
  });
}
