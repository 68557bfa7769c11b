import { create } from 'zustand';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { JourneyStatus } from '../../../shared/journey/journey.ts';

/** How many steps back undo can go. */
const HISTORY_LIMIT = 200;

export interface OpenJourney {
  id: string;
  name: string;
  status: JourneyStatus;
}

interface JourneyState {
  journey: OpenJourney | null;
  doc: JourneyDocument | null;
  past: JourneyDocument[];
  future: JourneyDocument[];
  /** Consecutive edits with the same key (one drag, typing in one field) are one undo step. */
  lastKey: string | null;
  /** Bumped by every change of the document, so autosave knows there is something to write. */
  revision: number;
  load(journey: OpenJourney, doc: JourneyDocument): void;
  close(): void;
  setJourney(patch: Partial<OpenJourney>): void;
  edit(change: (doc: JourneyDocument) => JourneyDocument, key?: string): void;
  /** Ends the current coalescing run, so the next edit starts a new undo step. */
  seal(): void;
  undo(): void;
  redo(): void;
}

/** The open journey's document and its undo history. Every edit goes through `edit`. */
export const useJourney = create<JourneyState>((set, get) => ({
  journey: null,
  doc: null,
  past: [],
  future: [],
  lastKey: null,
  revision: 0,
  load(journey, doc) {
    set({ journey, doc, past: [], future: [], lastKey: null, revision: 0 });
  },
  close() {
    set({ journey: null, doc: null, past: [], future: [], lastKey: null, revision: 0 });
  },
  setJourney(patch) {
    const journey = get().journey;
    if (journey) set({ journey: { ...journey, ...patch } });
  },
  edit(change, key) {
    const { doc, past, lastKey, revision } = get();
    if (!doc) return;
    const next = change(doc);
    if (next === doc) return;
    const coalesce = key !== undefined && key === lastKey;
    set({
      doc: next,
      past: coalesce ? past : [...past.slice(-(HISTORY_LIMIT - 1)), doc],
      future: [],
      lastKey: key ?? null,
      revision: revision + 1,
    });
  },
  seal() {
    set({ lastKey: null });
  },
  undo() {
    const { doc, past, future, revision } = get();
    if (!doc || past.length === 0) return;
    set({ doc: past[past.length - 1], past: past.slice(0, -1), future: [doc, ...future], lastKey: null, revision: revision + 1 });
  },
  redo() {
    const { doc, past, future, revision } = get();
    if (!doc || future.length === 0) return;
    set({ doc: future[0], past: [...past, doc], future: future.slice(1), lastKey: null, revision: revision + 1 });
  },
}));

export const canUndo = (s: JourneyState) => s.past.length > 0;
export const canRedo = (s: JourneyState) => s.future.length > 0;
