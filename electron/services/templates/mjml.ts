import type mjml2htmlType from 'mjml';
import { ForwardSearch, liquidTokenAt } from './liquidScan.ts';
import { TemplateError } from './templateError.ts';

export interface MjmlResult {
  html: string;
  /** MJML's validation warnings, e.g. an unknown attribute, with their line. */
  warnings: Array<{ line: number; message: string }>;
}

/**
 * MJML components whose content is passed through as HTML: Liquid inside them survives the compile as it is.
 * (mj-raw is one; wrapping its content again would nest it.)
 */
const endingTags: ReadonlySet<string> = new Set([
  'mj-text', 'mj-button', 'mj-raw', 'mj-table', 'mj-navbar-link', 'mj-accordion-title', 'mj-accordion-text',
  'mj-social-element', 'mj-style', 'mj-title', 'mj-preview', 'mj-attributes', 'mj-html-attributes', 'mj-font', 'mj-breakpoint',
]);

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isNameChar = (c: number) => (c >= 97 && c <= 122) || c === 45;

/**
 * The component tag starting at `at` (`<mj-text …>`, `</mj-text>`, `<mj-image … />`) as
 * `<(\/?)(mj-[a-z-]+)\b[^>]*?(\/?)>` reads it there, or undefined.
 */
function componentAt(source: string, at: number, search: ForwardSearch): { end: number; closing: boolean; name: string; selfClosing: boolean } | undefined {
  const closing = source.charCodeAt(at + 1) === 47; // '/'
  const nameStart = at + (closing ? 2 : 1);
  if (!source.startsWith('mj-', nameStart)) return undefined;
  let nameEnd = nameStart + 3;
  while (nameEnd < source.length && isNameChar(source.charCodeAt(nameEnd))) nameEnd++;
  // the longest name that ends at a word boundary (\b), with at least one character after 'mj-'
  const boundary = (end: number) => isWordChar(source.charCodeAt(end - 1)) !== (end < source.length && isWordChar(source.charCodeAt(end)));
  while (nameEnd > nameStart + 3 && !boundary(nameEnd)) nameEnd--;
  if (nameEnd === nameStart + 3) return undefined;
  const gt = search.indexOf('>', nameEnd);
  if (gt === -1) return undefined;
  return { end: gt + 1, closing, name: source.slice(nameStart, nameEnd), selfClosing: gt - 1 >= nameEnd && source.charCodeAt(gt - 1) === 47 };
}

/**
 * MJML drops text that sits between components, so a `{% if %}` around an `<mj-text>` or a `{% for %}` around an
 * `<mj-column>` would vanish and the block would always show. Each Liquid tag or output outside the components
 * that keep their content is wrapped in `<mj-raw>`, which MJML writes out untouched at that place: the compiled
 * HTML has the tag around the component's whole HTML, and Liquid renders it per contact. (A loop over columns keeps
 * the width MJML gave the one column written.)
 */
export function protectLiquid(source: string): string {
  // one pass, left to right, each piece found once (liquidScan.ts): a regular expression took 4 s on 128,000
  // characters of `{%`
  const search = new ForwardSearch(source);
  let inside: string | null = null;
  let out = '';
  let copied = 0;
  for (let at = 0; at < source.length; at++) {
    const c = source.charCodeAt(at);
    if (c === 60 /* < */) {
      const tag = componentAt(source, at, search);
      if (!tag) continue;
      if (!inside && !tag.closing && !tag.selfClosing && endingTags.has(tag.name)) inside = tag.name;
      else if (inside === tag.name && tag.closing) inside = null;
      at = tag.end - 1;
    } else if (c === 123 /* { */) {
      const end = liquidTokenAt(source, at, search)?.end;
      if (end === undefined) continue;
      if (!inside) {
        out += `${source.slice(copied, at)}<mj-raw>${source.slice(at, end)}</mj-raw>`;
        copied = end;
      }
      at = end - 1;
    }
  }
  return copied ? out + source.slice(copied) : source;
}

/**
 * The longest MJML body compiled. MJML's compile cannot be stopped halfway and its time grows faster than the body:
 * inlining an `<mj-style inline="inline">` matches every rule against every element, so a body made of rules and
 * components took 1.7 s at 50,000 characters and 8.9 s at 100,000 (on a shared, loaded machine). Real MJML emails
 * are 5,000 to 20,000 characters; the compiled HTML is several times longer.
 */
export const maxMjmlChars = 50_000;

/**
 * MJML to responsive HTML. The Liquid inside stays as it is ({{ }} and {% %} pass through), and the HTML is
 * then parsed as a Liquid template. mj-include is refused so a template never reads the disk. MJML 5 compiles
 * asynchronously, so compiled bodies are cached here and rendering stays synchronous. A body longer than
 * maxMjmlChars is a TemplateError of kind `limit`.
 */
export class MjmlCompiler {
  private readonly compiled = new Map<string, MjmlResult>();

  get(source: string): MjmlResult | undefined {
    return this.compiled.get(source);
  }

  async compile(source: string): Promise<MjmlResult> {
    const cached = this.compiled.get(source);
    if (cached) return cached;
    if (source.length > maxMjmlChars) {
      const limit = maxMjmlChars.toLocaleString('en-US');
      throw new TemplateError(`MJML size limit exceeded: the body has ${source.length.toLocaleString('en-US')} characters, MJML bodies at most ${limit} (write a longer email as HTML)`, { line: 1, column: 1, part: 'body', kind: 'limit' });
    }
    // loaded on first use: MJML and its dependencies are heavy, and most templates are plain HTML
    const mjml2html = (await import('mjml')).default as typeof mjml2htmlType;
    const output = await mjml2html(protectLiquid(source), {
      validationLevel: 'soft',
      ignoreIncludes: true,
      keepComments: false,
      minify: false,
      beautify: false,
    } as Parameters<typeof mjml2htmlType>[1]);
    const result: MjmlResult = {
      html: output.html,
      warnings: (output.errors ?? []).map((e: { line?: number; message?: string; formattedMessage?: string }) => ({ line: e.line ?? 1, message: e.message ?? e.formattedMessage ?? 'MJML error' })),
    };
    if (this.compiled.size >= 200) this.compiled.clear();
    this.compiled.set(source, result);
    return result;
  }
}
