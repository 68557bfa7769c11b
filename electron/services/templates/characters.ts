/**
 * Characters as a reader counts them: grapheme clusters. Ruby (and so Shopify's Liquid) counts code points, and
 * JavaScript counts UTF-16 units, so "👍🏽" is 2 and 4 characters there and "🇫🇷" 2 and 4; a marketer who limits a
 * name to 12 characters or cuts a subject at 40 means what the inbox shows, and cutting between the code points of
 * one emoji or flag leaves half a glyph. `size` and `truncate` count this way.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * What can make one character of several UTF-16 units: CR (CR LF is one), and everything from the combining marks
 * (U+0300) up, joiners, variation selectors and surrogate pairs included. Text without any is counted by its length.
 */
function composite(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c >= 0x300) return true;
  }
  return false;
}

export function characterCount(text: string): number {
  if (!composite(text)) return text.length;
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** The first `count` characters of a text. */
export function firstCharacters(text: string, count: number): string {
  if (count <= 0) return '';
  if (!composite(text)) return text.slice(0, count);
  let end = 0;
  let taken = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (taken++ === count) break;
    end += segment.length;
  }
  return text.slice(0, end);
}
