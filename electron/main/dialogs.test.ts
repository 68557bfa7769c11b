import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempWorkspace } from '../../test/helpers/workspace.ts';
import { createHandlers } from '../services/handlers.ts';
import { createClient } from '../../shared/api/client.ts';
import { dispatch } from '../../shared/api/dispatch.ts';
import { desktopHostHandlers, type NativeDialogs } from './dialogs.ts';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => (ws = tempWorkspace()));
afterEach(() => ws.close());

/** The desktop host over native dialogs that answer what the user would pick next (undefined: they cancel). */
function desktop() {
  const choices: Array<string | undefined> = [];
  const dialogs = {
    showOpenDialog: async () => {
      const path = choices.shift();
      return { canceled: path === undefined, filePaths: path ? [path] : [] };
    },
    showSaveDialog: async () => {
      const path = choices.shift();
      return { canceled: path === undefined, filePath: path ?? '' };
    },
  } as unknown as NativeDialogs;
  const handlers = createHandlers(ws.services, desktopHostHandlers(() => undefined, dialogs, ws.services.pickedFiles));
  const client = createClient((name, input) => dispatch(handlers, name, input));
  const pick = async (kind: 'openFile' | 'saveFile', path: string | undefined) => {
    choices.push(path);
    const { file } = kind === 'openFile' ? await client['dialogs.openFile']({ title: 'Open' }) : await client['dialogs.saveFile']({ title: 'Save', defaultName: 'x.json' });
    return file;
  };
  return { client, pick };
}

describe('files the page can reach', () => {
  it('are only the ones the user picked in a dialog', async () => {
    const { client, pick } = desktop();
    const { id } = await client['journeys.create']({ name: 'Welcome' });
    const journeyFile = join(ws.dir, 'welcome.journey.json');
    writeFileSync(journeyFile, (await client['exchange.exportJourney']({ id })).text);
    await client['journeys.delete']({ id });

    // A page naming a path itself, as it could before: nothing is read, nothing is written.
    await expect(client['exchange.importJourney']({ file: { path: journeyFile } } as never)).rejects.toThrow(/invalid|expected/i);
    const unpicked = join(ws.dir, 'overwritten.json');
    const backup = await client['exchange.exportWorkspace']({ path: unpicked } as never);
    expect(backup.path).toBeNull();
    expect(existsSync(unpicked)).toBe(false);
    await expect(client['exchange.restoreWorkspace']({ file: { picked: `pf_${'x'.repeat(24)}` } })).rejects.toThrow(/no file was picked in a dialog/);
    expect(await client['journeys.list']({})).toEqual([]);

    const opened = await pick('openFile', journeyFile);
    expect(opened).toMatchObject({ path: journeyFile, token: expect.stringMatching(/^pf_/) });
    expect(await client['exchange.importJourney']({ file: { picked: opened!.token } })).toMatchObject({ outcome: 'imported', journey: { name: 'Welcome' } });

    const saved = await pick('saveFile', join(ws.dir, 'backup.json'));
    expect(await client['exchange.exportWorkspace']({ saveTo: saved!.token })).toMatchObject({ path: saved!.path, text: null });
    expect(JSON.parse(readFileSync(saved!.path, 'utf8')).journeys).toHaveLength(1);
  });

  it('are read only when picked to open, written only when picked to save', async () => {
    const { client, pick } = desktop();
    const notes = join(ws.dir, 'notes.json');
    writeFileSync(notes, 'my notes');
    const opened = await pick('openFile', notes);
    await expect(client['exchange.exportWorkspace']({ saveTo: opened!.token })).rejects.toThrow(/picked to be read, so it cannot be written/);
    expect(readFileSync(notes, 'utf8')).toBe('my notes');

    const saved = await pick('saveFile', join(ws.dir, 'out.json'));
    await expect(client['exchange.restoreWorkspace']({ file: { picked: saved!.token } })).rejects.toThrow(/picked to be written, so it cannot be read/);
    await expect(client['contacts.previewImport']({ kind: 'contacts', source: { picked: saved!.token } })).rejects.toThrow(/cannot be read/);
  });

  it('answers null when the user cancels', async () => {
    const { pick } = desktop();
    expect(await pick('openFile', undefined)).toBeNull();
    expect(await pick('saveFile', undefined)).toBeNull();
  });
});
