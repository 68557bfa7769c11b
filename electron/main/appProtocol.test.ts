import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers/workspace.ts';
import { appPageUrl, appProtocolHandler, appSchemePrivileges, rendererLocation } from './appProtocol.ts';
import { contentSecurityPolicy } from '../security/csp.ts';

let dir: ReturnType<typeof tempDir>;
let root: string;
beforeEach(() => {
  dir = tempDir();
  root = join(dir.path, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Journey Studio</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log("app")');
  writeFileSync(join(dir.path, 'journey-studio.db'), 'the workspace, beside the app folder');
});
afterEach(() => dir.remove());

const get = (url: string, method = 'GET') => appProtocolHandler(root)(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('is where the desktop app loads its page from, not file://', () => {
    expect(rendererLocation({})).toBe('app://journey-studio/index.html');
    expect(rendererLocation({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toBe('http://localhost:5173/');
    expect(appSchemePrivileges).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it('serves the built page with the app’s CSP', async () => {
    const page = await get(appPageUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Journey Studio');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    const script = await get('app://journey-studio/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("app")');
  });

  it('never serves a file outside the app folder', async () => {
    for (const url of ['app://journey-studio/..%2Fjourney-studio.db', 'app://journey-studio/assets/..%2F..%2Fjourney-studio.db', 'app://journey-studio/%2e%2e/journey-studio.db']) {
      const res = await get(url);
      expect(await res.text(), url).not.toContain('the workspace');
      expect(res.headers.get('content-type') ?? '', url).not.toContain('octet-stream');
    }
    expect((await get('app://journey-studio/%E0%A4%A')).status).toBe(400);
  });

  it('answers only its own host, and only reads', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get(appPageUrl, 'POST')).status).toBe(405);
  });
});
