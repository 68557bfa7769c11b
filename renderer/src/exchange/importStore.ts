import { create } from 'zustand';
import type { FileProblem, FileSource, ImportJourneyResult, JourneyClash } from '../../../shared/api/calls/exchange.ts';
import { api } from '../api/client.ts';
import { fileNameOf, pickFile } from './fileTransfer.ts';
import { useJourneyList } from '../journeys/journeyListStore.ts';

type Imported = Extract<ImportJourneyResult, { outcome: 'imported' }>;

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'working'; fileName: string }
  | { phase: 'problems'; fileName: string; problems: FileProblem[] }
  | { phase: 'clash'; fileName: string; source: FileSource; name: string; clashes: JourneyClash[] }
  | { phase: 'done'; fileName: string; result: Imported }
  | { phase: 'failed'; fileName: string; message: string }
  /** Something to say that is not about a file (Export with no journey open). */
  | { phase: 'notice'; message: string };

interface ImportStore {
  state: ImportState;
  importFile(source: FileSource): Promise<void>;
  resolveClash(choice: 'copy' | 'replace'): Promise<void>;
  notice(message: string): void;
  close(): void;
  /** The page's file input (browser mode), registered by the ExchangeHost. */
  fileInput: HTMLInputElement | null;
  /** Asks for a journey file and imports it. */
  chooseFile(): Promise<void>;
}

/** The one import in progress: what the import dialog shows and the answer it waits for. */
export const useImport = create<ImportStore>((set, get) => {
  const run = async (source: FileSource, onClash: 'ask' | 'copy' | 'replace') => {
    const fileName = fileNameOf(source);
    set({ state: { phase: 'working', fileName } });
    try {
      const result = await api()['exchange.importJourney']({ file: source, onClash });
      if (result.outcome === 'invalid') set({ state: { phase: 'problems', fileName, problems: result.problems } });
      else if (result.outcome === 'clash') set({ state: { phase: 'clash', fileName, source, name: result.name, clashes: result.clashes } });
      else {
        set({ state: { phase: 'done', fileName, result } });
        void useJourneyList.getState().refresh();
      }
    } catch (error) {
      set({ state: { phase: 'failed', fileName, message: error instanceof Error ? error.message : String(error) } });
    }
  };
  return {
    state: { phase: 'idle' },
    importFile: (source) => run(source, 'ask'),
    async resolveClash(choice) {
      const { state } = get();
      if (state.phase === 'clash') await run(state.source, choice);
    },
    notice: (message) => set({ state: { phase: 'notice', message } }),
    close: () => set({ state: { phase: 'idle' } }),
    fileInput: null,
    async chooseFile() {
      try {
        const source = await pickFile('Import a journey', get().fileInput);
        if (source) await run(source, 'ask');
      } catch (error) {
        set({ state: { phase: 'failed', fileName: 'the file', message: error instanceof Error ? error.message : String(error) } });
      }
    },
  };
});
