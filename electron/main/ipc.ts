import { callNames, channelOf } from '../../shared/api/contract.ts';
import { dispatch, type Handlers } from '../../shared/api/dispatch.ts';
import type { Envelope } from '../../shared/api/errors.ts';

/** The part of Electron's ipcMain this module uses, so tests can pass a fake (Bruno's IpcMainLike). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<Envelope>): void;
  removeHandler(channel: string): void;
}

export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

/**
 * Registers one IPC channel per declared call -- nothing else is reachable -- and refuses calls from any
 * frame that is not the app's own page. Returns a function that removes them again.
 */
export function registerContract(ipcMain: IpcMainLike, handlers: Handlers, isTrustedFrame: (url: string) => boolean): () => void {
  for (const name of callNames) {
    ipcMain.handle(channelOf(name), async (event, input) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedFrame(url)) {
        return { ok: false, error: { code: 'refused', message: `calls are only accepted from the app's own page, not ${url || 'an unknown frame'}` } };
      }
      return dispatch(handlers, name, input);
    });
  }
  return () => callNames.forEach((name) => ipcMain.removeHandler(channelOf(name)));
}

/** The app's page: the packaged file, or the dev server electron-vite started. */
export function trustedFrameCheck(rendererUrl: string): (url: string) => boolean {
  const origin = new URL(rendererUrl);
  return (url) => {
    try {
      const frame = new URL(url);
      if (origin.protocol === 'file:') return frame.protocol === 'file:' && frame.pathname === origin.pathname;
      return frame.origin === origin.origin;
    } catch {
      return false;
    }
  };
}
