import { callNames, channelOf, closeChannels, menuChannel, menuCommands, type CallName, type MenuCommand } from '../../shared/api/contract.ts';
import type { Envelope } from '../../shared/api/errors.ts';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

export interface Bridge {
  /** Exactly the contract's calls, each bound to its own channel. */
  calls: Readonly<Record<CallName, (input: unknown) => Promise<Envelope>>>;
  /** Application-menu commands; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** The window is closing: `flush` saves what is pending; the window closes when it settles. */
  onCloseRequest(flush: () => Promise<void>): () => void;
}

/** What the preload exposes as window.journeyStudio: no generic invoke or send. */
export function buildBridge(ipcRenderer: IpcRendererLike): Bridge {
  const calls = {} as Record<CallName, (input: unknown) => Promise<Envelope>>;
  for (const name of callNames) {
    const channel = channelOf(name);
    calls[name] = (input) => ipcRenderer.invoke(channel, input) as Promise<Envelope>;
  }
  return {
    calls: Object.freeze(calls),
    onMenuCommand(listener) {
      const wrapped = (_event: unknown, command: unknown) => {
        if ((menuCommands as readonly unknown[]).includes(command)) listener(command as MenuCommand);
      };
      ipcRenderer.on(menuChannel, wrapped);
      return () => ipcRenderer.removeListener(menuChannel, wrapped);
    },
    onCloseRequest(flush) {
      // Answered whatever happened: a failed save shows in the window's save status, and must not keep it open.
      const answer = () => ipcRenderer.send(closeChannels.flushed);
      const wrapped = () => void flush().then(answer, answer);
      ipcRenderer.on(closeChannels.flush, wrapped);
      return () => ipcRenderer.removeListener(closeChannels.flush, wrapped);
    },
  };
}

export const BRIDGE_KEY = 'journeyStudio';
