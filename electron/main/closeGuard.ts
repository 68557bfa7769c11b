import { closeChannels } from '../../shared/api/contract.ts';

/** The parts of a BrowserWindow and ipcMain the guard uses, so it is tested without Electron. */
export interface ClosingWindowLike {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): void;
  close(): void;
  isDestroyed(): boolean;
  webContents: { id: number; send(channel: string): void };
}
export interface FlushReplies {
  on(channel: string, listener: (event: { sender: { id: number } }) => void): void;
  removeListener(channel: string, listener: (event: { sender: { id: number } }) => void): void;
}

/** Long enough for a save of a large journey on a slow disk; a hung renderer never keeps the window open. */
export const FLUSH_TIMEOUT_MS = 5000;

/**
 * Closing the window first asks the renderer to write what autosave still holds (its debounce may not have
 * fired), waits for it to answer or for the timeout, then closes for real.
 */
export function flushBeforeClose(window: ClosingWindowLike, replies: FlushReplies, timeoutMs = FLUSH_TIMEOUT_MS): void {
  let state: 'open' | 'flushing' | 'closing' = 'open';
  window.on('close', (event) => {
    if (state === 'closing') return;
    event.preventDefault();
    if (state === 'flushing') return;
    state = 'flushing';
    const finish = () => {
      clearTimeout(timer);
      replies.removeListener(closeChannels.flushed, onReply);
      state = 'closing';
      if (!window.isDestroyed()) window.close();
    };
    const onReply = (reply: { sender: { id: number } }) => {
      if (reply.sender.id === window.webContents.id) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    replies.on(closeChannels.flushed, onReply);
    window.webContents.send(closeChannels.flush);
  });
}
