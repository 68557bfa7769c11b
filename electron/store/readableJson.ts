/**
 * Contact attributes and event properties as SQLite's JSON functions can read them. Every door now keeps a stored
 * value within shared/limits.ts, but an older version stored what it was given: a value nested deeper than SQLite
 * reads (1,000 levels), or text that is not JSON, makes every JSON function on it fail ("malformed JSON"), and the
 * whole statement with it, for every contact. Whatever reads these columns reads them through the fragments
 * below, so such a value is skipped (read as no attributes, or no properties) and reported, never fatal.
 *
 * json_valid() is the one test: the SQL compiler, the contact reader and the counts then skip exactly the same
 * rows. It parses the text once; SQLite keeps that parse for the functions that read the same text next.
 */

/** The deepest nesting SQLite's JSON functions read. */
export const SQLITE_JSON_MAX_DEPTH = 1000;

/** SQL: whether the JSON in `column` can be read (1) or is skipped (0). */
export const readableSql = (column: string) => `json_valid(${column})`;

/** SQL: the JSON in `column`, or an empty object when it cannot be read. */
export const readableJsonSql = (column: string) => `(CASE WHEN json_valid(${column}) THEN ${column} ELSE '{}' END)`;

/**
 * What a contact's page and a preview say about attributes skipped this way; `culprits` are the attributes that
 * make them unreadable, when they can be told (an older version's value nested too deep).
 */
export function unreadableAttributesNote(culprits: readonly string[] = []): string {
  const which = culprits.length ? `: ${culprits.map((name) => `"${name}"`).join(', ')}, stored by an older version, ${culprits.length > 1 ? 'are' : 'is'} nested too deep` : '';
  const fix = culprits.length ? `${culprits.length > 1 ? 'they are' : 'it is'} removed (or set again)` : 'the contact is saved again';
  return `the custom attributes stored for this contact cannot be read${which}; segments, templates and journeys see the contact without custom attributes until ${fix}`;
}

/** What they say about events whose properties are skipped. */
export function unreadablePropertiesNote(events: ReadonlyArray<{ id: number; name: string }>): string {
  const shown = events.slice(0, 5).map((e) => `${e.name} #${e.id}`).join(', ');
  const more = events.length > 5 ? ` and ${events.length - 5} more` : '';
  return `the properties stored for ${events.length === 1 ? 'the event' : `${events.length} events`} ${shown}${more} cannot be read (nested too deep by an older version): segments, templates and journeys see ${events.length === 1 ? 'it' : 'them'} without properties`;
}
