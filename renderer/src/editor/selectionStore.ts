import { create } from 'zustand';
import type { ElementIds } from './documentEdits.ts';

interface SelectionState extends ElementIds {
  select(ids: Partial<ElementIds>): void;
  /** Adds to or removes from the selection (shift-click, box select). */
  toggle(kind: keyof ElementIds, id: string, on: boolean): void;
  clear(): void;
}

const none: ElementIds = { nodes: [], edges: [], notes: [] };

/** What is selected on the canvas: steps, edges and sticky notes, by id. */
export const useSelection = create<SelectionState>((set, get) => ({
  ...none,
  select(ids) {
    set({ ...none, ...ids });
  },
  toggle(kind, id, on) {
    const current = get()[kind];
    const has = current.includes(id);
    if (on && !has) set({ [kind]: [...current, id] } as Partial<ElementIds>);
    if (!on && has) set({ [kind]: current.filter((x) => x !== id) } as Partial<ElementIds>);
  },
  clear() {
    set(none);
  },
}));

/** The one selected step, when exactly one step (and nothing else) is selected. */
export const singleNodeId = (s: ElementIds) => (s.nodes.length === 1 && s.edges.length === 0 && s.notes.length === 0 ? s.nodes[0] : null);
export const selectionSize = (s: ElementIds) => s.nodes.length + s.edges.length + s.notes.length;
