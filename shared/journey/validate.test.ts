import { describe, expect, it } from 'vitest';
import { validateJourney } from './validate.ts';
import type { JourneyDocument } from './journey.ts';
import { JourneySettings } from './settings.ts';

const settings = JourneySettings.parse({});
const trigger = { id: 't', kind: 'trigger' as const, name: 'Added to cart', config: { trigger: { type: 'event', event: { name: 'added_to_cart', filters: [] } } } };
const wait = { id: 'w', kind: 'wait' as const, name: 'Wait', config: { wait: { type: 'duration', duration: { amount: 1, unit: 'hours' } } } };
const email = { id: 'm', kind: 'email' as const, name: 'Reminder', config: { templateId: 'tpl', sendWindow: null } };
const exit = { id: 'x', kind: 'exit' as const, name: 'Done', config: {} };
const edge = (source: string, target: string, sourceHandle = 'next') => ({ id: `${source}-${sourceHandle}`, source, target, sourceHandle });

const doc = (nodes: JourneyDocument['nodes'], edges: JourneyDocument['edges']): JourneyDocument => ({ nodes, edges, settings, layout: { positions: {}, notes: [] } });
const codes = (document: unknown) => validateJourney(document).map((p) => `${p.code}@${p.nodeId ?? p.edgeId ?? ''}`);

describe('validateJourney', () => {
  it('accepts a well-formed journey', () => {
    expect(validateJourney(doc([trigger, wait, email, exit], [edge('t', 'w'), edge('w', 'm'), edge('m', 'x')]))).toEqual([]);
  });

  it('refuses update-contact writes a built-in column cannot take, and accepts the others', () => {
    const update = (actions: unknown[]) => ({ id: 'u', kind: 'update-contact' as const, name: 'Update', config: { actions } });
    const problems = (actions: unknown[]) => validateJourney(doc([trigger, update(actions), exit], [edge('t', 'u'), edge('u', 'x')])).map((p) => `${p.field}: ${p.message}`);
    expect(problems([{ op: 'set-attribute', attribute: 'consent', value: 'unsubscribed' }, { op: 'set-attribute', attribute: 'country', value: 'FR' }, { op: 'clear-attribute', attribute: 'phone' }])).toEqual([]);
    expect(problems([{ op: 'set-attribute', attribute: 'email', value: 'x@example.com' }])).toEqual([
      "config.actions[0].attribute: the email address is the contact's key and cannot be changed by a journey",
    ]);
    expect(problems([{ op: 'add-tag', tag: 'ok' }, { op: 'set-attribute', attribute: 'consent', value: 'yes' }])).toEqual([
      'config.actions[1].attribute: consent must be subscribed, unsubscribed or never-asked, not "yes"',
    ]);
    expect(problems([{ op: 'clear-attribute', attribute: 'consent' }])).toEqual([
      'config.actions[0].attribute: consent cannot be cleared: set it to subscribed, unsubscribed or never-asked',
    ]);
  });

  it('reports a journey without a trigger', () => {
    expect(codes(doc([exit], []))).toEqual(['no-trigger@']);
  });

  it('reports a node that cannot be reached from the trigger', () => {
    expect(codes(doc([trigger, exit, email], [edge('t', 'x'), edge('m', 'x')]))).toEqual(['unreachable@m']);
  });

  it('reports each outcome that leads nowhere, naming the branch', () => {
    const condition = { id: 'c', kind: 'condition' as const, name: 'Bought?', config: { rule: { type: 'tag', tag: 'vip', has: true } } };
    const problems = validateJourney(doc([trigger, condition, exit], [edge('t', 'c'), edge('c', 'x', 'yes')]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'unconnected-outcome', nodeId: 'c', field: 'outcomes.no' });
    expect(problems[0].message).toContain('"No" outcome of "Bought?"');
  });

  it('reports an edge to a missing node and an edge from a missing handle', () => {
    const problems = validateJourney(doc([trigger, exit], [edge('t', 'x'), edge('t', 'ghost', 'yes'), { id: 'e9', source: 't', target: 'nowhere', sourceHandle: 'next' }]));
    expect(problems.map((p) => [p.code, p.edgeId])).toEqual([
      ['missing-node', 't-yes'],
      ['missing-node', 'e9'],
    ]);
    const badHandle = validateJourney(doc([trigger, exit], [edge('t', 'x'), edge('t', 'x', 'maybe')]));
    expect(badHandle.map((p) => p.code)).toEqual(['unknown-handle']);
    expect(badHandle[0].message).toContain('no outcome "maybe"');
  });

  it('reports a loop without a wait, but not a loop through a wait', () => {
    const update = { id: 'u', kind: 'update-contact' as const, name: 'Tag', config: { actions: [{ op: 'add-tag', tag: 'x' }] } };
    const looping = doc([trigger, email, update], [edge('t', 'm'), edge('m', 'u'), edge('u', 'm')]);
    expect(codes(looping).sort()).toEqual(['cycle-without-wait@m', 'cycle-without-wait@u']);
    const waiting = doc([trigger, email, wait], [edge('t', 'm'), edge('m', 'w'), edge('w', 'm')]);
    expect(validateJourney(waiting)).toEqual([]);
  });

  it('reports an invalid config with the field path', () => {
    const badWait = { ...wait, config: { wait: { type: 'duration', duration: { amount: -2, unit: 'hours' } } } };
    const problems = validateJourney(doc([trigger, badWait, exit], [edge('t', 'w'), edge('w', 'x')]));
    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-config', nodeId: 'w', field: 'config.wait.duration.amount' })]);
    expect(problems[0].message).toContain('positive');
  });

  it('checks A/B percents add up to 100', () => {
    const ab = { id: 'ab', kind: 'ab-split' as const, name: 'Test', config: { variants: [{ id: 'a', name: 'A', percent: 60 }, { id: 'b', name: 'B', percent: 30 }] } };
    const problems = validateJourney(doc([trigger, ab, exit], [edge('t', 'ab'), edge('ab', 'x', 'a'), edge('ab', 'x', 'b')]));
    expect(problems.map((p) => p.message)).toEqual(['config.variants: the percents must add up to 100']);
  });

  it('reports references to templates and segments the workspace does not have', () => {
    const problems = validateJourney(doc([trigger, email, exit], [edge('t', 'm'), edge('m', 'x')]), { templateIds: new Set(['other']) });
    expect(problems).toEqual([expect.objectContaining({ code: 'unknown-reference', nodeId: 'm', field: 'config.templateId' })]);
  });

  it('reports duplicate ids, several triggers and an outcome connected twice', () => {
    const second = { ...trigger, id: 't2' };
    const problems = codes(doc([trigger, second, exit, { ...exit }], [edge('t', 'x'), { ...edge('t', 'x'), id: 'dup' }, edge('t2', 'x')]));
    expect(problems).toEqual(expect.arrayContaining(['duplicate-id@x', 'outcome-connected-twice@t', 'several-triggers@t2']));
  });

  it('reports a document of the wrong shape by JSON path instead of throwing', () => {
    const problems = validateJourney({ nodes: [{ id: 'a', kind: 'teleport', config: {} }], edges: 'none' });
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['nodes[0].kind', 'edges', 'settings']));
    expect(problems.every((p) => p.code === 'invalid-document')).toBe(true);
  });

  it('does not require goals to be reached by an edge (contacts jump to them)', () => {
    const goal = { id: 'g', kind: 'goal' as const, name: 'Purchased', config: { goal: { type: 'event', event: { name: 'purchased', filters: [] } } } };
    expect(validateJourney(doc([trigger, exit, goal], [edge('t', 'x')]))).toEqual([]);
  });
});

describe('validateJourney on a long journey', () => {
  it('checks a chain of 20,000 instant steps without overflowing the stack', { timeout: 60_000 }, () => {
    const steps = Array.from({ length: 20_000 }, (_, i) => ({ id: `u${i}`, kind: 'update-contact' as const, name: '', config: { actions: [{ op: 'add-tag', tag: `t${i}` }] } }));
    const edges = [edge('t', 'u0'), ...steps.slice(1).map((s, i) => edge(`u${i}`, s.id)), edge('u19999', 'x')];
    expect(validateJourney(doc([trigger, ...steps, exit], edges))).toEqual([]);
    const looped = [...edges.slice(0, -1), edge('u19999', 'u0')];
    expect(validateJourney(doc([trigger, ...steps, exit], looped)).filter((p) => p.code === 'cycle-without-wait')).toHaveLength(20_000);
  });
});
