import { create } from 'zustand';
import type { ContactSummary, contactSortKeys } from '../../../shared/api/calls/contacts.ts';
import type { SegmentSummary } from '../../../shared/api/calls/segments.ts';
import { api } from '../api/client.ts';

export type SortKey = (typeof contactSortKeys)[number];
export const PAGE_SIZE = 200;

interface ContactListState {
  search: string;
  segmentId: string;
  sort: SortKey;
  descending: boolean;
  total: number | null;
  /** Pages loaded so far, by page index; the virtual table asks for the pages it shows. */
  pages: Record<number, ContactSummary[]>;
  segments: SegmentSummary[];
  error: string | null;
  /** Bumped on every filter change so late answers for an old filter are dropped. */
  generation: number;
  setSearch(search: string): void;
  setSegment(segmentId: string): void;
  sortBy(key: SortKey): void;
  reload(): Promise<void>;
  loadPage(page: number): Promise<void>;
}

const loading = new Set<string>();

export const useContactList = create<ContactListState>((set, get) => ({
  search: '',
  segmentId: '',
  sort: 'email',
  descending: false,
  total: null,
  pages: {},
  segments: [],
  error: null,
  generation: 0,
  setSearch(search) {
    set({ search });
    void get().reload();
  },
  setSegment(segmentId) {
    set({ segmentId });
    void get().reload();
  },
  sortBy(key) {
    set({ descending: get().sort === key ? !get().descending : false, sort: key });
    void get().reload();
  },
  async reload() {
    set({ generation: get().generation + 1, pages: {}, total: null, error: null });
    if (get().segments.length === 0) {
      api()['segments.list']({}).then((segments) => set({ segments }), () => undefined);
    }
    await get().loadPage(0);
  },
  async loadPage(page) {
    const { search, segmentId, sort, descending, generation } = get();
    const key = `${generation}:${page}`;
    if (get().pages[page] || loading.has(key)) return;
    loading.add(key);
    try {
      const result = await api()['contacts.list']({ search: search || undefined, segmentId: segmentId || undefined, sort, descending, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (get().generation === generation) set({ total: result.total, pages: { ...get().pages, [page]: result.contacts } });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      loading.delete(key);
    }
  },
}));
