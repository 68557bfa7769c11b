import { create } from 'zustand';
import type { TemplateSummary } from '../../../shared/api/calls/templates.ts';
import { api } from '../api/client.ts';

interface TemplatesState {
  templates: TemplateSummary[] | null;
  /** The templates' ids, for checking references; undefined until loaded (references are then not checked). */
  ids: ReadonlySet<string> | undefined;
  /** Each template's name by id (empty until loaded). */
  names: ReadonlyMap<string, string>;
  error: string | null;
  refresh(): Promise<void>;
}

/** The workspace's email templates, for the email step's picker and for checking template references. */
export const useTemplates = create<TemplatesState>((set) => ({
  templates: null,
  ids: undefined,
  names: new Map(),
  error: null,
  async refresh() {
    try {
      const templates = await api()['templates.list']({});
      set({ templates, ids: new Set(templates.map((t) => t.id)), names: new Map(templates.map((t) => [t.id, t.name])), error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
