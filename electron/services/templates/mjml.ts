import type mjml2htmlType from 'mjml';

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

/**
 * MJML drops text that sits between components, so a `{% if %}` around an `<mj-text>` or a `{% for %}` around an
 * `<mj-column>` would vanish and the block would always show. Each Liquid tag or output outside the components
 * that keep their content is wrapped in `<mj-raw>`, which MJML writes out untouched at that place: the compiled
 * HTML has the tag around the component's whole HTML, and Liquid renders it per contact. (A loop over columns keeps
 * the width MJML gave the one column written.)
 */
export function protectLiquid(source: string): string {
  let inside: string | null = null;
  return source.replace(/<(\/?)(mj-[a-z-]+)\b[^>]*?(\/?)>|\{%-?[\s\S]*?-?%\}|\{\{-?[\s\S]*?-?\}\}/g, (match, closing: string | undefined, name: string | undefined, selfClosing: string | undefined) => {
    if (name) {
      if (!inside && !closing && !selfClosing && endingTags.has(name)) inside = name;
      else if (inside === name && closing) inside = null;
      return match;
    }
    return inside ? match : `<mj-raw>${match}</mj-raw>`;
  });
}

/**
 * MJML to responsive HTML. The Liquid inside stays as it is ({{ }} and {% %} pass through), and the HTML is
 * then parsed as a Liquid template. mj-include is refused so a template never reads the disk. MJML 5 compiles
 * asynchronously, so compiled bodies are cached here and rendering stays synchronous.
 */
export class MjmlCompiler {
  private readonly compiled = new Map<string, MjmlResult>();

  get(source: string): MjmlResult | undefined {
    return this.compiled.get(source);
  }

  async compile(source: string): Promise<MjmlResult> {
    const cached = this.compiled.get(source);
    if (cached) return cached;
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
