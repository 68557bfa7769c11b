import { Parser, Token, TokenKind, type Liquid, type TopLevelToken } from 'liquidjs';
import { LineIndex } from '../../../shared/format/lineIndex.ts';

/**
 * What a Liquid parse may cost. A parse cannot be stopped halfway, and it runs inside an email's render (a new
 * template's parts, a snippet's first use), so its cost is bounded before it starts: linear in the source, and at
 * most a number of Liquid tags and outputs per source.
 *
 * liquidjs 10.30.1 parses and analyses in time that grows with the square of the source, in two places, made linear
 * here. Measured on a body of 2,000,000 characters of `{{ a }}`: the parse took 106 s and the variable analysis
 * did not finish in minutes; after, they take a few seconds, and the tag limit stops such a body at once.
 *
 * - The parser takes each token off the front of an array with `shift()`. Past about 30,000 tokens V8 keeps the
 *   array where it cannot drop its head in place, so every shift moves all the rest. The parser and its block tags
 *   (if, for, capture, raw, comment, block, layout...) use only `shift()` and `length` of the tokens left, so they
 *   are handed a queue that takes from the front by moving an index.
 * - A token's line and column (`getPosition()`, read for every variable the analysis finds and for every error)
 *   counted the lines from the start of the source each time; they are looked up in an index of its lines.
 *
 * Even linear, a parse costs about 10 to 40 µs and several KB per tag or output (the analysis included), so a source
 * of 2,000,000 characters made only of them (285,000 `{{ a }}`) took seconds and hundreds of MB: hence the limit.
 */

/** The tokens left to parse, as the parser reads them: `shift()` and `length`, each in constant time. */
class TokenQueue {
  private readonly tokens: readonly TopLevelToken[];
  private next = 0;

  constructor(tokens: readonly TopLevelToken[]) {
    this.tokens = tokens;
  }

  shift(): TopLevelToken | undefined {
    return this.next < this.tokens.length ? this.tokens[this.next++] : undefined;
  }

  get length(): number {
    return this.tokens.length - this.next;
  }
}

/** Line indexes of the sources tokens were read from; a few at a time (a template and its snippets). */
const lineIndexes = new Map<string, LineIndex>();

function lineIndexOf(source: string): LineIndex {
  let index = lineIndexes.get(source);
  if (!index) {
    if (lineIndexes.size >= 8) lineIndexes.clear();
    lineIndexes.set(source, (index = new LineIndex(source)));
  }
  return index;
}

/** The most Liquid tags and outputs one parse may have, per Liquid instance that set one. */
const tagLimits = new WeakMap<Liquid, number>();
/** The Liquid tags and outputs counted so far by each parse (liquidjs makes a Parser per source). */
const counted = new WeakMap<Parser, number>();

function install(): void {
  Token.prototype.getPosition = function getPosition(this: Token) {
    const { line, column } = lineIndexOf(this.input).at(this.begin);
    return [line, column];
  };
  const parseTokens = Parser.prototype.parseTokens;
  Parser.prototype.parseTokens = function (this: Parser, tokens: TopLevelToken[]) {
    // a layout tag hands on the queue it was given: those tokens were counted and queued already
    if (tokens instanceof TokenQueue) return parseTokens.call(this, tokens);
    // the top level of a source, or the lines of a {% liquid %} tag in it: counted together for the source
    const limit = tagLimits.get((this as unknown as { liquid: Liquid }).liquid);
    if (limit !== undefined) {
      let count = counted.get(this) ?? 0;
      for (const token of tokens) if (token.kind !== TokenKind.HTML) count++;
      if (count > limit) throw new Error(`Liquid tag limit exceeded (more than ${limit.toLocaleString('en-US')} tags and outputs in one template or snippet)`);
      counted.set(this, count);
    }
    return parseTokens.call(this, new TokenQueue(tokens) as unknown as TopLevelToken[]);
  };
}

let installed = false;

/**
 * Makes liquidjs' parse linear in the size of the source, and this Liquid's parses stop past `maxTags` tags and
 * outputs per source. The linear parse changes liquidjs' classes, for every Liquid in the process (liquidjs makes a
 * new Parser for every source): they compute the same, only sooner.
 */
export function boundLiquidParse(liquid: Liquid, maxTags: number): void {
  if (!installed) {
    installed = true;
    install();
  }
  tagLimits.set(liquid, maxTags);
}
