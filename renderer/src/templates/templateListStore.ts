import { create } from 'zustand';
import type { TemplateSummary } from '../../../shared/api/calls/templates.ts';
import { api } from '../api/client.ts';

interface TemplateListState {
  templates: TemplateSummary[];
  loading: boolean;
  error: string | null;
  refresh(): Promise<void>;
  create(name: string): Promise<string>;
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The template list: every change goes to the store, then the list is read again. */
export const useTemplateList = create<TemplateListState>((set, get) => {
  const run = async <T,>(action: () => Promise<T>): Promise<T> => {
    set({ error: null });
    try {
      return await action();
    } catch (error) {
      set({ error: message(error) });
      throw error;
    } finally {
      await get().refresh();
    }
  };
  return {
    templates: [],
    loading: false,
    error: null,
    async refresh() {
      set({ loading: true });
      try {
        set({ templates: await api()['templates.list']({}), loading: false });
      } catch (error) {
        set({ loading: false, error: message(error) });
      }
    },
    create: (name) => run(async () => (await api()['templates.create']({ name })).id),
    duplicate: (id) => run(async () => void (await api()['templates.duplicate']({ id }))),
    remove: (id) => run(async () => void (await api()['templates.delete']({ id }))),
  };
});
