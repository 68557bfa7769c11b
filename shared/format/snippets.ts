/**
 * Snippets are pulled into templates with Liquid's {% render 'name' %} or {% include 'name' %}. These two
 * helpers find the names a text uses and rename them, so an export can carry the snippets a template needs
 * and an import can give a clashing snippet a new name.
 */
const SNIPPET_TAG = /(\{%-?\s*(?:render|include)\s+)(["'])([^"']+)\2/g;

export function snippetNamesIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(SNIPPET_TAG)) names.add(match[3]);
  return [...names];
}

export function renameSnippets(text: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return text;
  return text.replace(SNIPPET_TAG, (whole, head: string, quote: string, name: string) =>
    renames.has(name) ? `${head}${quote}${renames.get(name)}${quote}` : whole,
  );
}

/** Every Liquid text of a template document: subjects, preheaders and bodies of each language. */
export function liquidTextsOf(document: { content: Record<string, unknown>; variants: Record<string, Record<string, unknown>> }): string[] {
  const contents = [document.content, ...Object.values(document.variants)];
  return contents.flatMap((c) => ['subject', 'preheader', 'body', 'text'].map((k) => (typeof c[k] === 'string' ? (c[k] as string) : '')));
}
