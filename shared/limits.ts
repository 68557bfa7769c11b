/**
 * The limits every door applies to what comes in: the HTTP server of browser mode, the desktop app's IPC, the
 * contact edits, the contact and event imports, journey files (import and `journey validate` alike) and workspace
 * backups. They live here, once, so that no door lets through what another refuses; docs/limits.md lists them.
 *
 * Depth counts nesting: a number or a text is 0 deep, `[]` and `{}` are 1, `{"a": [1]}` is 2. SQLite's JSON
 * functions refuse text nested more than 1,000 deep, and every recursive walk in the app (zod, the rule compiler,
 * canonical JSON) would overflow the stack long before 100,000: both checks below are loops, never recursion.
 */

/** Deepest nesting of any JSON the app takes whole: a request, an IPC call's input, a file, a JSON Lines line. */
export const MAX_JSON_DEPTH = 64;

/** Largest request body (browser mode) or IPC input: a file's text travels in one when there is no path. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Deepest nesting of one stored value: a contact attribute's value, or an event's properties as a whole. */
export const MAX_VALUE_DEPTH = 32;

/** Largest stored value as JSON text (UTF-8): one contact attribute's value, or one event's properties. */
export const MAX_VALUE_BYTES = 64 * 1024;

/** A journey file is small; anything bigger is not one, and is refused before it is parsed. */
export const MAX_JOURNEY_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Far beyond any journey a person draws (tens of steps), and low enough that the graph checks, which walk the
 * journey recursively, stay well inside the stack.
 */
export const MAX_JOURNEY_STEPS = 1000;
export const MAX_JOURNEY_CONNECTIONS = 3000;

/** Longest name of a journey, a step, a template, a segment or a snippet. */
export const MAX_NAME_CHARS = 200;

/** Ids of journeys, steps, connections, segments and templates: what a file name, a URL and a JSON path take as is. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface JsonLimits {
  maxDepth: number;
  maxBytes: number;
}

/** A value refused by a limit: where in it (a JSON path, '' for the whole) and why. */
export interface LimitProblem {
  path: string;
  message: string;
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
export const sizeInWords = (bytes: number) => (bytes >= 1024 * 1024 ? megabytes(bytes) : `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KB`);

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Where a JSON text first nests deeper than `maxDepth` (a character offset), or null. Brackets inside strings do
 * not count. Meant to run before JSON.parse, so that nothing after it meets a value too deep to walk; text that is
 * not JSON at all is left for JSON.parse to report.
 */
export function excessDepthOffset(text: string, maxDepth: number): number | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Jump to the closing quote: a string may be megabytes of base64, and holds no structure.
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && escapedAt(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return null;
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return i;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return null;
}

/** The quote at `index` is escaped when an odd number of backslashes precede it. */
function escapedAt(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Bytes of a string as JSON text in UTF-8: its characters, the quotes, and what escaping adds. */
function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === BACKSLASH) bytes += 2;
    else if (c < 0x20) bytes += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) bytes += 6; // a lone surrogate: JSON.stringify writes \udxxx
    else bytes += 3;
  }
  return bytes;
}

const scalarBytes = (value: unknown): number => {
  if (typeof value === 'string') return jsonStringBytes(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  return 4; // null, and what JSON has no word for
};

/** A JSON path for messages, shortened in the middle when it is long: a deep value's path is as deep. */
function pathText(parts: ReadonlyArray<string | number>): string {
  const shown = parts.length > 8 ? [...parts.slice(0, 4), '…', ...parts.slice(-3)] : parts;
  return shown
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : p === '…' ? p : /^[A-Za-z_$][\w$]*$/.test(p) ? `${i ? '.' : ''}${p}` : `[${JSON.stringify(p)}]`))
    .join('');
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number | null;
}

const pathOf = (frame: Frame): Array<string | number> => {
  const parts: Array<string | number> = [];
  for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) parts.unshift(f.key);
  return parts;
};

/**
 * Whether a value (already parsed, or handed over by IPC's structured clone) keeps within `limits`: nesting, and
 * its size as JSON text in UTF-8. A loop over an explicit stack, stopping at the first excess, so that a value
 * nested a million deep, or one that refers to itself, costs no more than the limits allow.
 */
export function jsonValueProblem(value: unknown, limits: JsonLimits): LimitProblem | null {
  let bytes = 0;
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    // IPC's structured clone carries a bigint, which JSON.stringify throws on wherever the value is written.
    if (typeof current === 'bigint') return { path: pathText(pathOf(frame)), message: 'a bigint, which JSON has no number for' };
    if (current === null || typeof current !== 'object') {
      bytes += scalarBytes(current);
    } else {
      const depth = frame.depth + 1;
      if (depth > limits.maxDepth) return { path: pathText(pathOf(frame)), message: `nested deeper than ${limits.maxDepth} levels` };
      bytes += 2;
      if (Array.isArray(current)) {
        bytes += Math.max(0, current.length - 1);
        for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], depth, parent: frame, key: i });
      } else {
        const keys = Object.keys(current);
        bytes += Math.max(0, keys.length - 1);
        for (let i = keys.length - 1; i >= 0; i--) {
          bytes += jsonStringBytes(keys[i]) + 1;
          stack.push({ value: (current as Record<string, unknown>)[keys[i]], depth, parent: frame, key: keys[i] });
        }
      }
    }
    if (bytes > limits.maxBytes) return { path: pathText(pathOf(frame)), message: `larger than ${sizeInWords(limits.maxBytes)} as JSON` };
  }
  return null;
}

export const storedValueLimits: JsonLimits = { maxDepth: MAX_VALUE_DEPTH, maxBytes: MAX_VALUE_BYTES };

/**
 * Why a value cannot be stored as a contact attribute or an event's properties (one message, beginning with `what`
 * when given, e.g. 'attribute "plan"'), or null when it can.
 */
export function storedValueProblem(value: unknown, what?: string): string | null {
  const problem = jsonValueProblem(value, storedValueLimits);
  if (!problem) return null;
  const at = problem.path ? ` (at ${problem.path})` : '';
  return `${what ? `${what}: ` : ''}${problem.message}${at}; a stored value nests at most ${MAX_VALUE_DEPTH} levels and takes at most ${sizeInWords(MAX_VALUE_BYTES)} of JSON`;
}
