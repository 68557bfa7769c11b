import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDocument, type JourneyDocument } from '../../../shared/journey/journey.ts';
import { serializeSelection } from '../../../shared/journey/selectionClipboard.ts';
import { useJourney } from './journeyStore.ts';
import { useSelection } from './selectionStore.ts';
import { useNotice } from './notices.ts';
import { copySelection, cutSelection, deleteSelection, duplicateSelection, nudgeSelection, endNudge, pasteText, selectAll, undo } from './commands.ts';

const doc = (): JourneyDocument => ({
  ...emptyDocument(),
  nodes: [
    { id: 'n_t', kind: 'trigger', name: 'Added to cart', config: { trigger: { type: 'event', event: { name: 'added_to_cart', filters: [] } } } },
    { id: 'n_w', kind: 'wait', name: 'Wait', config: { wait: { type: 'duration', duration: { amount: 1, unit: 'hours' } } } },
    { id: 'n_x', kind: 'exit', name: 'Done', config: {} },
  ],
  edges: [
    { id: 'e_1', source: 'n_t', sourceHandle: 'next', target: 'n_w' },
    { id: 'e_2', source: 'n_w', sourceHandle: 'next', target: 'n_x' },
  ],
  layout: { positions: { n_t: { x: 0, y: 0 }, n_w: { x: 0, y: 140 }, n_x: { x: 0, y: 280 } }, notes: [] },
});

const current = () => useJourney.getState().doc!;

beforeEach(() => {
  useJourney.getState().load({ id: 'j_1', name: 'Test', status: 'draft' }, doc());
  useSelection.getState().clear();
  useNotice.getState().dismiss();
});

describe('copy and paste', () => {
  it('pastes a copied selection under new ids, with the edges between its steps, offset and selected', async () => {
    useSelection.getState().select({ nodes: ['n_w', 'n_x'] });
    const text = copySelection()!;
    expect(await pasteText(text)).toBe(true);
    const added = current().nodes.slice(3);
    expect(added.map((n) => [n.kind, n.name])).toEqual([['wait', 'Wait'], ['exit', 'Done']]);
    expect(added.every((n) => !['n_w', 'n_x'].includes(n.id))).toBe(true);
    const newEdges = current().edges.slice(2);
    expect(newEdges).toEqual([expect.objectContaining({ source: added[0].id, target: added[1].id, sourceHandle: 'next' })]);
    expect(current().layout.positions[added[0].id]).toEqual({ x: 40, y: 180 });
    expect(useSelection.getState().nodes).toEqual(added.map((n) => n.id));
    // A second paste lands further along, not on top of the first.
    await pasteText(text);
    expect(current().layout.positions[current().nodes[5].id]).toEqual({ x: 80, y: 220 });
  });

  it('pastes into another journey (the clipboard text is all it needs)', async () => {
    useSelection.getState().select({ nodes: ['n_t'] });
    const text = copySelection()!;
    useJourney.getState().load({ id: 'j_2', name: 'Other', status: 'draft' }, emptyDocument());
    await pasteText(text);
    expect(current().nodes.map((n) => n.name)).toEqual(['Added to cart']);
  });

  it('refuses text that is not a journey selection, says why and changes nothing', async () => {
    const before = current();
    for (const text of ['hello world', '{"nodes": []}', '']) {
      expect(await pasteText(text)).toBe(false);
      expect(current()).toBe(before);
      expect(useNotice.getState().notice).toEqual({ tone: 'error', text: expect.stringContaining('does not hold journey steps') });
    }
    expect(useJourney.getState().past).toEqual([]);
  });

  it('refuses a selection from a newer format version, naming the versions, and changes nothing', async () => {
    const before = current();
    const newer = JSON.stringify({ ...JSON.parse(serializeSelection({ nodes: [], edges: [], positions: {}, notes: [] })), version: 7 });
    expect(await pasteText(newer)).toBe(false);
    expect(current()).toBe(before);
    expect(useNotice.getState().notice?.text).toMatch(/newer Journey Studio \(selection format 7\); this one reads format 1/);
  });

  it('cuts (copy + delete), duplicates, deletes and selects all, each undoable', async () => {
    useSelection.getState().select({ nodes: ['n_x'] });
    const text = cutSelection()!;
    expect(current().nodes.map((n) => n.id)).toEqual(['n_t', 'n_w']);
    expect(current().edges.map((e) => e.id)).toEqual(['e_1']);
    await pasteText(text);
    expect(current().nodes).toHaveLength(3);
    undo();
    undo();
    expect(current()).toEqual(doc());

    useSelection.getState().select({ nodes: ['n_w'] });
    await duplicateSelection();
    expect(current().nodes.map((n) => n.kind)).toEqual(['trigger', 'wait', 'exit', 'wait']);

    selectAll();
    expect(useSelection.getState().nodes).toHaveLength(4);
    deleteSelection();
    expect(current().nodes).toEqual([]);
    undo();
    expect(current().nodes).toHaveLength(4);
  });

  it('nudges the selection with the arrows, a burst being one undo step', () => {
    useSelection.getState().select({ nodes: ['n_w'] });
    nudgeSelection(10, 0);
    nudgeSelection(10, 0);
    nudgeSelection(0, -10);
    endNudge();
    expect(current().layout.positions.n_w).toEqual({ x: 20, y: 130 });
    undo();
    expect(current().layout.positions.n_w).toEqual({ x: 0, y: 140 });
  });
});

describe('dropping a step onto an edge', () => {
  it('puts it between the two steps and makes room below', async () => {
    const { insertOnEdge } = await import('./documentEdits.ts');
    const { newNode } = await import('../../../shared/journey/defaults.ts');
    const step = newNode('update-contact');
    const next = insertOnEdge(doc(), 'e_1', step, { x: 0, y: 120 });
    expect(next.edges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual([
      ['n_w', 'next', 'n_x'],
      ['n_t', 'next', step.id],
      [step.id, 'next', 'n_w'],
    ]);
    // Dropped a little high, it still goes a row below the step the arrow came from.
    expect(next.layout.positions).toMatchObject({ n_t: { x: 0, y: 0 }, [step.id]: { x: 0, y: 140 }, n_w: { x: 0, y: 280 }, n_x: { x: 0, y: 420 } });
  });

  it('on a tidy layout\'s short arrow, keeps the step above in place and pushes the rest down so nothing overlaps', async () => {
    const { insertOnEdge } = await import('./documentEdits.ts');
    const { newNode } = await import('../../../shared/journey/defaults.ts');
    const { NODE_HEIGHT } = await import('../../../shared/journey/autoLayout.ts');
    // Auto-layout's spacing: 70 between rows. A side step sits level with the arrow, a note beside the exit.
    const tidy: JourneyDocument = {
      ...doc(),
      nodes: [...doc().nodes, { id: 'n_side', kind: 'exit', name: 'Side', config: {} }],
      layout: {
        positions: { n_t: { x: 0, y: 0 }, n_w: { x: 0, y: 162 }, n_x: { x: 0, y: 324 }, n_side: { x: 300, y: 100 } },
        notes: [{ id: 'note_1', text: 'Last step', position: { x: 260, y: 330 }, width: 200, height: 120 }],
      },
    };
    const step = newNode('email');
    // Dropped on the short arrow just under the trigger: the drop point would cover the trigger's lower half.
    const next = insertOnEdge(tidy, 'e_1', step, { x: 0, y: 60 });
    const at = next.layout.positions;
    expect(at.n_t).toEqual({ x: 0, y: 0 });
    expect(at[step.id].y).toBeGreaterThanOrEqual(NODE_HEIGHT);
    expect(at.n_w.y).toBeGreaterThanOrEqual(at[step.id].y + NODE_HEIGHT);
    // Everything from the wait's row down moved together; the side step above that row stayed.
    expect(at.n_x.y - at.n_w.y).toBe(162);
    expect(next.layout.notes[0].position.y - at.n_x.y).toBe(6);
    expect(at.n_side).toEqual({ x: 300, y: 100 });
    expect(next.edges.map((e) => [e.source, e.target])).toEqual([
      ['n_w', 'n_x'],
      ['n_t', step.id],
      [step.id, 'n_w'],
    ]);
  });
});

describe('adding after the selected step', () => {
  it('places the new step below and wires it from the first outcome not yet connected', async () => {
    const { addNodeAfter } = await import('./documentEdits.ts');
    const { newNode } = await import('../../../shared/journey/defaults.ts');
    const condition = { id: 'n_c', kind: 'condition' as const, name: 'Bought?', config: { rule: { type: 'tag', tag: 'vip', has: true } } };
    const start: JourneyDocument = { ...doc(), nodes: [...doc().nodes, condition], edges: [...doc().edges, { id: 'e_yes', source: 'n_c', sourceHandle: 'yes', target: 'n_x' }], layout: { positions: { ...doc().layout.positions, n_c: { x: 300, y: 0 } }, notes: [] } };
    const email = newNode('email');
    const next = addNodeAfter(start, 'n_c', email);
    expect(next.edges.at(-1)).toMatchObject({ source: 'n_c', sourceHandle: 'no', target: email.id });
    expect(next.layout.positions[email.id]).toEqual({ x: 300, y: 140 });
  });
});

describe('the desktop Edit menu', () => {
  it('acts on the canvas when no text field has focus', async () => {
    const { runMenuCommand } = await import('./shortcuts.ts');
    useSelection.getState().select({ nodes: ['n_x'] });
    deleteSelection();
    expect(current().nodes).toHaveLength(2);
    runMenuCommand('undo');
    expect(current().nodes).toHaveLength(3);
    runMenuCommand('redo');
    expect(current().nodes).toHaveLength(2);
    runMenuCommand('select-all');
    expect(useSelection.getState().nodes).toEqual(['n_t', 'n_w']);
  });
});
