/**
 * How a contact's tags are stored: in their row, in `contacts.tags`, as one text with each tag between unit
 * separators (U+001F), "\u001fnew\u001fvip\u001f", and '' for none. One column rather than a table of
 * (contact, tag) rows: an import writes each contact as one row (the table took four or five more per contact,
 * in two B-trees, most of an import's time), a contact is read with its tags, and 'has the tag' is a substring
 * test that SQLite runs at scan speed. TagName refuses control characters, so the separator is never inside a tag.
 *
 * The SQL fragments below are the only places that know the format in SQL; encodeTags and decodeTags in JS.
 */
const SEPARATOR = '\u001f';

/** The stored text of a set of tags. */
export function encodeTags(tags: Iterable<string>): string {
  const sorted = [...tags].sort();
  let text = '';
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) text += SEPARATOR + sorted[i];
  return text && text + SEPARATOR;
}

/** The tags in a stored text, sorted. */
export function decodeTags(text: string | null | undefined): string[] {
  return text ? text.slice(1, -1).split(SEPARATOR).sort() : [];
}

/** The stored text of both texts' tags together. */
export function unionTags(text: string, added: string): string {
  return added ? encodeTags([...decodeTags(text), ...decodeTags(added)]) : text;
}

/**
 * SQL: whether the tags column `column` holds the tag given by the SQL expression `tag`. The add and remove
 * fragments use `tag` more than once: give them a named parameter (`@tag`), not a bare `?`.
 */
export function hasTagSql(column: string, tag: string): string {
  return `instr(${column}, char(31) || ${tag} || char(31)) > 0`;
}

/** SQL: the tags column `column` with the tag `tag` added, for an UPDATE's SET. */
export function addTagSql(column: string, tag: string): string {
  return `CASE WHEN ${hasTagSql(column, tag)} THEN ${column} WHEN ${column} = '' THEN char(31) || ${tag} || char(31) ELSE ${column} || ${tag} || char(31) END`;
}

/** SQL: the tags column `column` without the tag `tag`, for an UPDATE's SET. */
export function removeTagSql(column: string, tag: string): string {
  return `CASE WHEN ${column} = char(31) || ${tag} || char(31) THEN '' ELSE replace(${column}, char(31) || ${tag} || char(31), char(31)) END`;
}
