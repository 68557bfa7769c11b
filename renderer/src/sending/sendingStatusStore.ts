import { useEffect } from 'react';
import { create } from 'zustand';
import type { SendingPauseState } from '../../../shared/engine/sendingPause.ts';
import { api } from '../api/client.ts';

interface SendingStatusState {
  /** The workspace's sending pause, or null while it sends (and before the first answer). */
  paused: SendingPauseState | null;
  /** Why the last look or the resume failed. */
  error: string | null;
  resuming: boolean;
  refresh(): Promise<void>;
  resume(): Promise<void>;
}

/** Whether the engine may send: one store for every screen that shows the pause, so moving between them shows it at once. */
export const useSendingStatus = create<SendingStatusState>((set) => ({
  paused: null,
  error: null,
  resuming: false,
  async refresh() {
    try {
      const { paused } = await api()['engine.sendingStatus']({});
      set({ paused, error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
  async resume() {
    set({ resuming: true });
    try {
      const { paused } = await api()['engine.resumeSending']({});
      set({ paused, error: null });
    } catch (error) {
      set({ error: `Sending could not be resumed: ${(error as Error).message}` });
    } finally {
      set({ resuming: false });
    }
  },
}));

/** The engine pauses on its own (SendingPause): look again every few seconds while a screen that shows it is open. */
export function usePollSendingStatus(intervalMs = 5000): void {
  useEffect(() => {
    const { refresh } = useSendingStatus.getState();
    void refresh();
    const timer = setInterval(() => void refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
}
