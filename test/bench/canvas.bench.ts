import { writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/harness.ts';
import { startBrowserModeServer } from '../../electron/server/httpServer.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { benchJourney } from './benchJourney.ts';
import { sampleTemplates } from '../../electron/services/sample/sampleTemplates.ts';
import type { Bench, BenchResult } from './harness.ts';
import { pageTiming, watchRendering, type PageTiming } from './pageTiming.ts';

/**
 * The journey canvas with 500 steps in headless Chromium, beside a bare React Flow page showing the same graph
 * (built here with Vite, served by the same browser-mode server): time to first render and until the page settles
 * (pageTiming.ts), and frame times while panning and while dragging a step.
 */
const SIZE = 500;
const RENDERER = resolve(import.meta.dirname, '../../out/renderer');
const VIEWPORT = { width: 1600, height: 1000 };
/** Measured pairs after the warm-up: the machine is shared, so the median of several alternating pairs. */
const PAIRS = 5;

interface Figures extends PageTiming {
  panFrameMs: { median: number; p95: number };
  dragFrameMs: { median: number; p95: number };
}

async function recordFrames(page: Page, action: () => Promise<void>): Promise<{ median: number; p95: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await action();
  const stamps = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  return { median: deltas[Math.floor(deltas.length / 2)] ?? NaN, p95: deltas[Math.floor(deltas.length * 0.95)] ?? NaN };
}

async function pan(page: Page): Promise<void> {
  const pane = (await page.locator('.react-flow').boundingBox())!;
  // The left edge of the fitted view is empty pane (fitView leaves padding), so dragging there pans.
  const x = pane.x + 12;
  const y = pane.y + pane.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(x + i * 6, y + Math.sin(i / 6) * 40);
  await page.mouse.up();
}

async function drag(page: Page): Promise<void> {
  const box = (await page.locator('.react-flow__node[data-id="n_30"]').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(x + i * 4, y + i * 2);
  await page.mouse.up();
}

async function measure(page: Page, open: () => Promise<void>): Promise<Figures> {
  await page.addInitScript(watchRendering);
  await open();
  const timing = await pageTiming(page);
  const panFrameMs = await recordFrames(page, () => pan(page));
  await page.waitForTimeout(200);
  const dragFrameMs = await recordFrames(page, () => drag(page));
  return { ...timing, panFrameMs, dragFrameMs };
}

async function buildBarePage(outDir: string): Promise<void> {
  await build({
    root: resolve(import.meta.dirname, 'canvasBare'),
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
}

const bench: Bench = {
  name: 'canvas',
  async run(): Promise<BenchResult[]> {
    const doc = benchJourney(SIZE);
    const bareDir = mkdtempSync(join(tmpdir(), 'journey-studio-bare-'));
    await buildBarePage(bareDir);
    writeFileSync(join(bareDir, 'graph.json'), JSON.stringify({ nodes: doc.nodes.map((n) => ({ id: n.id, name: n.name })), edges: doc.edges, positions: doc.layout.positions }));

    const workspace = tempWorkspace();
    // A real template, so the journey is valid like one a marketer would publish (no problem list to draw).
    const template = sampleTemplates[0];
    workspace.services.templates.create(template.name, template.document, 't_bench');
    const journey = workspace.services.journeys.create('Benchmark: 500 steps', doc);
    const ours = await startBrowserModeServer({ handlers: workspace.handlers, staticDir: RENDERER });
    const bare = await startBrowserModeServer({ handlers: workspace.handlers, staticDir: bareDir });
    const browser = await launchChromium();
    try {
      const runs: Array<{ ours: Figures; bare: Figures }> = [];
      const loadBefore = loadavg()[0];
      // A warm-up pair, then the measured pairs, alternating so neither side gets a warmer machine.
      for (let round = 0; round <= PAIRS; round++) {
        // Each round opens the journey as drawn: the previous round's drag was autosaved, and a moved step changes
        // the fitted view, which the bare page (it keeps nothing) never sees.
        workspace.services.journeys.saveDraft(journey.id, doc);
        const oursPage = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
        // The token the app keeps from its first visit, so the journey opens from a blank tab like the bare page
        // (measuring a reload from the journeys list would count that page's unloading too).
        await oursPage.addInitScript((token) => sessionStorage.setItem('journey-studio-token', token), ours.token);
        const oursFigures = await measure(oursPage, () => oursPage.goto(`http://127.0.0.1:${ours.port}/#/journeys/${journey.id}`).then(() => undefined));
        await oursPage.context().close();
        const barePage = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
        const bareFigures = await measure(barePage, () => barePage.goto(`http://127.0.0.1:${bare.port}/`).then(() => undefined));
        await barePage.context().close();
        if (round > 0) runs.push({ ours: oursFigures, bare: bareFigures });
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const row = (name: string, pick: (f: Figures) => number, goal?: string, extra?: BenchResult['extra']): BenchResult => {
        const o = median(runs.map((r) => pick(r.ours)));
        const b = median(runs.map((r) => pick(r.bare)));
        return { name, unit: 'ms', ours: o, reference: b, referenceName: 'bare React Flow', ratio: o / b, goal, extra };
      };
      // Every pair and the machine's load (1-minute average, 2 cores shared), so a figure can be read against both.
      const pairs = (pick: (f: Figures) => number) => runs.map((r) => `${Math.round(pick(r.ours))}/${Math.round(pick(r.bare))}`).join(' ');
      const load = `${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}`;
      return [
        row(`first render, ${SIZE} steps`, (f) => f.firstRenderMs, '< 1000 ms and < 1.5x', { 'pairs (ours/bare ms)': pairs((f) => f.firstRenderMs), load }),
        row('settled (last long task ends)', (f) => f.settledMs, undefined, { 'pairs (ours/bare ms)': pairs((f) => f.settledMs) }),
        row('pan frame, median', (f) => f.panFrameMs.median),
        row('pan frame, p95', (f) => f.panFrameMs.p95),
        row('drag frame, median', (f) => f.dragFrameMs.median),
        row('drag frame, p95', (f) => f.dragFrameMs.p95),
      ];
    } finally {
      await browser.close();
      await ours.close();
      await bare.close();
      workspace.close();
      rmSync(bareDir, { recursive: true, force: true });
    }
  },
};

export default bench;
