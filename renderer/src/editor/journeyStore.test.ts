import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/journey/journey.ts';
import { newNode } from '../../../shared/journey/defaults.ts';
import { useJourney } from './journeyStore.ts';
import { addNode, moveElements, updateNode } from './documentEdits.ts';

const state = () => useJourney.getState();

beforeEach(() => {
  state().load({ id: 'j_1', name: 'Test', status: 'draft' }, emptyDocument());
});

describe('journey store undo and redo', () => {
  it('undoes and redoes each edit in order', () => {
    const trigger = newNode('trigger');
    const wait = newNode('wait');
    state().edit((d) => addNode(d, trigger, { x: 0, y: 0 }));
    state().edit((d) => addNode(d, wait, { x: 0, y: 140 }));
    expect(state().doc!.nodes.map((n) => n.kind)).toEqual(['trigger', 'wait']);
    state().undo();
    expect(state().doc!.nodes.map((n) => n.kind)).toEqual(['trigger']);
    state().undo();
    expect(state().doc!.nodes).toEqual([]);
    state().undo(); // nothing left: no change
    expect(state().doc!.nodes).toEqual([]);
    state().redo();
    state().redo();
    expect(state().doc!.nodes.map((n) => n.id)).toEqual([trigger.id, wait.id]);
    expect(state().doc!.layout.positions[wait.id]).toEqual({ x: 0, y: 140 });
  });

  it('forgets the redo branch after a new edit', () => {
    state().edit((d) => addNode(d, newNode('trigger'), { x: 0, y: 0 }));
    state().undo();
    state().edit((d) => addNode(d, newNode('exit'), { x: 0, y: 0 }));
    state().redo();
    expect(state().doc!.nodes.map((n) => n.kind)).toEqual(['exit']);
    expect(state().future).toEqual([]);
  });

  it('makes one undo step of edits with the same key (typing in a field, one drag) until sealed', () => {
    const wait = newNode('wait');
    state().edit((d) => addNode(d, wait, { x: 0, y: 0 }));
    for (const name of ['W', 'Wa', 'Wait 1 h']) state().edit((d) => updateNode(d, wait.id, { name }), `name:${wait.id}`);
    for (const x of [10, 20, 30]) state().edit((d) => moveElements(d, { [wait.id]: { x, y: 0 } }), 'drag:1');
    state().seal();
    state().edit((d) => updateNode(d, wait.id, { name: 'Later' }), `name:${wait.id}`);
    state().undo();
    expect(state().doc!.nodes[0].name).toBe('Wait 1 h');
    state().undo();
    expect(state().doc!.layout.positions[wait.id]).toEqual({ x: 0, y: 0 });
    expect(state().doc!.nodes[0].name).toBe('Wait 1 h');
    state().undo();
    expect(state().doc!.nodes[0].name).toBe('Wait');
  });

  it('bumps the revision on every change so autosave knows to write', () => {
    const start = state().revision;
    state().edit((d) => addNode(d, newNode('exit'), { x: 0, y: 0 }));
    state().edit((d) => d); // no change, no revision
    state().undo();
    expect(state().revision).toBe(start + 2);
  });
});
