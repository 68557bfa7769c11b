/**
 * The plain-text alternative of an HTML email: paragraphs and list items on their own lines, links as
 * "label (url)", images as their alt text, entities decoded, styles and scripts dropped. A few regular expressions
 * in sequence, because it runs once per email sent and a DOM parser would cost more than the render itself.
 */

const namedEntities: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™', hellip: '…',
  mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', euro: '€', pound: '£', yen: '¥', times: '×',
  middot: '·', bull: '•', zwnj: '', shy: '',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return namedEntities[body.toLowerCase()] ?? match;
  });
}

const attribute = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : undefined;
};

const blockTags = /<\/?(p|div|table|tbody|thead|tfoot|tr|section|article|header|footer|blockquote|center|ul|ol|form|hr|h[1-6])\b[^>]*>/gi;

export function htmlToText(html: string): string {
  let text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
    // the hidden preheader is for the inbox list, not for the body
    .replace(/<([a-z]+)\b[^>]*\bdata-preheader\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi, (_, attrs: string, inner: string) => {
      const href = attribute(` ${attrs}`, 'href');
      const label = inner.replace(/<img\b[^>]*>/gi, (img: string) => attribute(img, 'alt') ?? '').replace(/<[^>]+>/g, '').trim();
      if (!href || href.startsWith('#')) return label;
      const url = href.replace(/^mailto:/i, '');
      return !label || decodeEntities(label) === url ? url : `${label} (${url})`;
    })
    .replace(/<img\b[^>]*>/gi, (img: string) => {
      const alt = attribute(img, 'alt');
      return alt ? `[${alt}]` : '';
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(td|th)\s*>/gi, ' ')
    .replace(blockTags, '\n\n')
    .replace(/<[^>]*>/g, '');
  text = decodeEntities(text);
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/(\n- [^\n]*)\n\n(?=- )/g, '$1\n')
    .trim();
}
