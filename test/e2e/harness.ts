import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBrowserModeServer, type BrowserModeServer } from '../../electron/server/httpServer.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RENDERER = resolve(import.meta.dirname, '../../out/renderer');

/** Debian's Chromium, headless, with nothing that reaches for the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface RunningApp {
  page: Page;
  browser: Browser;
  server: BrowserModeServer;
  workspace: ReturnType<typeof tempWorkspace>;
  /** Opens the app (with the token) in the page. */
  open(path?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Browser mode on a fresh temporary workspace, driven by headless Chromium: the real UI, the real services,
 * a real SQLite file. Needs `npm run build` first (npm run test:e2e does it).
 */
export async function startApp(options: { sample?: { contacts: number; seed?: number }; viewport?: { width: number; height: number } } = {}): Promise<RunningApp> {
  if (!existsSync(`${RENDERER}/index.html`)) throw new Error('no built renderer: run `npm run build` first');
  const workspace = tempWorkspace();
  if (options.sample) loadSample(workspace.services.db, { contacts: options.sample.contacts, seed: options.sample.seed ?? 1 });
  const server = await startBrowserModeServer({ handlers: workspace.handlers, staticDir: RENDERER });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    page,
    browser,
    server,
    workspace,
    async open(path = '') {
      await page.goto(`http://127.0.0.1:${server.port}/${path}#token=${server.token}`);
    },
    async close() {
      await browser.close();
      await server.close();
      workspace.close();
      if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
}
