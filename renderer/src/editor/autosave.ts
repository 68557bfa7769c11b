import { create } from 'zustand';
import { api } from '../api/client.ts';
import { onCloseRequest } from '../api/transport.ts';
import { useJourney } from './journeyStore.ts';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error';

interface SaveState {
  status: SaveStatus;
  error: string | null;
}

export const useSaveStatus = create<SaveState>(() => ({ status: 'saved', error: null }));

const DEBOUNCE_MS = 500;

/**
 * Writes the draft to the store shortly after each change, one request at a time; changes made while a save
 * is in flight are written right after it. Returns `flush` (save now, e.g. before publishing or leaving) and
 * `stop`.
 */
export function startAutosave(): { flush(): Promise<void>; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let savedRevision = useJourney.getState().revision;
  let inFlight: Promise<void> | null = null;

  const save = async (): Promise<void> => {
    if (inFlight) {
      await inFlight;
      return save();
    }
    const { journey, doc, revision } = useJourney.getState();
    if (!journey || !doc || revision === savedRevision) return;
    useSaveStatus.setState({ status: 'saving', error: null });
    inFlight = api()['journeys.saveDraft']({ id: journey.id, document: doc }).then(
      () => {
        savedRevision = revision;
      },
      (error: Error) => {
        useSaveStatus.setState({ status: 'error', error: error.message });
      },
    );
    await inFlight;
    inFlight = null;
    const now = useJourney.getState().revision;
    if (useSaveStatus.getState().status === 'error') return;
    useSaveStatus.setState({ status: now === savedRevision ? 'saved' : 'unsaved' });
    if (now !== savedRevision) schedule();
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), DEBOUNCE_MS);
  };

  const unsubscribe = useJourney.subscribe((state, previous) => {
    if (state.revision === previous.revision) return;
    if (state.journey?.id !== previous.journey?.id) {
      savedRevision = state.revision;
      return;
    }
    useSaveStatus.setState({ status: 'unsaved', error: null });
    schedule();
  });

  // Leaving the page (reload, closing the window) writes at once; the request outlives the page in Chromium.
  const onHide = () => {
    if (useJourney.getState().revision !== savedRevision) void save();
  };
  const flush = async () => {
    clearTimeout(timer);
    await save();
  };
  // A browser tab closing with changes not yet written: start the save and ask the browser to confirm leaving,
  // which gives the save time to land.
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (useJourney.getState().revision === savedRevision && !inFlight) return;
    void flush();
    event.preventDefault();
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('beforeunload', onBeforeUnload);
  // The desktop window waits for this before it closes.
  const stopCloseRequests = onCloseRequest(flush);
  useSaveStatus.setState({ status: 'saved', error: null });

  return {
    flush,
    stop() {
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      stopCloseRequests();
      void save();
    },
  };
}
