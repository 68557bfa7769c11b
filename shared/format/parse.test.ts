import { describe, expect, it } from 'vitest';
import { parseJourneyFile, anyResources } from './parse.ts';
import { buildJourneyFile, serializeJourneyFile } from './canonical.ts';
import { JourneyDocument } from '../journey/journey.ts';
import { diffJourneyFiles, formatJourneyDiff } from './diff.ts';
import { renameSnippets, snippetNamesIn } from './snippets.ts';

const document = JourneyDocument.parse({
  nodes: [
    { id: 'n_start', kind: 'trigger', name: 'Signed up', config: { trigger: { type: 'tag-added', tag: 'new' } } },
    { id: 'n_wait', kind: 'wait', name: 'A day', config: { wait: { type: 'duration', duration: { amount: 1, unit: 'days' } } } },
    { id: 'n_mail', kind: 'email', name: 'Welcome', config: { templateId: '', sendWindow: null } },
  ],
  edges: [
    { id: 'e1', source: 'n_start', sourceHandle: 'next', target: 'n_wait' },
    { id: 'e2', source: 'n_wait', sourceHandle: 'next', target: 'n_mail' },
  ],
  settings: {},
  layout: { positions: { n_wait: { x: 0, y: 100 }, n_start: { x: 0, y: 0 } } },
});
const text = serializeJourneyFile(buildJourneyFile({ id: 'j_welcome', name: 'Welcome', document, templates: [], snippets: [], segments: [] }));

describe('parseJourneyFile', () => {
  it('reads back what was written, and lists what an unfinished draft still needs without refusing it', () => {
    const result = parseJourneyFile(text);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(serializeJourneyFile(result.file)).toBe(text);
    expect(result.notes).toEqual([
      { path: 'nodes[2].config.templateId', message: 'choose a template' },
      { path: 'nodes[2]', message: '"Welcome" leads nowhere: connect it to a step' },
    ]);
  });

  it('sorts layout positions by node id and config keys alphabetically', () => {
    const layout = text.indexOf('"layout"');
    expect(text.indexOf('"n_start"', layout)).toBeLessThan(text.indexOf('"n_wait"', layout));
    expect(text.indexOf('"sendWindow"')).toBeLessThan(text.indexOf('"templateId"'));
  });

  it('says what a value should be and what the file has', () => {
    const broken = text.replace('"unit": "days"', '"unit": "fortnights"').replace('"tag": "new"', '"tag": 5');
    const result = parseJourneyFile(broken, anyResources);
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'nodes[0].config.trigger.tag', message: 'expected string, got number 5' },
      { path: 'nodes[1].config.wait.duration.unit', message: 'expected one of "minutes", "hours", "days", "weeks", got the text "fortnights"' },
    ]);
  });

  it('refuses a file without a format, or of another kind', () => {
    expect(parseJourneyFile('[]')).toEqual({ ok: false, problems: [{ path: '', message: 'expected a JSON object (a journey file), got a list' }] });
    expect(parseJourneyFile('{"nodes": []}')).toMatchObject({ ok: false, problems: [{ path: 'format', message: expect.stringContaining('is this a Journey Studio file?') }] });
  });
});

describe('diffJourneyFiles', () => {
  it('lists steps added, removed and changed with their fields, and ignores the layout', () => {
    const a = JSON.parse(text);
    const b = structuredClone(a);
    b.layout.positions.n_wait = { x: 500, y: 500 };
    b.nodes[1].config.wait.duration.amount = 2;
    b.nodes.push({ id: 'n_exit', kind: 'exit', name: 'Done', config: {} });
    b.edges.push({ id: 'e3', source: 'n_mail', sourceHandle: 'next', target: 'n_exit' });
    b.settings.entryLimit = 1;
    expect(formatJourneyDiff(diffJourneyFiles(a, b))).toEqual([
      '+ node n_exit (exit) "Done"',
      '~ node n_wait "A day": config.wait.duration.amount (1 → 2)',
      '+ edge n_mail —next→ n_exit',
      '~ settings: settings.entryLimit (null → 1)',
    ]);
    const moved = structuredClone(a);
    moved.layout.positions.n_start = { x: 9, y: 9 };
    expect(formatJourneyDiff(diffJourneyFiles(a, moved))).toEqual(['no changes to the logic (the layout is not compared)']);
    const withTemplate = { ...a, templates: [{ id: 't_hi', name: 'Hi', document: { content: { subject: 'Hello', body: '' } } }] };
    const renamed = structuredClone(withTemplate);
    renamed.templates[0].document.content.subject = 'Hello there';
    expect(formatJourneyDiff(diffJourneyFiles(a, withTemplate))).toEqual(['+ template t_hi']);
    expect(formatJourneyDiff(diffJourneyFiles(withTemplate, renamed))).toEqual(['~ template t_hi: document.content.subject ("Hello" → "Hello there")']);
  });
});

describe('snippet references', () => {
  it('finds and renames {% render %} and {% include %} names', () => {
    const body = `{% render 'footer' %} {%- include "legal" -%} {{ name }}`;
    expect(snippetNamesIn(body)).toEqual(['footer', 'legal']);
    expect(renameSnippets(body, new Map([['footer', 'footer-imported']]))).toBe(`{% render 'footer-imported' %} {%- include "legal" -%} {{ name }}`);
  });
});
