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

/**
 * The app's page: app://journey-studio/ (appProtocol.ts), or the dev server electron-vite started. Scheme and host
 * are compared rather than origins, because a URL on a custom scheme has an opaque origin in the URL standard.
 */
export function trustedFrameCheck(rendererUrl: string): (url: string) => boolean {
  const page = new URL(rendererUrl);
  return (url) => {
    try {
      const frame = new URL(url);
      return frame.protocol === page.protocol && frame.host === page.host && page.host !== '';
    } catch {
      return false;
    }
  };
}
