import { create } from 'zustand';
import type { JourneySummary } from '../../../shared/api/calls/journeys.ts';
import { api } from '../api/client.ts';

interface JourneyListState {
  journeys: JourneySummary[];
  search: string;
  loading: boolean;
  error: string | null;
  setSearch(search: string): void;
  refresh(): Promise<void>;
  create(name: string): Promise<string>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  loadSample(): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The journeys list screen's state; every change goes to the store, then the list is read again. */
export const useJourneyList = create<JourneyListState>((set, get) => {
  const run = async (action: () => Promise<unknown>) => {
    set({ error: null });
    try {
      await action();
    } catch (error) {
      set({ error: message(error) });
      throw error;
    }
    await get().refresh();
  };
  return {
    journeys: [],
    search: '',
    loading: false,
    error: null,
    setSearch(search) {
      set({ search });
      void get().refresh();
    },
    async refresh() {
      set({ loading: true });
      try {
        const search = get().search;
        const journeys = await api()['journeys.list']({ search: search || undefined });
        if (get().search === search) set({ journeys, loading: false });
      } catch (error) {
        set({ loading: false, error: message(error) });
      }
    },
    async create(name) {
      let id = '';
      await run(async () => {
        id = (await api()['journeys.create']({ name })).id;
      });
      return id;
    },
    rename: (id, name) => run(() => api()['journeys.rename']({ id, name })),
    duplicate: (id) => run(() => api()['journeys.duplicate']({ id })),
    remove: (id) => run(() => api()['journeys.delete']({ id })),
    loadSample: () => run(() => api()['workspace.loadSample']({})),
  };
});
