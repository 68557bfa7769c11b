import { CaptureTag, Drop, type Context } from 'liquidjs';
import type { FilterImpl } from 'liquidjs/dist/template/filter-impl-options';
import { liquidText } from './liquidText.ts';

/**
 * How an HTML body escapes. Every value printed into it is escaped (contact data arrives as text), except HTML that
 * is already HTML: what `escape`, `escape_once` and `newline_to_br` give, and what a `{% capture %}` collected (its
 * text is the template's own markup and values escaped as they were printed). Escaping those again would show
 * `&amp;amp;` and `<br />` in the email. Subject, preheader and text are not HTML: there the filters do exactly what
 * Shopify's do and nothing is escaped behind them.
 */

/** HTML ready to print. A Drop, so that comparisons, `default` and other filters see its text. */
export class SafeHtml extends Drop {
  readonly html: string;

  constructor(html: string) {
    super();
    this.html = html;
  }

  override valueOf() {
    return this.html;
  }

  override toString() {
    return this.html;
  }

  toJSON() {
    return this.html;
  }
}

/** Shopify's (Ruby's CGI.escapeHTML) table. */
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => escapes[c]) : text;
}

/** Shopify's escape_once: an `&` that starts an entity (`&amp;`, `&#39;`) is left as it is. */
function escapeHtmlOnce(text: string): string {
  return text.replace(/["<>']|&(?!(?:[a-zA-Z]+|#\d+);)/g, (c) => escapes[c]);
}

const lineBreaks = (html: string) => html.replace(/\r?\n/g, '<br />\n');

/** The HTML body's outputEscape: liquidjs calls it on what every {{ }} and echo prints, unless the last filter is raw. */
export function escapeOutput(this: FilterImpl, value: unknown): string {
  if (value instanceof SafeHtml) return value.html;
  const text = liquidText(value);
  this.context.memoryLimit.use(text.length);
  return escapeHtml(text);
}

type TextFilter = (this: FilterImpl, value: unknown) => unknown;

/** escape, escape_once and newline_to_br for the HTML body (`html`) or for the parts that are not HTML. */
export function escapingFilters(html: boolean): Record<'escape' | 'escape_once' | 'newline_to_br', TextFilter> {
  const mark = html ? (text: string) => (text ? new SafeHtml(text) : '') : (text: string) => text;
  return {
    escape(value) {
      return mark(escapeHtml(liquidText(value)));
    },
    escape_once(value) {
      return mark(escapeHtmlOnce(liquidText(value)));
    },
    // in the body the text is escaped first, so only the line breaks are markup; elsewhere Shopify's text with <br />
    newline_to_br(value) {
      if (!html) return lineBreaks(liquidText(value));
      return mark(lineBreaks(value instanceof SafeHtml ? value.html : escapeHtml(liquidText(value))));
    },
  };
}

/** {% capture %} in the HTML body: what it collected is HTML (see above), so printing it does not escape it again. */
export class HtmlCaptureTag extends CaptureTag {
  override *render(ctx: Context): Generator<unknown, void, string> {
    yield* super.render(ctx);
    const scope = ctx.bottom() as Record<string, unknown>;
    scope[this.variable] = new SafeHtml(liquidText(scope[this.variable]));
  }
}
