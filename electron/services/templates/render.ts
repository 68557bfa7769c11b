import type { Template as LiquidTemplate } from 'liquidjs';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { Template, TemplateContent, TemplateDocument } from '../../../shared/templates/template.ts';
import type { Product } from '../../../shared/templates/product.ts';
import { escapeHtml } from './htmlEscaping.ts';
import { htmlToText } from './htmlToText.ts';
import { defaultLimits, formatKey, LiquidEngine, type RenderLimits } from './liquidEngine.ts';
import { chooseContent, formattingLocale } from './localeVariant.ts';
import { MjmlCompiler } from './mjml.ts';
import { RenderDeadline } from './renderDeadline.ts';
import { buildScope, computedReads, everyComputedField, type ScopeNeeds } from './scope.ts';
import type { SnippetSource } from './snippetFs.ts';
import { TemplateError, toTemplateError, type TemplatePart } from './templateError.ts';
import type { FormatContext } from './localeFormat.ts';
import type { ComputedFieldName } from './computedFields.ts';
import type { RfmCuts } from '../../../shared/rules/population.ts';

export { TemplateError } from './templateError.ts';
export type { RenderLimits } from './liquidEngine.ts';

export interface RenderInput {
  template: Template;
  contact: ContactView;
  /** Properties of the event that admitted the contact (a cart's items...). */
  trigger?: Record<string, unknown>;
  journey?: { id: string; name: string; stepId: string };
  unsubscribeUrl: string;
  /** Epoch ms: the clock for dates and computed fields. */
  now: number;
  /**
   * The workspace's RFM quintile cuts at `now` (rfmCutsForTemplate(), once per batch), so that `rfm_group` is the
   * group a segment's RFM rule gives the contact. Without them `rfm_group` is null.
   */
  rfmCuts?: RfmCuts;
}

export interface RenderOptions {
  /**
   * Editor and lint: an unknown variable is an error with its line and column. At send time (the default) it
   * renders empty and is listed in `unknownVariables` for the caller to log.
   */
  strictVariables?: boolean;
}

export interface RenderedEmail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  fromName: string;
  fromEmail: string;
  replyTo: string;
  /** The locale of the content chosen (a variant's, or the template's default). */
  locale: string;
  /** Variables the template reads that this contact's render did not have, e.g. 'contact.frist_name'. */
  unknownVariables: string[];
}

export interface TemplateRendererOptions {
  snippet: SnippetSource;
  recommendations?(contact: ContactView, limit: number): Product[];
  limits?: Partial<RenderLimits>;
}

/** A content's parts, parsed, with what they read. */
interface PreparedContent {
  subject: LiquidTemplate[];
  preheader: LiquidTemplate[];
  body: LiquidTemplate[];
  text: LiquidTemplate[] | null;
  needs: ScopeNeeds;
  /** Variable paths the template reads from outside itself, to check against each contact's scope. */
  paths: Array<Array<string | number>>;
}

const roots = ['contact'];

/** Keeps a variable path up to what the scope can vouch for: `contact.x` for the contact, the root for the rest. */
function checkedPath(segments: ReadonlyArray<unknown>): Array<string | number> {
  const depth = roots.includes(String(segments[0])) ? 2 : 1;
  const path: Array<string | number> = [];
  for (const segment of segments.slice(0, depth)) {
    if (typeof segment !== 'string' && typeof segment !== 'number') break;
    path.push(segment);
  }
  return path;
}

function missing(scope: Record<string, unknown>, path: ReadonlyArray<string | number>): boolean {
  let value: unknown = scope;
  for (const segment of path) {
    if (value === null || value === undefined || typeof value !== 'object') return false; // null is a known empty
    if (Array.isArray(value) && (segment === 'size' || segment === 'first' || segment === 'last')) return false;
    if (!Object.hasOwn(value, segment)) return true;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return false;
}

/**
 * A subject or preheader on one line: whitespace runs as one space, none at the ends. Most are one line already,
 * which a scan tells without the regular expression's copy.
 */
function singleLine(text: string): string {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    const irregular = c === 32 ? i === 0 || i === last || text.charCodeAt(i + 1) === 32 : c < 32 || (c >= 0xa0 && /\s/.test(text[i]));
    if (irregular) return text.replace(/\s+/g, ' ').trim();
  }
  return text;
}

/** The preheader as inbox apps expect it: first thing in the body, hidden when the email is opened. */
function withPreheader(html: string, preheader: string): string {
  if (!preheader.trim()) return html;
  const block = `<div data-preheader style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all">${escapeHtml(preheader)}</div>`;
  const at = bodyTagEnd(html);
  return at === -1 ? block + html : html.slice(0, at) + block + html.slice(at);
}

/**
 * Just after the `>` of the body tag: the first `<body` that is a whole word, in any letter case; -1 without one.
 * When no `>` follows that first one, none follows a later one either, so one search for each is enough, however
 * the HTML repeats `<body` (the regular expression `<body\b[^>]*>` did it again from each, in time growing with the
 * square of the size: 104 s for 256,000 characters).
 */
function bodyTagEnd(html: string): number {
  // the usual lower-case <body> found without a regular expression
  const usual = html.indexOf('<body');
  if (usual !== -1 && /[\s>]/.test(html[usual + 5] ?? '')) {
    const end = html.indexOf('>', usual);
    if (end !== -1) return end + 1;
  }
  const at = html.search(/<body\b/i);
  const end = at === -1 ? -1 : html.indexOf('>', at);
  return end === -1 ? -1 : end + 1;
}

/**
 * Renders a template for one contact: synchronous, parse once then render many. HTML bodies escape every value
 * (contact data arrives as text); subject, preheader and text do not, since they are not HTML.
 */
export class TemplateRenderer {
  private readonly html: LiquidEngine;
  private readonly plain: LiquidEngine;
  private readonly mjml = new MjmlCompiler();
  private readonly prepared = new WeakMap<TemplateContent, PreparedContent>();
  private readonly choices = new WeakMap<TemplateDocument, Map<string, { content: TemplateContent; locale: string; formatLocale: string }>>();
  private readonly recommend?: (contact: ContactView, limit: number) => Product[];
  /** One email's render time (RenderDeadline). */
  private readonly timeMs: number;

  constructor(options: TemplateRendererOptions) {
    const limits = { ...defaultLimits, ...options.limits };
    this.timeMs = limits.timeMs;
    this.html = new LiquidEngine({ escapeHtml: true, snippets: options.snippet, limits });
    this.plain = new LiquidEngine({ escapeHtml: false, snippets: options.snippet, limits });
    this.recommend = options.recommendations?.bind(options);
  }

  /** Compiles the MJML bodies of a template (MJML 5 is asynchronous); call before rendering an MJML template. */
  async prepare(template: Template): Promise<void> {
    if (template.document.format !== 'mjml') return;
    for (const content of [template.document.content, ...Object.values(template.document.variants)]) await this.mjml.compile(content.body);
  }

  /** The content for a contact's locale and the locale to format in, remembered per document and locale. */
  private choose(document: TemplateDocument, contactLocale: string | undefined) {
    let byLocale = this.choices.get(document);
    if (!byLocale) this.choices.set(document, (byLocale = new Map()));
    const key = contactLocale ?? '';
    let choice = byLocale.get(key);
    if (!choice) {
      const chosen = chooseContent(document, contactLocale);
      choice = { ...chosen, formatLocale: formattingLocale(chosen.locale, contactLocale) };
      byLocale.set(key, choice);
    }
    return choice;
  }

  /**
   * The computed fields any content of the template reads (its default and its variants), so a caller fetches
   * what they need (the RFM cuts) only when they are read. Call prepare() first for MJML. A content that does not
   * parse reads nothing here: its render reports the error.
   */
  computedFieldsRead(template: Template): ReadonlySet<ComputedFieldName> {
    const read = new Set<ComputedFieldName>();
    for (const content of [template.document.content, ...Object.values(template.document.variants)]) {
      try {
        for (const name of this.prepareContent(template, content).needs.computed) read.add(name);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
      }
    }
    return read;
  }

  /** Compiles an MJML body (cached), for lint to show MJML's own warnings. */
  compileMjml(source: string) {
    return this.mjml.compile(source);
  }

  /**
   * The variables a source reads from outside itself (not its own assigns or loop variables), with where, snippets
   * included. Paths stop at the first computed segment (`items[i]`). Throws TemplateError when it does not parse.
   */
  variables(source: string): Array<{ path: Array<string | number>; line: number; column: number; snippet?: string }> {
    const templates = this.parse(this.plain, source, 'body');
    let globals;
    try {
      globals = this.plain.liquid.analyzeSync(templates, { partials: true }).globals;
    } catch (error) {
      throw toTemplateError(error, 'body');
    }
    const found: Array<{ path: Array<string | number>; line: number; column: number; snippet?: string }> = [];
    for (const variables of Object.values(globals)) {
      for (const variable of variables) {
        const path: Array<string | number> = [];
        for (const segment of variable.segments) {
          if (typeof segment !== 'string' && typeof segment !== 'number') break;
          path.push(segment);
        }
        if (!path.length) continue;
        const { row, col, file } = variable.location;
        found.push({ path, line: row, column: col, ...(file ? { snippet: file } : {}) });
      }
    }
    return found.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  /** The HTML source of a body: itself, or its compiled MJML. */
  htmlSource(template: Template, content: TemplateContent): string {
    if (template.document.format !== 'mjml') return content.body;
    const compiled = this.mjml.get(content.body);
    if (!compiled) throw new TemplateError('the MJML body is not compiled yet: call prepare() first', { line: 1, column: 1, part: 'body', kind: 'render' });
    return compiled.html;
  }

  private parse(engine: LiquidEngine, source: string, part: TemplatePart): LiquidTemplate[] {
    try {
      return engine.parse(source);
    } catch (error) {
      throw toTemplateError(error, part);
    }
  }

  /** The parsed parts of a content and what they read; cached per content object. */
  private prepareContent(template: Template, content: TemplateContent): PreparedContent {
    const cached = this.prepared.get(content);
    if (cached) return cached;
    const parts = {
      subject: this.parse(this.plain, content.subject, 'subject'),
      preheader: this.parse(this.plain, content.preheader, 'preheader'),
      body: this.parse(this.html, this.htmlSource(template, content), 'body'),
      text: content.text.trim() ? this.parse(this.plain, content.text, 'text') : null,
    };
    const paths = new Map<string, Array<string | number>>();
    let analysed = true;
    for (const [engine, templates] of [[this.plain, parts.subject], [this.plain, parts.preheader], [this.html, parts.body], [this.plain, parts.text ?? []]] as const) {
      try {
        const { globals } = engine.liquid.analyzeSync(templates, { partials: true });
        for (const variables of Object.values(globals)) {
          for (const variable of variables) {
            const path = checkedPath(variable.segments);
            if (path.length) paths.set(path.join('.'), path);
          }
        }
      } catch {
        analysed = false; // a missing snippet: the render will say so; meanwhile assume it reads everything
      }
    }
    const all = [...paths.values()];
    const prepared: PreparedContent = {
      ...parts,
      paths: all,
      needs: {
        computed: analysed ? computedReads(all) : everyComputedField,
        recommendations: !analysed || all.some((p) => p[0] === 'recommendations'),
        recommendationLimit: 4,
      },
    };
    this.prepared.set(content, prepared);
    return prepared;
  }

  private renderPart(engine: LiquidEngine, templates: LiquidTemplate[], globals: object, strict: boolean, part: TemplatePart, deadline: RenderDeadline): string {
    try {
      return engine.render(templates, globals, strict, deadline);
    } catch (error) {
      throw toTemplateError(error, part);
    }
  }

  /** The deadline checked between two steps of the render, the time reported against the part it was at. */
  private checkTime(deadline: RenderDeadline, part: TemplatePart): void {
    try {
      deadline.check();
    } catch (error) {
      throw toTemplateError(error, part);
    }
  }

  /**
   * Throws TemplateError (message, part, line, column) when the template cannot be parsed or rendered, or when the
   * render takes longer than the time limit (RenderDeadline: parse, Liquid and post-processing together).
   */
  render(input: RenderInput, options: RenderOptions = {}): RenderedEmail {
    const deadline = new RenderDeadline(this.timeMs);
    const { template, contact } = input;
    const document = template.document;
    const contactLocale = typeof contact.attributes.locale === 'string' ? contact.attributes.locale : undefined;
    const { content, locale, formatLocale } = this.choose(document, contactLocale);
    const prepared = this.prepareContent(template, content);
    const scope = buildScope(input, prepared.needs, this.recommend);
    const timezone = typeof contact.attributes.timezone === 'string' && contact.attributes.timezone ? contact.attributes.timezone : 'UTC';
    const currency = typeof contact.attributes.currency === 'string' && /^[A-Za-z]{3}$/.test(contact.attributes.currency) ? contact.attributes.currency.toUpperCase() : 'USD';
    const format: FormatContext = { locale: formatLocale, timezone, currency, now: input.now };
    (scope as Record<symbol, unknown>)[formatKey] = format;
    const strict = options.strictVariables ?? false;
    // a new template's parse (the body is by far its largest part) and the scope count too
    this.checkTime(deadline, 'body');

    const subject = singleLine(this.renderPart(this.plain, prepared.subject, scope, strict, 'subject', deadline));
    const preheader = singleLine(this.renderPart(this.plain, prepared.preheader, scope, strict, 'preheader', deadline));
    const body = this.renderPart(this.html, prepared.body, scope, strict, 'body', deadline);
    const text = prepared.text ? this.renderPart(this.plain, prepared.text, scope, strict, 'text', deadline) : htmlToText(body);
    const html = withPreheader(body, preheader);
    this.checkTime(deadline, 'body'); // the plain text and the preheader are made from the body
    const unknownVariables: string[] = [];
    for (const path of prepared.paths) if (missing(scope, path)) unknownVariables.push(path.join('.'));

    return {
      subject,
      preheader,
      html,
      text,
      fromName: document.fromName,
      fromEmail: document.fromEmail,
      replyTo: document.replyTo,
      locale,
      unknownVariables,
    };
  }
}
