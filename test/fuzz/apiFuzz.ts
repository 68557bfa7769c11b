import fc from 'fast-check';
import { request } from 'node:http';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { callNames, channelOf, contract, type CallName } from '../../shared/api/contract.ts';
import type { Envelope } from '../../shared/api/errors.ts';
import { registerContract, type IpcEventLike } from '../../electron/main/ipc.ts';
import { startBrowserModeServer, TOKEN_HEADER, type BrowserModeServer } from '../../electron/server/httpServer.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { watchStoreChanges } from '../helpers/storeChanges.ts';
import { mutate, pathsOf, type Path } from '../helpers/jsonMutation.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { exportJourneyText } from '../../electron/services/exchange/exportJourney.ts';

/**
 * The fuzz test of the API door: seeded random calls, through browser mode's HTTP server and through the IPC
 * handler map (the two hosts of the one contract in shared/api), with inputs made from valid examples broken at
 * random, from each call's own field names with odd values, and from junk: values nested a million deep, larger
 * than the limits, bigints and cycles (IPC), bodies that are not JSON and addresses with broken % escapes (HTTP).
 * Journey files are among the examples, broken as text and as JSON. What must hold for every call:
 *   - no 500 (HTTP) and no 'internal' error (IPC): a refusal says what is wrong, with a 4xx;
 *   - no half write: a call that fails leaves the store as it was;
 *   - no hang: every call answers within the time limit;
 *   - no crash: the server answers after the last call as after the first.
 */

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** Longest a call may take before it counts as a hang. */
  callTimeoutMs?: number;
  /** Hears each failure as it is found (the run goes on to the next case only when the property is not stopped). */
  log?: (line: string) => void;
}

export interface FuzzSummary {
  runs: number;
  seed: number;
  /** Calls by door and by answer: HTTP status, or the IPC envelope's ok / error code. */
  answers: Record<string, number>;
  /** Calls that reached a handler and succeeded, by call name: how deep the fuzz got. */
  succeeded: number;
  distinctCallsSucceeded: number;
  elapsedMs: number;
  slowest: { call: string; ms: number };
  /** Where the time went: the calls that took longest in all, and the store comparisons (the half-write check). */
  timeByCall: Array<{ call: string; ms: number }>;
  checkMs: number;
  /** The first failure (a 500, an internal error, a half write, a hang, a dead server), or null. */
  failure: string | null;
}

/** A value nested `levels` deep, made when the call is sent (a million levels is no value fast-check should hold). */
class Deep {
  readonly levels: number;
  constructor(levels: number) {
    this.levels = levels;
  }
}
/** A string of `size` characters, made when sent. */
class Big {
  readonly size: number;
  constructor(size: number) {
    this.size = size;
  }
}
/** A value that holds itself (IPC only: JSON cannot say it). */
class Cycle {}

const ALLOWED_HTTP = new Set([200, 400, 401, 403, 404, 405, 409, 413, 501]);

/** Values past each limit and at it, odd text and odd numbers. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e308, 5e-324, '', ' ', '\u0000', '\ud800', '%', '%E0%A4%A', '../../etc/passwd', '__proto__', 'constructor'),
  fc.constantFrom("'; DROP TABLE contacts; --", '<script>alert(1)</script>', '{{ contact.email }}', '{% for x in (1..99999999) %}{% endfor %}', 'a@b', 'x'.repeat(201), '2026-13-45T99:99:99Z', '1e999'),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(32, 33, 63, 64, 65, 1000, 100_000, 1_000_000).map((levels) => new Deep(levels)),
  fc.constantFrom(64 * 1024 - 10, 64 * 1024 + 10, 1024 * 1024).map((size) => new Big(size)),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Only IPC's structured clone carries these. */
const ipcOnly: fc.Arbitrary<unknown> = fc.constantFrom(Number.NaN, Infinity, -Infinity, undefined, 10n, new Cycle(), new Date(0), new Map([[1, 2]]), new Uint8Array(4));

type Case =
  | { door: 'ipc'; name: CallName; input: unknown }
  | { door: 'http'; name: string; input: unknown; text?: (json: string) => string; pathSuffix?: string };

interface Example {
  name: CallName;
  input: unknown;
}

/** Valid inputs for the calls that need more than an id, taken from the sample workspace. */
function examplesFrom(ws: ReturnType<typeof tempWorkspace>): Example[] {
  const journey = ws.services.journeys.get('j_cart_abandonment');
  const template = ws.services.templates.get('t_cart_1');
  const segments = ws.services.db.prepare('SELECT id, rule FROM segments').all() as Array<{ id: string; rule: string }>;
  const rule = segments.length ? JSON.parse(segments[0].rule) : { type: 'attribute', attribute: 'plan', op: 'eq', value: 'pro' };
  const smtp = { host: '127.0.0.1', port: 9, secure: false, user: null, messagesPerSecond: 10, maxConnections: 1, allowInvalidCertificates: false };
  const settings = { sender: 'outbox', smtp, defaultFrom: { name: 'Shop', email: 'shop@example.com' }, unsubscribeUrl: 'https://example.com/u', unsubscribeMailto: null };
  const fileText = exportJourneyText(ws.services, journey.id).text;
  const all: Array<[CallName, unknown]> = [
    ['journeys.list', { search: 'cart' }],
    ['journeys.get', { id: journey.id }],
    ['journeys.create', { name: 'Fuzzed', document: journey.document }],
    ['journeys.rename', { id: journey.id, name: 'Renamed' }],
    ['journeys.saveDraft', { id: journey.id, document: journey.document }],
    ['journeys.duplicate', { id: journey.id }],
    ['journeys.validate', { document: journey.document }],
    ['journeys.publish', { id: 'j_trial_drip' }],
    ['journeys.pause', { id: 'j_trial_drip' }],
    ['templates.get', { id: template.id }],
    ['templates.create', { name: 'Fuzzed template', document: template.document }],
    ['templates.update', { id: template.id, name: template.name, document: template.document }],
    ['templates.preview', { template, contactId: 3 }],
    ['templates.preview', { template, trigger: { items: [{ name: 'Shoe', price: 10 }] } }],
    ['templates.lint', { template }],
    ['templates.sendTest', { template, to: 'me@example.com', contactId: 3 }],
    ['snippets.save', { name: 'footer', body: '<p>{{ contact.email }}</p>' }],
    ['contacts.list', { search: 'a', limit: 10, sort: 'email' }],
    ['contacts.get', { id: 3 }],
    ['contacts.events', { id: 3, name: 'page_viewed' }],
    ['contacts.update', { id: 3, attributes: { plan: 'pro', notes: { a: [1, 2] } }, addTags: ['vip'], removeTags: [], consent: 'subscribed' }],
    ['contacts.forget', { id: 5 }],
    ['contacts.export', { id: 3 }],
    ['contacts.suppress', { email: 'x@example.com', reason: 'bounced' }],
    ['contacts.upload', { fileName: 'c.csv', chunkBase64: Buffer.from('email,plan\nnew@example.com,pro\n').toString('base64') }],
    ['contacts.previewImport', { kind: 'contacts', source: { uploadId: 'nope' } }],
    ['segments.preview', { rule, sampleSize: 5 }],
    ['segments.save', { name: 'Fuzzed segment', rule }],
    ['segments.saveStatic', { name: 'Fuzzed list', rule }],
    ['simulation.run', { journeyId: journey.id, contact: { type: 'existing', ref: '3' }, until: '3d' }],
    ['simulation.run', { journeyId: journey.id, contact: { type: 'made-up', contact: { attributes: { plan: 'pro' }, history: [{ name: 'added_to_cart', at: '-1h', properties: {} }] } } }],
    ['simulation.forecastStart', { journeyId: journey.id, days: 2 }],
    ['results.journey', { journeyId: journey.id }],
    ['results.nodes', { journeyId: journey.id }],
    ['engine.nodeCounts', { journeyId: journey.id }],
    ['engine.whereIs', { contactId: 3 }],
    ['engine.outbox', { limit: 5 }],
    ['engine.saveSendingSettings', { settings }],
    ['engine.unsubscribe', { token: '3.abc' }],
    ['exchange.exportJourney', { id: journey.id }],
    ['exchange.importJourney', { file: { text: fileText }, onClash: 'copy' }],
    ['exchange.exportWorkspace', { includeContacts: true }],
    ['workspace.loadSample', { contacts: 10, seed: 2 }],
  ];
  return all.map(([name, input]) => ({ name, input }));
}

/** Each call's input field names, so that a made-up input at least names what the call reads. */
function fieldNames(): Record<string, string[]> {
  const names: Record<string, string[]> = {};
  for (const name of callNames) {
    const schema = z.toJSONSchema(contract[name].input, { unrepresentable: 'any', io: 'input' }) as { properties?: Record<string, unknown> };
    names[name] = Object.keys(schema.properties ?? {});
  }
  return names;
}

const textMutations: fc.Arbitrary<(json: string) => string> = fc.oneof(
  fc.nat().map((n) => (json: string) => json.slice(0, n % Math.max(1, json.length))),
  fc.tuple(fc.nat(), fc.constantFrom('{', '[', '"', '\\', ',', '}', '\u0000', '\uFFFD')).map(([n, c]) => (json: string) => {
    const at = n % Math.max(1, json.length);
    return `${json.slice(0, at)}${c}${json.slice(at)}`;
  }),
  fc.constant(() => `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  fc.constant(() => 'not json at all'),
);

/** A journey file broken as text or as JSON, imported (or its document validated) through either door. */
function journeyFileCases(fileText: string): fc.Arbitrary<Case> {
  const file = JSON.parse(fileText) as unknown;
  const paths = pathsOf(file);
  const asJson = fc.array(fc.record({ path: fc.constantFrom(...paths), remove: fc.boolean(), value: nasty }), { minLength: 1, maxLength: 3 }).map((edits) => {
    const broken = structuredClone(file);
    for (const e of edits) mutate(broken, e.path, e.remove ? null : { value: e.value });
    return broken;
  });
  return fc.oneof(
    fc.record({ door: fc.constantFrom<'http' | 'ipc'>('http', 'ipc'), broken: asJson, onClash: fc.constantFrom('ask', 'copy', 'replace') }).map(
      ({ door, broken, onClash }): Case => ({ door, name: 'exchange.importJourney', input: { file: { text: jsonText(broken) }, onClash } }),
    ),
    fc.record({ door: fc.constantFrom<'http' | 'ipc'>('http', 'ipc'), text: textMutations, onClash: fc.constantFrom('ask', 'copy', 'replace') }).map(
      ({ door, text, onClash }): Case => ({ door, name: 'exchange.importJourney', input: { file: { text: text(fileText) }, onClash } }),
    ),
    fc.record({ door: fc.constantFrom<'http' | 'ipc'>('http', 'ipc'), broken: asJson }).map(
      ({ door, broken }): Case => ({ door, name: 'journeys.validate', input: { document: broken } }),
    ),
  );
}

function caseArbitrary(examples: Example[], fields: Record<string, string[]>, fileText: string): fc.Arbitrary<Case> {
  const value = (door: 'http' | 'ipc') => (door === 'ipc' ? fc.oneof({ weight: 5, arbitrary: nasty }, { weight: 1, arbitrary: ipcOnly }) : nasty);
  const fromExample = fc.constantFrom(...examples).chain((example) => {
    const paths = pathsOf(example.input);
    const edit = fc.record({ path: fc.constantFrom<Path>(...(paths.length ? paths : [['x']])), remove: fc.boolean() });
    return fc.record({
      door: fc.constantFrom<'http' | 'ipc'>('http', 'ipc'),
      example: fc.constant(example),
      edits: fc.oneof(fc.constant<Array<{ path: Path; remove: boolean }>>([]), fc.array(edit, { minLength: 1, maxLength: 3 })),
      values: fc.array(nasty, { minLength: 3, maxLength: 3 }),
      ipcValue: ipcOnly,
      text: fc.option(textMutations, { freq: 4 }),
    });
  });
  const examplesBroken: fc.Arbitrary<Case> = fromExample.map(({ door, example, edits, values, ipcValue, text }) => {
    const input = structuredClone(example.input);
    edits.forEach((e, i) => mutate(input, e.path, e.remove ? null : { value: door === 'ipc' && i === 2 ? ipcValue : values[i] }));
    return door === 'ipc' ? { door, name: example.name, input } : { door, name: example.name, input, ...(text ? { text } : {}) };
  });
  const shaped: fc.Arbitrary<Case> = fc.constantFrom(...callNames).chain((name) =>
    fc.constantFrom<'http' | 'ipc'>('http', 'ipc').chain((door) =>
      fc
        .dictionary(fc.constantFrom(...(fields[name].length ? fields[name] : ['id'])), value(door), { maxKeys: 4 })
        .map((input): Case => (door === 'ipc' ? { door, name, input } : { door, name, input })),
    ),
  );
  const junk: fc.Arbitrary<Case> = fc.oneof(
    fc.record({ door: fc.constant('ipc' as const), name: fc.constantFrom(...callNames), input: value('ipc') }),
    fc.record({ door: fc.constant('http' as const), name: fc.oneof(fc.constantFrom<string>(...callNames), fc.string({ maxLength: 20 })), input: nasty }),
    fc.record({
      door: fc.constant('http' as const),
      name: fc.constantFrom<string>(...callNames),
      input: fc.constant({}),
      pathSuffix: fc.constantFrom('%', '%E0%A4%A', '%zz', '%00', '/../../x', '%2e%2e'),
    }),
  );
  return fc.oneof({ weight: 5, arbitrary: examplesBroken }, { weight: 2, arbitrary: journeyFileCases(fileText) }, { weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: junk });
}

/**
 * What the fuzz does not let a call do, whichever door: name files outside its own folder (the desktop app passes
 * paths; browser mode refuses them), send mail anywhere but a closed port here, or load a sample of millions.
 */
function contained(name: string, input: unknown, sandbox: string): unknown {
  const walk = (value: unknown, key: string | null): unknown => {
    if (key === 'path' || key === 'defaultName') {
      if (value instanceof Big) return join(sandbox, 'x'.repeat(40));
      return typeof value === 'string' ? join(sandbox, value.replace(/[^\w-]/g, '_').slice(0, 40) || 'file') : value;
    }
    if (key === 'host' && typeof value === 'string') return '127.0.0.1';
    if (name === 'workspace.loadSample' && key === 'contacts' && typeof value === 'number' && value > 10) return 10;
    if (Array.isArray(value)) return value.map((v) => walk(v, null));
    if (isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return walk(input, null);
}

/** An object as JSON has them; fast-check makes some without a prototype. */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** The markers made into the values IPC hands over. */
function materialized(input: unknown): unknown {
  const walk = (value: unknown): unknown => {
    if (value instanceof Deep) {
      let deep: unknown = 1;
      for (let i = 0; i < value.levels; i++) deep = { a: deep };
      return deep;
    }
    if (value instanceof Big) return 'x'.repeat(value.size);
    if (value instanceof Cycle) {
      const self: Record<string, unknown> = {};
      self.self = self;
      return self;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return walk(input);
}

/** JSON text of a value that may hold a value nested too deep for JSON.stringify. */
function jsonText(value: unknown, short = false): string {
  const deep: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Deep) {
      deep.push(short ? `(nested ${v.levels} deep)` : `${'['.repeat(v.levels)}${']'.repeat(v.levels)}`);
      return `\u0001deep${deep.length - 1}\u0001`;
    }
    if (v instanceof Big) return short ? `(${v.size} characters)` : 'x'.repeat(v.size);
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Cycle) return '(a value that holds itself)';
    return v;
  });
  return (text ?? 'null').replace(/"\\u0001deep(\d+)\\u0001"/g, (_m, i: string) => deep[Number(i)]);
}

function post(server: BrowserModeServer, path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      // A connection per call: a kept-alive one the server has just closed would fail the next call for nothing.
      { host: '127.0.0.1', port: server.port, path, method: 'POST', agent: false, headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', [TOKEN_HEADER]: server.token } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what()} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The case in words, for a failure's report (an IPC input may be no JSON at all: a bigint, a cycle). */
const describeCase = (c: Case) => {
  let input: string;
  try {
    input = jsonText(c.input, true);
  } catch {
    input = `(not JSON: ${String(c.input)})`;
  }
  const sent = c.door === 'http' && c.text ? c.text(jsonText(c.input)) : null;
  const shown = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text);
  return `${c.door} ${c.name}${c.door === 'http' && c.pathSuffix ? ` (path +${c.pathSuffix})` : ''}: ${shown(input)}${sent === null ? '' : `\n  sent as: ${JSON.stringify(shown(sent))}`}`;
};

export async function runApiFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const ws = tempWorkspace();
  const sandbox = join(ws.dir, 'fuzz-files');
  mkdirSync(sandbox, { recursive: true });
  writeFileSync(join(sandbox, 'file'), 'email\nfile@example.com\n');
  loadSample(ws.services.db, { contacts: 20, seed: 3, now: ws.services.now() });
  ws.services.journeys.publish('j_cart_abandonment');
  const examples = examplesFrom(ws);
  const changes = watchStoreChanges(ws.services.db);
  const appPage = 'file:///app/index.html';
  const ipc = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<Envelope>>();
  registerContract({ handle: (channel, listener) => ipc.set(channel, listener), removeHandler: (channel) => ipc.delete(channel) }, ws.handlers, (url) => url === appPage);
  const staticDir = join(ws.dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Journey Studio</title>');
  const server = await startBrowserModeServer({ handlers: ws.handlers, staticDir });

  // Whatever the input, no call may write where the fuzz runs: its folder is looked at before and after.
  const here = new Set(readdirSync('.'));
  const answers: Record<string, number> = {};
  const succeeded = new Map<string, number>();
  const jobs = new Set<string>();
  const imports = new Set<string>();
  let slowest = { call: '', ms: 0 };
  let checkMs = 0;
  let failure: string | null = null;
  const fail = (message: string) => {
    failure ??= message;
    options.log?.(message);
    throw new Error(message);
  };

  const timeByCall = new Map<string, number>();
  const send = async (c: Case): Promise<Envelope | null> => {
    if (c.door === 'ipc') {
      const listener = ipc.get(channelOf(c.name));
      if (!listener) throw new Error(`no IPC channel for ${c.name}`);
      const envelope = await listener({ senderFrame: { url: appPage } }, materialized(contained(c.name, c.input, sandbox)));
      const key = `ipc ${envelope.ok ? 'ok' : envelope.error.code}`;
      answers[key] = (answers[key] ?? 0) + 1;
      if (!envelope.ok && envelope.error.code === 'internal') fail(`internal error: ${envelope.error.message}\n  ${describeCase(c)}`);
      return envelope;
    }
    const json = jsonText(contained(c.name, c.input, sandbox));
    const res = await post(server, `/api/${encodeURIComponent(c.name)}${c.pathSuffix ?? ''}`, c.text ? c.text(json) : json);
    answers[`http ${res.status}`] = (answers[`http ${res.status}`] ?? 0) + 1;
    if (!ALLOWED_HTTP.has(res.status)) fail(`HTTP ${res.status}: ${res.body.slice(0, 300)}\n  ${describeCase(c)}`);
    let envelope: Envelope;
    try {
      envelope = JSON.parse(res.body) as Envelope;
    } catch {
      return fail(`HTTP ${res.status} with a body that is not an envelope: ${res.body.slice(0, 200)}\n  ${describeCase(c)}`);
    }
    return envelope;
  };

  try {
    await fc.assert(
      fc.asyncProperty(caseArbitrary(examples, fieldNames(), exportJourneyText(ws.services, 'j_cart_abandonment').text), async (c) => {
        const c0 = performance.now();
        changes.clear();
        checkMs += performance.now() - c0;
        const t0 = performance.now();
        const envelope = await withTimeout(send(c), callTimeoutMs, () => describeCase(c)).catch((error: Error) => fail(error.message.startsWith('hang') ? error.message : `the call threw: ${error.stack}\n  ${describeCase(c)}`));
        const ms = performance.now() - t0;
        timeByCall.set(c.name, (timeByCall.get(c.name) ?? 0) + ms);
        if (ms > slowest.ms) slowest = { call: c.name, ms: Math.round(ms) };
        if (!envelope) return;
        if (!envelope.ok) {
          const c1 = performance.now();
          const changed = changes.tables();
          checkMs += performance.now() - c1;
          if (changed.length) fail(`half write: the call failed (${envelope.error.code}: ${envelope.error.message.slice(0, 200)}) but changed ${changed.join(', ')}\n  ${describeCase(c)}`);
          return;
        }
        succeeded.set(c.name, (succeeded.get(c.name) ?? 0) + 1);
        const value = envelope.value as { jobId?: unknown; runId?: unknown } | null;
        if (typeof value?.jobId === 'string') jobs.add(value.jobId);
        if (typeof value?.runId === 'string') imports.add(value.runId);
      }),
      { numRuns: options.runs, seed: options.seed, endOnFailure: true },
    );
    const alive = await post(server, '/api/journeys.list', '{}');
    if (alive.status !== 200) fail(`the server no longer answers: ${alive.status} ${alive.body.slice(0, 200)}`);
    const strays = readdirSync('.').filter((entry) => !here.has(entry));
    if (strays.length) fail(`a call wrote outside the fuzz's folder: ${strays.join(', ')}`);
  } catch (error) {
    failure ??= (error as Error).message;
  } finally {
    for (const jobId of jobs) await ws.client['simulation.forecastCancel']({ jobId }).catch(() => undefined);
    for (const runId of imports) await waitForImport(ws, runId);
    await server.close();
    ws.close();
  }
  return {
    runs: options.runs,
    seed: options.seed,
    answers,
    succeeded: [...succeeded.values()].reduce((a, b) => a + b, 0),
    distinctCallsSucceeded: succeeded.size,
    elapsedMs: Math.round(performance.now() - started),
    slowest,
    timeByCall: [...timeByCall].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([call, ms]) => ({ call, ms: Math.round(ms) })),
    checkMs: Math.round(checkMs),
    failure,
  };
}

async function waitForImport(ws: ReturnType<typeof tempWorkspace>, runId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const status = await ws.client['contacts.importStatus']({ runId }).catch(() => null);
    if (!status || status.status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
