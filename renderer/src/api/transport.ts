import type { Transport } from '../../../shared/api/client.ts';
import type { CallName, MenuCommand } from '../../../shared/api/contract.ts';
import type { Envelope } from '../../../shared/api/errors.ts';

/** What the desktop preload exposes (see electron/preload/bridge.ts). */
interface DesktopBridge {
  calls: Record<CallName, (input: unknown) => Promise<Envelope>>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onCloseRequest(flush: () => Promise<void>): () => void;
}

declare global {
  interface Window {
    journeyStudio?: DesktopBridge;
  }
}

const TOKEN_KEY = 'journey-studio-token';
export const TOKEN_HEADER = 'x-journey-studio-token';

/** Browser mode's token arrives in the URL fragment once; keep it for reloads and take it out of the address bar. */
export function browserToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(token: string): Transport {
  return async (name, input) => {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input ?? {}),
    });
    try {
      return (await response.json()) as Envelope;
    } catch {
      return { ok: false, error: { code: 'internal', message: `the server answered ${response.status} without a result` } };
    }
  };
}

/** IPC in the desktop app, HTTP in browser mode. */
export function detectTransport(): Transport {
  const bridge = window.journeyStudio;
  if (bridge) return (name, input) => bridge.calls[name](input);
  return httpTransport(browserToken());
}

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.journeyStudio?.onMenuCommand(listener) ?? (() => {});
}

/** In the desktop app, `flush` runs when the window is about to close (the window waits for it, within a limit). */
export function onCloseRequest(flush: () => Promise<void>): () => void {
  return window.journeyStudio?.onCloseRequest(flush) ?? (() => {});
}

export const isDesktop = () => window.journeyStudio !== undefined;
