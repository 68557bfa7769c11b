import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tempWorkspace } from '../helpers/workspace.ts';
import { dumpStore } from '../helpers/storeDump.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { JOURNEY_FORMAT } from '../../shared/format/journeyFile.ts';
import { mutate, pathsOf } from '../helpers/jsonMutation.ts';

const SAMPLE_JOURNEYS = ['j_cart_abandonment', 'j_trial_drip', 'j_win_back'];

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  let clock = Date.UTC(2026, 0, 1);
  ws = tempWorkspace(() => (clock += 1000));
  loadSample(ws.services.db, { contacts: 20, seed: 7, now: Date.UTC(2026, 0, 1) });
});
afterEach(() => ws.close());

const exportText = async (id: string) => (await ws.client['exchange.exportJourney']({ id })).text;
const importText = (text: string, onClash: 'ask' | 'copy' | 'replace' = 'ask') => ws.client['exchange.importJourney']({ file: { text }, onClash });

describe('export and import of journey files', () => {
  it.each(SAMPLE_JOURNEYS)('export, delete, import and export again gives the same bytes for %s', async (id) => {
    const first = await exportText(id);
    const before = await ws.client['journeys.get']({ id });
    await ws.client['journeys.delete']({ id });
    const result = await importText(first);
    expect(result.outcome).toBe('imported');
    expect(await exportText(id)).toBe(first);
    const after = await ws.client['journeys.get']({ id });
    expect({ ...after, createdAt: 0, updatedAt: 0 }).toEqual({ ...before, createdAt: 0, updatedAt: 0 });
  });

  it('carries its templates and segments into an empty workspace, and the result exports the same bytes', async () => {
    const text = await exportText('j_win_back');
    const other = tempWorkspace();
    try {
      const result = await other.client['exchange.importJourney']({ file: { text } });
      expect(result).toMatchObject({ outcome: 'imported', templates: { imported: ['t_winback_1', 't_winback_2'], reused: [] }, segments: { imported: ['s_lapsed_buyers'] } });
      expect((await other.client['exchange.exportJourney']({ id: 'j_win_back' })).text).toBe(text);
      expect(await other.client['journeys.validate']({ document: (await other.client['journeys.get']({ id: 'j_win_back' })).document })).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('is pretty-printed JSON with a final newline, the format named, the layout in its own section', async () => {
    const text = await exportText('j_cart_abandonment');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe(`  "format": "${JOURNEY_FORMAT}",`);
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'id', 'name', 'nodes', 'edges', 'settings', 'layout', 'templates', 'snippets', 'segments']);
    expect(JSON.parse(text).nodes[0]).not.toHaveProperty('position');
  });

  it('asks on a clash of id or name, then imports a copy or replaces, as chosen', async () => {
    const text = await exportText('j_cart_abandonment');
    const before = dumpStore(ws.services.db);
    const asked = await importText(text);
    expect(asked).toEqual({ outcome: 'clash', name: 'Cart abandonment', clashes: [{ journeyId: 'j_cart_abandonment', name: 'Cart abandonment', by: 'id' }] });
    expect(dumpStore(ws.services.db)).toEqual(before);

    const copy = await importText(text, 'copy');
    if (copy.outcome !== 'imported') throw new Error(copy.outcome);
    expect(copy.journey.name).toBe('Cart abandonment (copy)');
    expect(copy.journey.id).not.toBe('j_cart_abandonment');
    expect(copy.templates).toEqual({ reused: ['t_cart_1', 't_cart_2', 't_cart_3'], imported: [] });

    const edited = JSON.parse(text);
    edited.nodes[1].name = 'Wait one hour';
    const replaced = await importText(JSON.stringify(edited), 'replace');
    expect(replaced).toMatchObject({ outcome: 'imported', replaced: true, journey: { id: 'j_cart_abandonment' } });
    expect((await ws.client['journeys.get']({ id: 'j_cart_abandonment' })).document.nodes[1].name).toBe('Wait one hour');
    expect((await ws.client['journeys.list']({})).length).toBe(4);
  });

  it('imports a changed template under a new id and points the journey at it, leaving the stored one alone', async () => {
    const file = JSON.parse(await exportText('j_win_back'));
    file.id = 'j_other';
    file.name = 'Win-back, edited';
    file.templates[0].document.content.subject = 'A different subject';
    const storedTemplate = ws.services.templates.get(file.templates[0].id);
    const result = await importText(JSON.stringify(file));
    if (result.outcome !== 'imported') throw new Error(JSON.stringify(result));
    expect(result.templates.reused).toEqual([file.templates[1].id]);
    expect(result.templates.imported).toHaveLength(1);
    const newTemplateId = result.templates.imported[0];
    expect(ws.services.templates.get(newTemplateId)).toMatchObject({ name: `${storedTemplate.name} (imported)`, document: { content: { subject: 'A different subject' } } });
    expect(ws.services.templates.get(storedTemplate.id)).toEqual(storedTemplate);
    const journey = await ws.client['journeys.get']({ id: 'j_other' });
    const emailNode = journey.document.nodes.find((n) => n.kind === 'email' && n.config.templateId !== file.templates[1].id);
    expect(emailNode?.config.templateId).toBe(newTemplateId);
  });

  it('migrates a version 1 file', async () => {
    const current = JSON.parse(await exportText('j_win_back'));
    const v1 = {
      format: JOURNEY_FORMAT,
      version: 1,
      journey: { id: 'j_old', name: 'From version 1', document: { nodes: current.nodes, edges: current.edges, settings: current.settings, layout: current.layout } },
    };
    const result = await importText(JSON.stringify(v1));
    expect(result).toMatchObject({ outcome: 'imported', migratedFrom: 1, journey: { id: 'j_old', name: 'From version 1', nodeCount: current.nodes.length } });
  });
});

describe('broken files', () => {
  const corpus: Array<[string, (valid: string) => string, RegExp]> = [
    ['truncated JSON', (t) => t.slice(0, Math.floor(t.length / 2)), /^line \d+, column \d+: the file ends too early/],
    ['not JSON at all', () => 'name: Cart abandonment\n', /^line 1, column 2: not valid JSON \(Unexpected token 'a'\)/],
    ['wrong types', (t) => edit(t, (f) => { f.edges[0].target = 42; f.name = 7; }), /^(name|edges\[0\]\.target): expected/],
    ['an unknown node kind', (t) => edit(t, (f) => { f.nodes[2].kind = 'teleport'; }), /^nodes\[2\]\.kind: expected one of "trigger".*got the text "teleport"/],
    ['a dangling edge', (t) => edit(t, (f) => { f.edges[0].target = 'n_nowhere'; }), /^edges\[0\]\.target: the edge \S+ points to a missing node n_nowhere/],
    ['duplicate ids', (t) => edit(t, (f) => { f.nodes[3].id = f.nodes[2].id; }), /^nodes\[3\]\.id: two nodes share the id/],
    ['a newer format version', (t) => edit(t, (f) => { f.version = 99; }), /^version: the file is format version 99, newer than this app reads/],
    ['a wrong value in a config', (t) => edit(t, (f) => { f.nodes[1].config.wait.duration.amount = -1; }), /^nodes\[1\]\.config\.wait\.duration\.amount: expected a positive number/],
    ['a template neither in the file nor the workspace', (t) => edit(t, (f) => { f.nodes[3].config.templateId = 't_gone'; }), /^nodes\[3\]\.config\.templateId: no template with the id t_gone/],
    ['two templates with one name', (t) => edit(t, (f) => { f.templates[1].name = f.templates[0].name; }), /^templates\[1\]\.name: another template in the file has the name "/],
    ['20,000 steps in a chain', (t) => edit(t, (f) => {
      for (let i = 0; i < 20_000; i++) {
        f.nodes.push({ id: `n_tag_${i}`, kind: 'update-contact', name: '', config: { actions: [{ op: 'add-tag', tag: 'x' }] } });
        f.edges.push({ id: `e_tag_${i}`, source: i === 0 ? 'n_exit' : `n_tag_${i - 1}`, sourceHandle: 'next', target: `n_tag_${i}` });
      }
    }), /^nodes: a journey holds at most 1000 steps$/],
    ['a workspace backup', () => '{"format":"journey-studio/workspace","version":1}', /^format: this is a workspace backup/],
    ['a 50 MB file', (t) => t.replace('"nodes": [', `"padding": "${'x'.repeat(50 * 1024 * 1024)}",\n  "nodes": [`), /^the file is 50\.0 MB; a journey file is at most 10 MB/],
    ['a value nested 100,000 deep', (t) => edit(t, (f) => { f.nodes[0].config.padding = '(deep)'; }).replace('"(deep)"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`), /^line \d+, column \d+: nested deeper than 64 levels, the most a file may nest$/],
  ];

  it.each(corpus)('%s: a clear message and the store unchanged', async (_what, breakIt, expected) => {
    const valid = await exportText('j_cart_abandonment');
    await ws.client['journeys.delete']({ id: 'j_cart_abandonment' });
    const before = dumpStore(ws.services.db);
    const result = await importText(breakIt(valid), 'replace');
    if (result.outcome !== 'invalid') throw new Error(`imported: ${JSON.stringify(result).slice(0, 300)}`);
    const lines = result.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
    expect(lines.some((line) => expected.test(line)), lines.join('\n')).toBe(true);
    expect(dumpStore(ws.services.db)).toEqual(before);
  });

  /** As if the user had picked the file in the desktop app's open dialog. */
  const picked = (file: string) => ({ picked: ws.services.pickedFiles.add(file, 'read').token });

  it('refuses a 50 MB file picked on disk from its size, without reading it', async () => {
    const file = join(ws.dir, 'huge.json');
    writeFileSync(file, `{"format": "journey-studio/journey", "padding": "${'x'.repeat(50 * 1024 * 1024)}"}`);
    const before = dumpStore(ws.services.db);
    const result = await ws.client['exchange.importJourney']({ file: picked(file), onClash: 'replace' });
    expect(result).toEqual({ outcome: 'invalid', problems: [{ path: '', message: 'the file is 50.0 MB, more than the 10 MB this kind of file may be' }] });
    expect(dumpStore(ws.services.db)).toEqual(before);
  });

  it('says where it cannot write an export, rather than failing', async () => {
    const path = join(ws.dir, 'no-such-folder', 'cart.json');
    const saveTo = ws.services.pickedFiles.add(path, 'write').token;
    await expect(ws.client['exchange.exportJourney']({ id: 'j_cart_abandonment', saveTo })).rejects.toMatchObject({ code: 'refused', message: `cannot write ${path}: ENOENT` });
    await expect(ws.client['exchange.exportWorkspace']({ saveTo })).rejects.toMatchObject({ code: 'refused', message: `cannot write ${path}: ENOENT` });
  });

  it('says which file it cannot read', async () => {
    const result = await ws.client['exchange.importJourney']({ file: picked(join(ws.dir, 'missing.json')) });
    expect(result).toEqual({ outcome: 'invalid', problems: [{ path: '', message: `cannot read ${join(ws.dir, 'missing.json')}: ENOENT` }] });
  });

  it('reports every wrong type at once, each by its path', async () => {
    const broken = edit(await exportText('j_cart_abandonment'), (f) => {
      f.name = 7;
      f.edges[0].target = 42;
      f.nodes[1].config.wait.duration.amount = -1;
    });
    const result = await importText(broken);
    expect(result.outcome === 'invalid' && result.problems.map((p) => p.path)).toEqual(['name', 'edges[0].target', 'nodes[1].config.wait.duration.amount']);
  });

  it('never crashes and never half-writes on random mutations of a valid file', async () => {
    const valid = JSON.parse(await exportText('j_trial_drip'));
    const paths = pathsOf(valid);
    // Values from elsewhere in the file (ids, names, kinds) make the collisions and mix-ups random junk rarely does.
    const strings = [...new Set(paths.map((p) => p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], valid)).filter((v): v is string => typeof v === 'string'))];
    const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.constantFrom(...strings, 'j_cart_abandonment', 't_cart_1', 's_lapsed_buyers'));
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...paths), value: junk }),
      fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...paths) }),
      fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
      // Edits a person makes (a new name, an id, a moved box) that mostly still import.
      fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...paths.filter((p) => ['name', 'id', 'x', 'y', 'subject'].includes(String(p.at(-1))))), value: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom(...strings), fc.integer()) }),
    );
    const seen = { imported: 0, invalid: 0, clash: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom('ask', 'copy', 'replace'), async (mutations, onClash) => {
        let text: string | null = null;
        const file = structuredClone(valid);
        for (const m of mutations) {
          if (m.op === 'truncate') text = JSON.stringify(file, null, 2).slice(0, m.at % 20000);
          else mutate(file, m.path, m.op === 'set' ? { value: m.value } : null);
        }
        const before = dumpStore(ws.services.db);
        const result = await ws.client['exchange.importJourney']({ file: { text: text ?? JSON.stringify(file) }, onClash: onClash as 'ask' });
        const after = dumpStore(ws.services.db);
        seen[result.outcome]++;
        if (result.outcome === 'imported') {
          // Written whole: the journey row is there and every template it points at exists.
          const journey = ws.services.journeys.get(result.journey.id);
          const templates = ws.services.templates.ids();
          for (const node of journey.document.nodes) if (node.kind === 'email' && node.config.templateId) expect(templates.has(node.config.templateId as string)).toBe(true);
        } else {
          expect(after).toEqual(before);
          if (result.outcome === 'invalid') expect(result.problems.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200, seed: 8 },
    );
    // The mutations reach every outcome, so the property is tested on writes as well as refusals.
    expect(seen.imported).toBeGreaterThan(5);
    expect(seen.invalid).toBeGreaterThan(10);
    expect(seen.clash).toBeGreaterThan(0);
  }, 120_000);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into arbitrary JSON
type Json = any;

function edit(text: string, change: (file: Json) => void): string {
  const file = JSON.parse(text);
  change(file);
  return JSON.stringify(file, null, 2);
}
