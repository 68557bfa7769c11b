import { callNames, channelOf, menuChannel, menuCommands, type CallName, type MenuCommand } from '../../shared/api/contract.ts';
import type { Envelope } from '../../shared/api/errors.ts';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

export interface Bridge {
  /** Exactly the contract's calls, each bound to its own channel. */
  calls: Readonly<Record<CallName, (input: unknown) => Promise<Envelope>>>;
  /** Application-menu commands; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
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
  };
}

export const BRIDGE_KEY = 'journeyStudio';
