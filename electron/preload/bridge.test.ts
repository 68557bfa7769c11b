import { describe, expect, it, vi } from 'vitest';
import { buildBridge, type IpcRendererLike } from './bridge.ts';
import { callNames, channelOf, closeChannels, menuChannel } from '../../shared/api/contract.ts';

function fakeIpcRenderer() {
  const invoked: Array<[string, unknown[]]> = [];
  const sent: string[] = [];
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, args]);
      return { ok: true, value: channel };
    },
    send: (channel) => void sent.push(channel),
    on: (channel, listener) => listeners.set(channel, listener),
    removeListener: (channel) => listeners.delete(channel),
  };
  return { ipc, invoked, listeners, sent };
}

describe('the preload bridge', () => {
  it('exposes exactly the contract’s calls and nothing generic', () => {
    const bridge = buildBridge(fakeIpcRenderer().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['calls', 'onCloseRequest', 'onMenuCommand']);
    expect(Object.keys(bridge.calls).sort()).toEqual([...callNames].sort());
    expect(Object.isFrozen(bridge.calls)).toBe(true);
    expect(bridge.calls).not.toHaveProperty('invoke');
    expect(bridge.calls).not.toHaveProperty('send');
  });

  it('sends each call on its own channel', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const bridge = buildBridge(ipc);
    await bridge.calls['journeys.get']({ id: 'j1' });
    expect(invoked).toEqual([[channelOf('journeys.get'), [{ id: 'j1' }]]]);
  });

  it('forwards only known menu commands, and stops when asked', () => {
    const { ipc, listeners } = fakeIpcRenderer();
    const heard: string[] = [];
    const stop = buildBridge(ipc).onMenuCommand((command) => heard.push(command));
    listeners.get(menuChannel)!({}, 'undo');
    listeners.get(menuChannel)!({}, 'rm -rf');
    expect(heard).toEqual(['undo']);
    stop();
    expect(listeners.has(menuChannel)).toBe(false);
  });

  it('answers a close request only once the flush has settled, even when it failed', async () => {
    const { ipc, listeners, sent } = fakeIpcRenderer();
    let finish!: () => void;
    const stop = buildBridge(ipc).onCloseRequest(() => new Promise<void>((resolve) => (finish = resolve)));
    listeners.get(closeChannels.flush)!({});
    await Promise.resolve();
    expect(sent).toEqual([]);
    finish();
    await vi.waitFor(() => expect(sent).toEqual([closeChannels.flushed]));
    stop();
    expect(listeners.has(closeChannels.flush)).toBe(false);

    buildBridge(ipc).onCloseRequest(() => Promise.reject(new Error('disk full')));
    listeners.get(closeChannels.flush)!({});
    await vi.waitFor(() => expect(sent).toEqual([closeChannels.flushed, closeChannels.flushed]));
  });
});
