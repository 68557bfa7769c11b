import { afterEach, describe, expect, it } from 'vitest';
import { registerContract, trustedFrameCheck, type IpcEventLike, type IpcMainLike } from './ipc.ts';
import { callNames, channelOf } from '../../shared/api/contract.ts';
import type { Envelope } from '../../shared/api/errors.ts';
import { tempWorkspace } from '../../test/helpers/workspace.ts';
import { appPageUrl } from './appProtocol.ts';

type Listener = (event: IpcEventLike, ...args: unknown[]) => Promise<Envelope>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

let workspace: ReturnType<typeof tempWorkspace> | undefined;
afterEach(() => workspace?.close());

const appPage = appPageUrl;

describe('IPC registration', () => {
  it('registers one channel per declared call and removes them all', () => {
    workspace = tempWorkspace();
    const { ipcMain, handlers } = fakeIpcMain();
    const unregister = registerContract(ipcMain, workspace.handlers, trustedFrameCheck(appPage));
    expect([...handlers.keys()].sort()).toEqual(callNames.map(channelOf).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('validates input and answers from the app’s own page', async () => {
    workspace = tempWorkspace();
    const { ipcMain, handlers } = fakeIpcMain();
    registerContract(ipcMain, workspace.handlers, trustedFrameCheck(appPage));
    const create = handlers.get(channelOf('journeys.create'))!;
    expect(await create({ senderFrame: { url: appPage } }, { name: 'Welcome' })).toMatchObject({ ok: true, value: { name: 'Welcome' } });
    expect(await create({ senderFrame: { url: appPage } }, { name: 7 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses input nested deeper than the limit, or one that holds itself, as invalid input rather than failing', async () => {
    workspace = tempWorkspace();
    const { ipcMain, handlers } = fakeIpcMain();
    registerContract(ipcMain, workspace.handlers, trustedFrameCheck(appPage));
    const update = handlers.get(channelOf('contacts.update'))!;
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1_000_000; i++) deep = { a: deep };
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    for (const attributes of [{ deep }, { loop }]) {
      const answer = await update({ senderFrame: { url: appPage } }, { id: 1, attributes });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^contacts\.update: attributes\.\w+\.\S*: the input is nested deeper than 64 levels$/) } });
    }
  });

  it('refuses calls from any other frame', async () => {
    workspace = tempWorkspace();
    const { ipcMain, handlers } = fakeIpcMain();
    registerContract(ipcMain, workspace.handlers, trustedFrameCheck(appPage));
    const list = handlers.get(channelOf('journeys.list'))!;
    // The packaged page before it had its own scheme, and any other file, are not the app.
    const filePage = 'file:///opt/Journey%20Studio/resources/app.asar/out/renderer/index.html';
    for (const url of ['https://evil.example/', 'app://elsewhere/index.html', 'file:///tmp/other.html', filePage, '']) {
      expect(await list({ senderFrame: { url } }, {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    }
    expect(await list({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('trusts the dev server by origin', () => {
    const trusted = trustedFrameCheck('http://localhost:5173/');
    expect(trusted('http://localhost:5173/#/journeys')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
  });
});
