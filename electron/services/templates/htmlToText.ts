/**
 * The plain-text alternative of an HTML email: paragraphs and list items on their own lines, links as
 * "label (url)", images as their alt text, entities decoded, head, styles, scripts and the hidden preheader dropped.
 * One pass over the HTML, because it runs for every email sent and a DOM parser would cost more than the render.
 * Entities are decoded as a browser decodes them, with the `entities` package's complete table (`&laquo;`, `&rarr;`,
 * `&Agrave;`, and the legacy ones written without a semicolon, as in `&copy 2026`).
 */
import { DecodingMode, EntityDecoder, decodeHTMLAttribute, fromCodePoint, htmlDecodeTree } from 'entities/lib/decode.js';

const attributePatterns: Record<string, RegExp> = {
  href: /\shref\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i,
  alt: /\salt\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i,
};

function attribute(tag: string, name: 'href' | 'alt'): string | undefined {
  const m = attributePatterns[name].exec(tag);
  return m ? decodeHTMLAttribute(m[2] ?? m[3] ?? m[4] ?? '') : undefined;
}

const paragraphTags = new Set(['p', 'div', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'section', 'article', 'header', 'footer', 'blockquote', 'center', 'ul', 'ol', 'form', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const skippedTags = new Set(['head', 'style', 'script', 'title', 'noscript']);
const isNameChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;

/**
 * Builds the text as it goes: whitespace in the source is only a space (as in a browser), line breaks come from the
 * markup, and a separator is written only when the next word arrives, so nothing needs trimming afterwards.
 */
class TextWriter {
  out = '';
  /**
   * What was written since the open link started, when one is open: its label, kept apart because slicing it off
   * `out` makes V8 copy all of `out` into one piece, for every link (2,000,000 characters took 25 s).
   */
  private label: string | undefined;
  /** Line breaks asked for since the last word: 1 a new line, 2 or more a blank line. */
  private breaks = 0;
  private space = false;
  /** The position of the next character text() cannot take as it is (see `irregular`); -1 before the first look. */
  private irregularAt = -1;

  lineBreak(count: number) {
    this.breaks += count;
  }

  paragraph() {
    this.breaks = Math.max(this.breaks, 2);
  }

  gap() {
    this.space = true;
  }

  /** Text exactly as given, after the pending separator. */
  word(text: string) {
    if (this.out) {
      if (this.breaks) this.write(this.breaks >= 2 ? '\n\n' : '\n');
      else if (this.space) this.write(' ');
    }
    this.breaks = 0;
    this.space = false;
    this.write(text);
  }

  /** Text right after what was written, without a separator. */
  write(text: string) {
    this.out += text;
    if (this.label !== undefined) this.label += text;
  }

  /** A link opens: what is written from here on is also its label. */
  startLabel() {
    this.label = '';
  }

  /** The open link's label, trimmed; the link is closed. */
  endLabel(): string {
    const label = this.label ?? '';
    this.label = undefined;
    return label.trim();
  }

  /**
   * Source text between `from` and `to`: entities decoded, runs of whitespace as one space. Most runs in an email
   * are words with single spaces and no entities, which are taken as they are, without a regular expression.
   */
  text(html: string, from: number, to: number) {
    // where the next entity or whitespace that needs collapsing is, found by the regular expression engine (faster
    // than a loop over the characters) and remembered until the text passes it
    if (this.irregularAt < from) {
      irregular.lastIndex = from;
      this.irregularAt = irregular.exec(html)?.index ?? Infinity;
    }
    if (this.irregularAt < to) this.collapsed(decodeAndCollapse(html, from, to));
    else this.collapsed(from === 0 && to === html.length ? html : html.slice(from, to));
  }

  /** Text whose whitespace runs are single spaces already. */
  private collapsed(text: string) {
    if (text === ' ' || text === '') {
      if (text) this.space = true;
      return;
    }
    const leading = text.charCodeAt(0) === 32;
    const trailing = text.charCodeAt(text.length - 1) === 32;
    if (leading) this.space = true;
    this.word(leading || trailing ? text.slice(leading ? 1 : 0, trailing ? -1 : undefined) : text);
    if (trailing) this.space = true;
  }
}

/**
 * Decodes the entities between `from` and `to` and turns each whitespace run (including decoded whitespace) into
 * one space, in one scan: what decoding and then a whitespace regular expression would give.
 */
function decodeAndCollapse(html: string, from: number, to: number): string {
  let out = '';
  let space = false;
  let runStart = from;
  const flush = (end: number) => {
    if (end > runStart) {
      if (space) out += ' ';
      space = false;
      out += html.slice(runStart, end);
    }
  };
  for (let k = from; k < to; k++) {
    const c = html.charCodeAt(k);
    if (isSpace(c)) {
      flush(k);
      runStart = k + 1;
      space = true;
    } else if (c === 38) {
      const entity = entityAt(html, k, to);
      if (!entity) continue;
      flush(k);
      runStart = entity.end;
      k = entity.end - 1;
      if (entity.text.length === 1 && isSpace(entity.text.charCodeAt(0))) space = true;
      else if (entity.text) {
        if (space) out += ' ';
        space = false;
        out += entity.text;
      }
    }
  }
  flush(to);
  return space ? `${out} ` : out;
}

/**
 * Characters that email HTML writes as entities to pad or to hint (the fillers after a preheader, soft hyphens) and
 * that plain text has no use for.
 */
const invisible = new Set([0xad, 0x34f, 0x200b, 0x200c, 0xfeff]);

/** The text of the entity being decoded; the decoder hands over code points one by one. */
let decoded = '';
const decoder = new EntityDecoder(htmlDecodeTree, (codePoint) => {
  if (!invisible.has(codePoint)) decoded += fromCodePoint(codePoint);
});

/** The entity starting at the '&' at `at`, as a browser reads text, or undefined when there is none. */
function entityAt(html: string, at: number, to: number): { text: string; end: number } | undefined {
  decoded = '';
  decoder.startEntity(DecodingMode.Legacy);
  let length = decoder.write(html, at + 1);
  if (length < 0) length = decoder.end(); // the text ended inside the entity
  return length > 0 && at + length <= to ? { text: decoded, end: at + length } : undefined;
}

/** An entity, whitespace other than a space, or two spaces: text that must be decoded or collapsed. */
const irregular = /[&\t\n\v\f\r\u00a0]| {2}/g;

/** The characters the old regular expression collapsed: space, tab, line feed, carriage return, form feed, vertical tab, no-break space. */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0;

/** Where `</name` next starts, in any letter case, from `from`; -1 when it does not. */
function closingTagAt(html: string, name: string, from: number): number {
  for (let at = html.indexOf('</', from); at !== -1; at = html.indexOf('</', at + 2)) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
  }
  return -1;
}

export function htmlToText(html: string): string {
  const writer = new TextWriter();
  /**
   * The open link. A link inside a link closes the open one first, as a browser's parser does (HTML allows no
   * nesting): each label is then written once, where a stack of open links would write it into every one of them.
   */
  let link: { href: string | undefined } | undefined;
  const closeLink = () => {
    const label = writer.endLabel();
    const href = link?.href?.replace(/^mailto:/i, '');
    link = undefined;
    if (!href || href.startsWith('#')) return;
    if (!label) writer.word(href);
    else if (label !== href) writer.write(` (${href})`);
  };
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      writer.text(html, i, n);
      break;
    }
    if (lt > i) writer.text(html, i, lt);
    if (html.charCodeAt(lt + 1) === 33 /* ! */ && html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt === -1) {
      writer.text(html, lt, n);
      break;
    }
    i = gt + 1;
    const closing = html.charCodeAt(lt + 1) === 47; // '/'
    let nameEnd = lt + (closing ? 2 : 1);
    while (nameEnd < gt && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(lt + (closing ? 2 : 1), nameEnd).toLowerCase();
    if (!closing && (skippedTags.has(name) || (gt - nameEnd > 14 && html.slice(nameEnd, gt).includes('data-preheader')))) {
      // skip to the matching close (these never nest in email bodies)
      const close = closingTagAt(html, name, gt);
      const closeEnd = close === -1 ? -1 : html.indexOf('>', close);
      i = closeEnd === -1 ? n : closeEnd + 1;
      continue;
    }
    switch (name) {
      case 'a':
        if (link) closeLink();
        if (!closing) {
          link = { href: attribute(html.slice(nameEnd, gt), 'href') };
          writer.startLabel();
        }
        break;
      case 'img': {
        const alt = attribute(html.slice(nameEnd, gt), 'alt');
        if (alt) writer.word(link ? alt : `[${alt}]`);
        break;
      }
      case 'br':
        writer.lineBreak(1);
        break;
      case 'li':
        if (!closing) {
          writer.lineBreak(1);
          writer.word('-');
          writer.gap();
        }
        break;
      case 'td':
      case 'th':
        if (closing) writer.gap();
        break;
      default:
        if (paragraphTags.has(name)) writer.paragraph();
    }
  }
  return writer.out;
}
