/**
 * Finding Liquid tags and outputs (and other delimited pieces) in a template in one pass, left to right. A regular
 * expression like `\{%[\s\S]*?%\}` searches to the end of the source again from every opener that is never closed,
 * in time growing with the square of the size (128,000 characters of `{%` took 4 s); here a closer missing from some
 * point on is known to be missing for every later opener too.
 */

/**
 * indexOf for a scan that moves forward: the last search for each closer is remembered, and answers again while it
 * still holds (the closer found lies ahead, or there was none from an earlier point), so every closer is searched
 * for over each stretch of the source once.
 */
export class ForwardSearch {
  private readonly source: string;
  private readonly last = new Map<string, { from: number; at: number }>();

  constructor(source: string) {
    this.source = source;
  }

  /** The first `closer` at or after `from`; -1 when there is none. */
  indexOf(closer: string, from: number): number {
    const last = this.last.get(closer);
    if (last && last.from <= from && (last.at === -1 || last.at >= from)) return last.at;
    const at = this.source.indexOf(closer, from);
    this.last.set(closer, { from, at });
    return at;
  }
}

/** A Liquid tag (`{% … %}`) or output (`{{ … }}`), with where its inside is (without the `-` of whitespace control). */
export interface LiquidToken {
  kind: 'tag' | 'output';
  end: number;
  innerStart: number;
  innerEnd: number;
}

/**
 * The Liquid tag or output that starts at `at`, as `\{%-?([\s\S]*?)-?%\}|\{\{-?([\s\S]*?)-?\}\}` reads it there:
 * up to the first closer; undefined when `at` opens none or it is never closed.
 */
export function liquidTokenAt(source: string, at: number, search: ForwardSearch): LiquidToken | undefined {
  if (source.charCodeAt(at) !== 123 /* { */) return undefined;
  const second = source.charCodeAt(at + 1);
  const kind = second === 37 /* % */ ? 'tag' : second === 123 /* { */ ? 'output' : undefined;
  if (!kind) return undefined;
  const close = search.indexOf(kind === 'tag' ? '%}' : '}}', at + 2);
  if (close === -1) return undefined;
  const innerStart = source.charCodeAt(at + 2) === 45 /* - */ ? at + 3 : at + 2;
  const innerEnd = close - 1 >= innerStart && source.charCodeAt(close - 1) === 45 ? close - 1 : close;
  return { kind, end: close + 2, innerStart, innerEnd };
}
