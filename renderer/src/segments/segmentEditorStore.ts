import { create } from 'zustand';
import type { Rule } from '../../../shared/rules/rule.ts';
import type { SegmentPreview, SegmentSummary } from '../../../shared/api/calls/segments.ts';
import { api } from '../api/client.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const emptyRule = (): Rule => ({ type: 'all', rules: [] });

interface SegmentEditorState {
  segments: SegmentSummary[];
  attributes: string[];
  /** The segment being edited; null for a new one. */
  editingId: string | null;
  name: string;
  rule: Rule;
  preview: SegmentPreview | null;
  previewing: boolean;
  error: string | null;
  notice: string | null;
  load(): Promise<void>;
  edit(id: string | null): void;
  setName(name: string): void;
  setRule(rule: Rule): void;
  refreshPreview(): Promise<void>;
  save(): Promise<void>;
  saveStatic(name: string): Promise<void>;
  remove(): Promise<void>;
}

let previewTimer: ReturnType<typeof setTimeout> | undefined;
let previewRequest = 0;

/** The segments screen: the list, the segment being edited and its live preview. */
export const useSegmentEditor = create<SegmentEditorState>((set, get) => ({
  segments: [],
  attributes: [],
  editingId: null,
  name: '',
  rule: emptyRule(),
  preview: null,
  previewing: false,
  error: null,
  notice: null,
  async load() {
    try {
      const [segments, attributes] = await Promise.all([api()['segments.list']({}), api()['contacts.attributeNames']({})]);
      set({ segments, attributes });
    } catch (error) {
      set({ error: message(error) });
    }
  },
  edit(id) {
    const segment = id ? get().segments.find((s) => s.id === id) : undefined;
    set({ editingId: segment?.id ?? null, name: segment?.name ?? '', rule: segment?.rule ?? emptyRule(), error: null, notice: null });
    void get().refreshPreview();
  },
  setName: (name) => set({ name }),
  setRule(rule) {
    // Busy from the change, not from the request: the count on screen is stale until the new one arrives.
    set({ rule, previewing: true });
    // The count follows the rule as it changes, without a request per keystroke.
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void get().refreshPreview(), 250);
  },
  async refreshPreview() {
    const request = ++previewRequest;
    set({ previewing: true });
    try {
      const preview = await api()['segments.preview']({ rule: get().rule, sampleSize: 10 });
      if (request === previewRequest) set({ preview, previewing: false, error: null });
    } catch (error) {
      if (request === previewRequest) set({ previewing: false, error: message(error) });
    }
  },
  async save() {
    try {
      const saved = await api()['segments.save']({ id: get().editingId ?? undefined, name: get().name, rule: get().rule });
      await get().load();
      set({ editingId: saved.id, notice: `Saved “${saved.name}”.`, error: null });
    } catch (error) {
      set({ error: message(error) });
    }
  },
  async saveStatic(name) {
    try {
      const saved = await api()['segments.saveStatic']({ name, rule: get().rule });
      await get().load();
      set({ notice: `Saved the static list “${saved.name}” with ${saved.members.toLocaleString()} contacts.`, error: null });
    } catch (error) {
      set({ error: message(error) });
    }
  },
  async remove() {
    const id = get().editingId;
    if (!id) return;
    try {
      await api()['segments.delete']({ id });
      await get().load();
      get().edit(null);
    } catch (error) {
      set({ error: message(error) });
    }
  },
}));
