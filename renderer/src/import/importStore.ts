import { create } from 'zustand';
import type { ImportPreview, ImportReport, ImportSource } from '../../../shared/api/calls/contacts.ts';
import type { PickedFile } from '../../../shared/api/calls/dialogs.ts';
import type { ColumnMapping, ImportKind } from '../../../shared/contacts/importMapping.ts';
import { api } from '../api/client.ts';
import { uploadFile } from './uploadFile.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface ImportState {
  kind: ImportKind;
  fileName: string | null;
  source: ImportSource | null;
  uploadedBytes: number;
  totalBytes: number;
  preview: ImportPreview | null;
  mapping: ColumnMapping[];
  report: ImportReport | null;
  error: string | null;
  setKind(kind: ImportKind): void;
  /** Browser: send the file in chunks (so any size works), then preview it. */
  upload(file: File): Promise<void>;
  /** Desktop: a file picked in the native dialog, read where it lies. */
  openPicked(file: PickedFile): Promise<void>;
  setMapping(index: number, mapping: ColumnMapping): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

let poll: ReturnType<typeof setTimeout> | undefined;

export const useImport = create<ImportState>((set, get) => {
  const loadPreview = async (source: ImportSource) => {
    const preview = await api()['contacts.previewImport']({ kind: get().kind, source });
    set({ preview, mapping: preview.mapping, source });
  };
  const follow = async (runId: string) => {
    try {
      const report = await api()['contacts.importStatus']({ runId });
      set({ report });
      if (report.status === 'running') poll = setTimeout(() => void follow(runId), 300);
    } catch (error) {
      set({ error: message(error) });
    }
  };
  return {
    kind: 'contacts',
    fileName: null,
    source: null,
    uploadedBytes: 0,
    totalBytes: 0,
    preview: null,
    mapping: [],
    report: null,
    error: null,
    setKind(kind) {
      set({ kind });
      const source = get().source;
      if (source) void loadPreview(source).catch((error: unknown) => set({ error: message(error) }));
    },
    async upload(file) {
      set({ fileName: file.name, uploadedBytes: 0, totalBytes: file.size, preview: null, report: null, error: null, source: null });
      try {
        const uploadId = await uploadFile(file, (bytes) => set({ uploadedBytes: bytes }));
        await loadPreview({ uploadId });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    async openPicked(file) {
      set({ fileName: file.path, preview: null, report: null, error: null, source: null, uploadedBytes: 0, totalBytes: 0 });
      try {
        await loadPreview({ picked: file.token });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    setMapping(index, mapping) {
      set({ mapping: get().mapping.map((m, i) => (i === index ? mapping : m)) });
    },
    async start() {
      const source = get().source;
      if (!source) return;
      set({ error: null });
      try {
        const { runId } = await api()['contacts.startImport']({ kind: get().kind, source, mapping: get().mapping });
        await follow(runId);
      } catch (error) {
        set({ error: message(error) });
      }
    },
    async cancel() {
      const runId = get().report?.runId;
      if (!runId) return;
      clearTimeout(poll);
      set({ report: await api()['contacts.cancelImport']({ runId }) });
    },
    reset() {
      clearTimeout(poll);
      set({ fileName: null, source: null, preview: null, mapping: [], report: null, error: null, uploadedBytes: 0, totalBytes: 0 });
    },
  };
});
