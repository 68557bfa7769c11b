import { create } from 'zustand';
import type { ImportPreview, ImportReport, ImportSource } from '../../../shared/api/calls/contacts.ts';
import type { PickedFile } from '../../../shared/api/calls/dialogs.ts';
import type { BadCells, ColumnMapping, ImportKind, ReadingChoices } from '../../../shared/contacts/importMapping.ts';
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
  /** How the user asked for the file to be read; what they leave out is found in the file. */
  reading: ReadingChoices;
  /** Whether a cell that cannot be read skips its row or is left out of it. */
  badCells: BadCells;
  mapping: ColumnMapping[];
  report: ImportReport | null;
  error: string | null;
  setKind(kind: ImportKind): void;
  /** Browser: send the file in chunks (so any size works), then preview it. */
  upload(file: File): Promise<void>;
  /** Desktop: a file picked in the native dialog, read where it lies. */
  openPicked(file: PickedFile): Promise<void>;
  setMapping(index: number, mapping: ColumnMapping): void;
  /** Reads the file again as chosen (an encoding or a delimiter), for a new preview and mapping. */
  setReading(choice: ReadingChoices): Promise<void>;
  setBadCells(badCells: BadCells): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

let poll: ReturnType<typeof setTimeout> | undefined;

export const useImport = create<ImportState>((set, get) => {
  const loadPreview = async (source: ImportSource) => {
    const preview = await api()['contacts.previewImport']({ kind: get().kind, source, ...get().reading });
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
    reading: {},
    badCells: 'skip-row',
    mapping: [],
    report: null,
    error: null,
    setKind(kind) {
      set({ kind });
      const source = get().source;
      if (source) void loadPreview(source).catch((error: unknown) => set({ error: message(error) }));
    },
    async upload(file) {
      set({ fileName: file.name, uploadedBytes: 0, totalBytes: file.size, preview: null, reading: {}, report: null, error: null, source: null });
      try {
        const uploadId = await uploadFile(file, (bytes) => set({ uploadedBytes: bytes }));
        await loadPreview({ uploadId });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    async openPicked(file) {
      set({ fileName: file.path, preview: null, reading: {}, report: null, error: null, source: null, uploadedBytes: 0, totalBytes: 0 });
      try {
        await loadPreview({ picked: file.token });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    setMapping(index, mapping) {
      set({ mapping: get().mapping.map((m, i) => (i === index ? mapping : m)) });
    },
    async setReading(choice) {
      const source = get().source;
      set({ reading: { ...get().reading, ...choice }, error: null });
      if (!source) return;
      try {
        await loadPreview(source);
      } catch (error) {
        set({ error: message(error) });
      }
    },
    setBadCells(badCells) {
      set({ badCells });
    },
    async start() {
      const { source, preview } = get();
      if (!source) return;
      set({ error: null });
      try {
        // The file is imported as previewed: the encoding and delimiter shown, found or chosen.
        const reading = preview?.format === 'csv' ? { encoding: preview.encoding, delimiter: preview.delimiter ?? undefined } : {};
        const { runId } = await api()['contacts.startImport']({ kind: get().kind, source, mapping: get().mapping, ...reading, badCells: get().badCells });
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
      set({ fileName: null, source: null, preview: null, reading: {}, badCells: 'skip-row', mapping: [], report: null, error: null, uploadedBytes: 0, totalBytes: 0 });
    },
  };
});
