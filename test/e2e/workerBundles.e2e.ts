import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { writeSampleFiles } from '../../electron/services/sample/writeSampleFiles.ts';
import { resolveJourney } from '../../electron/services/simulation/journeySource.ts';
import { runImport } from '../../electron/services/import/importRunner.ts';
import { tempDir, tempWorkspace } from '../helpers/workspace.ts';
import { stable, threeDays } from '../helpers/deliveryRun.ts';

/**
 * The desktop app runs forecasts, reads imported files and prepares the engine's emails on worker bundles
 * electron-vite builds from forecastWorker.ts, readingWorker.ts, writingWorker.ts and preparationWorker.ts (imported with `?modulePath` in electron/main/index.ts). Electron itself
 * cannot run here, so this runs those built bundles as workers under Node, after `electron-vite build`, and
 * holds their results to the in-process ones.
 */
const MAIN = resolve(import.meta.dirname, '../../out/main');
const START = Date.parse('2026-03-10T10:00:00Z');

/** The one bundle built from `name`, after checking the main process wires it in as `wiredAs`. */
function builtBundle(name: string, wiredAs: RegExp): string {
  const bundles = readdirSync(resolve(MAIN, 'chunks')).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
  expect(bundles).toHaveLength(1);
  const main = readFileSync(resolve(MAIN, 'index.js'), 'utf8');
  expect(main).toContain(`"./chunks/${bundles[0]}"`);
  expect(main).toMatch(wiredAs);
  return resolve(MAIN, 'chunks', bundles[0]);
}

describe('the built delivery worker', () => {
  const cleanup: Array<() => void> = [];
  afterAll(() => cleanup.forEach((done) => done()));

  it("prepares exactly the emails the engine's own thread prepares", async () => {
    const bundle = builtBundle('preparationWorker', /deliveryWorker = /);
    const warn = vi.spyOn(console, 'warn');
    const inThisThread = await threeDays(null, cleanup);
    const built = await threeDays(bundle, cleanup);
    expect(inThisThread.length).toBeGreaterThan(20);
    expect(built.map(stable)).toEqual(inThisThread.map(stable));
    expect(warn).not.toHaveBeenCalled(); // the bundle ran: no fall back to the engine's thread
    warn.mockRestore();
  }, 30_000);
});

describe('the built forecast worker', () => {
  let workspace: ReturnType<typeof tempWorkspace>;
  beforeAll(() => {
    workspace = tempWorkspace(() => START);
    loadSample(workspace.services.db, { contacts: 1000, seed: 9, now: START });
  });
  afterAll(() => workspace.close());

  it('forecasts exactly what the in-process forecast gives', async () => {
    const bundle = builtBundle('forecastWorker', /forecasts\.workerEntry = /);
    const { forecasts } = workspace.services;
    const journey = resolveJourney(workspace.services, 'j_cart_abandonment', 'draft');
    const options = { start: START, days: 7, seed: 2 };

    forecasts.workerEntry = null;
    const single = await forecasts.wait(forecasts.start(journey, options));
    forecasts.workerEntry = bundle;
    forecasts.threads = 2;
    const built = await forecasts.wait(forecasts.start(journey, options));

    expect(built.status).toBe('done');
    expect(single.result!.simulated).toBeGreaterThan(0);
    expect({ ...built.result!, elapsedMs: 0 }).toEqual({ ...single.result!, elapsedMs: 0 });
  });
});

describe('the built import workers', () => {
  it('import the sample files into exactly the store an in-process import makes', async () => {
    const bundles = { reading: builtBundle('readingWorker', /imports\.threads = /), writing: builtBundle('writingWorker', /imports\.threads = /) };
    // A bundle that fails to start would be replaced by this thread, with a warning: none here.
    const warn = vi.spyOn(console, 'warn');
    const dir = tempDir();
    const files = await writeSampleFiles(dir.path, { contacts: 300, seed: 4, now: START });
    const stores = [null, bundles].map((threads) => {
      const workspace = tempWorkspace(() => START);
      return { workspace, threads };
    });
    try {
      const dumps = [];
      for (const { workspace, threads } of stores) {
        const { db } = workspace.services;
        for (const [kind, path] of [['contacts', files.contactsCsv], ['events', files.eventsJsonl]] as const) {
          const report = await runImport(db, { kind, path, now: () => START, threads, threadFromBytes: 0 });
          expect(report).toMatchObject({ status: 'done', skipped: 0 });
        }
        dumps.push({
          contacts: db.prepare('SELECT * FROM contacts ORDER BY id').all(),
          events: db.prepare('SELECT contact_id, name, occurred_at, properties FROM events ORDER BY id').all(),
        });
      }
      expect(dumps[0].contacts).toHaveLength(300);
      expect(dumps[1]).toEqual(dumps[0]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      for (const { workspace } of stores) workspace.close();
      dir.remove();
    }
  });
});
