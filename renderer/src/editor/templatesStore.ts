import { create } from 'zustand';
import type { TemplateSummary } from '../../../shared/api/calls/templates.ts';
import { api } from '../api/client.ts';

interface TemplatesState {
  templates: TemplateSummary[] | null;
  error: string | null;
  refresh(): Promise<void>;
}

/** The workspace's email templates, for the email step's picker and for checking template references. */
export const useTemplates = create<TemplatesState>((set) => ({
  templates: null,
  error: null,
  async refresh() {
    try {
      set({ templates: await api()['templates.list']({}), error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
