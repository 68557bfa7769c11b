import type { FS, Template as LiquidTemplate } from 'liquidjs';

/** Where snippets come from: the store (or a test's map). Never the file system. */
export type SnippetSource = (name: string) => string | undefined;

/**
 * A liquidjs file system over the snippets in the store: `{% render 'footer' %}` reads the snippet named footer.
 * Names are looked up as they are, never joined to a directory, so '../../etc/passwd' is just an unknown snippet.
 */
export function snippetFs(source: SnippetSource): FS {
  return {
    exists: async (name) => source(name) !== undefined,
    existsSync: (name) => source(name) !== undefined,
    readFile: async (name) => readSnippet(source, name),
    readFileSync: (name) => readSnippet(source, name),
    resolve: (_dir, name) => name,
    contains: async () => true,
    containsSync: () => true,
    sep: '/',
    dirname: () => '',
  };
}

function readSnippet(source: SnippetSource, name: string): string {
  const body = source(name);
  if (body === undefined) throw new Error(`no snippet named "${name}"`);
  return body;
}

/**
 * liquidjs' cache of parsed snippets, keyed by 'partials:name'. An entry is reused only while the snippet's body is
 * the one it was parsed from, so an edited snippet shows in the next render without anyone clearing anything.
 */
export class SnippetCache {
  private readonly entries = new Map<string, { body: string; templates: LiquidTemplate[] }>();
  private readonly source: SnippetSource;

  constructor(source: SnippetSource) {
    this.source = source;
  }

  private nameOf(key: string) {
    return key.slice(key.indexOf(':') + 1);
  }

  read(key: string): LiquidTemplate[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.source(this.nameOf(key)) === entry.body) return entry.templates;
    this.entries.delete(key);
    return undefined;
  }

  write(key: string, value: LiquidTemplate[]): void {
    const body = this.source(this.nameOf(key));
    if (body === undefined || !Array.isArray(value)) return;
    if (this.entries.size >= 500) this.entries.clear();
    this.entries.set(key, { body, templates: value });
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
