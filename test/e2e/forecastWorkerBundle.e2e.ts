import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { resolveJourney } from '../../electron/services/simulation/journeySource.ts';
import { tempWorkspace } from '../helpers/workspace.ts';

/**
 * The desktop app runs forecasts on the worker bundle electron-vite builds from forecastWorker.ts (imported
 * with `?modulePath` in electron/main/index.ts). Electron itself cannot run here, so this runs that built
 * bundle as the worker under Node, after `electron-vite build`, and holds its numbers to the in-process ones.
 */
const MAIN = resolve(import.meta.dirname, '../../out/main');
const START = Date.parse('2026-03-10T10:00:00Z');
let workspace: ReturnType<typeof tempWorkspace>;

beforeAll(() => {
  workspace = tempWorkspace(() => START);
  loadSample(workspace.services.db, { contacts: 1000, seed: 9, now: START });
});
afterAll(() => workspace.close());

describe('the built forecast worker', () => {
  it('is bundled beside the main process and wired in by it', () => {
    const bundles = readdirSync(resolve(MAIN, 'chunks')).filter((f) => /^forecastWorker-.*\.js$/.test(f));
    expect(bundles).toHaveLength(1);
    const main = readFileSync(resolve(MAIN, 'index.js'), 'utf8');
    expect(main).toContain(`"./chunks/${bundles[0]}"`);
    expect(main).toMatch(/forecasts\.workerEntry = /);
  });

  it('forecasts exactly what the in-process forecast gives', async () => {
    const bundle = resolve(MAIN, 'chunks', readdirSync(resolve(MAIN, 'chunks')).find((f) => f.startsWith('forecastWorker-'))!);
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
