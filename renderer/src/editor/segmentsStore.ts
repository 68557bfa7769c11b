import { create } from 'zustand';
import { api } from '../api/client.ts';

export interface SegmentOption {
  id: string;
  name: string;
}

interface SegmentsState {
  segments: SegmentOption[] | null;
  /** The segments' ids, for checking references; undefined until loaded (references are then not checked). */
  ids: ReadonlySet<string> | undefined;
  refresh(): Promise<void>;
}

/** The workspace's segments, for the inspector's segment pickers and for checking segment references. */
export const useSegments = create<SegmentsState>((set) => ({
  segments: null,
  ids: undefined,
  async refresh() {
    try {
      const segments = (await api()['segments.list']({})).map(({ id, name }) => ({ id, name }));
      set({ segments, ids: new Set(segments.map((s) => s.id)) });
    } catch {
      // Without the list the pickers show the stored id and references are not checked.
    }
  },
}));
