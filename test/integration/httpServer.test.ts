import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { startBrowserModeServer, TOKEN_HEADER, type BrowserModeServer } from '../../electron/server/httpServer.ts';
import { tempDir, tempWorkspace } from '../helpers/workspace.ts';
import { writeFileSync } from 'node:fs';

let server: BrowserModeServer | undefined;
let workspace: ReturnType<typeof tempWorkspace> | undefined;
let staticDir: ReturnType<typeof tempDir> | undefined;

afterEach(async () => {
  await server?.close();
  workspace?.close();
  staticDir?.remove();
});

async function start() {
  workspace = tempWorkspace();
  staticDir = tempDir();
  writeFileSync(`${staticDir.path}/index.html`, '<!doctype html><title>Journey Studio</title>');
  server = await startBrowserModeServer({ handlers: workspace.handlers, staticDir: staticDir.path });
  return server;
}

/** A raw request, so the test controls the Host header (fetch does not let it be set). */
function send(options: { path: string; method?: string; host?: string; token?: string; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server!.port,
        path: options.path,
        method: options.method ?? 'POST',
        headers: {
          host: options.host ?? `127.0.0.1:${server!.port}`,
          'content-type': 'application/json',
          ...(options.token ? { [TOKEN_HEADER]: options.token } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode server', () => {
  it('binds to 127.0.0.1 and prints a URL carrying the token', async () => {
    const { url, port, token } = await start();
    expect(url).toBe(`http://127.0.0.1:${port}/#token=${token}`);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(server!.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('answers a declared call given the token', async () => {
    const { token } = await start();
    await workspace!.client['journeys.create']({ name: 'Welcome' });
    const res = await send({ path: '/api/journeys.list', token, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: [{ name: 'Welcome' }] });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    await start();
    for (const token of [undefined, 'guess']) {
      const res = await send({ path: '/api/journeys.list', token, body: '{}' });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error.message).toMatch(/token/);
    }
  });

  it('refuses a foreign Host header, for files and calls alike (DNS rebinding)', async () => {
    const { token, port } = await start();
    for (const path of ['/', '/api/journeys.list']) {
      const res = await send({ path, token, host: `evil.example:${port}`, method: path === '/' ? 'GET' : 'POST' });
      expect(res.status).toBe(403);
    }
  });

  it('refuses an unknown call and input of the wrong types, saying where', async () => {
    const { token } = await start();
    const unknown = await send({ path: '/api/journeys.drop', token, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toMatchObject({ code: 'unknown-call' });

    const wrong = await send({ path: '/api/journeys.rename', token, body: '{"id": 3}' });
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.body).error.issues.map((i: { path: string }) => i.path)).toEqual(['id', 'name']);

    const notJson = await send({ path: '/api/journeys.list', token, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toMatch(/not JSON/);
  });

  it('answers 400 to a body nested 100,000 deep, every time, and still serves the next call', async () => {
    const { token } = await start();
    const body = `{"name": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (let i = 0; i < 2; i++) {
      const res = await send({ path: '/api/journeys.create', token, body });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error).toEqual({ code: 'invalid-input', message: 'the request body is nested deeper than 64 levels (at character 73), more than a call takes' });
    }
    expect((await send({ path: '/api/journeys.list', token, body: '{}' })).status).toBe(200);
  });

  it('answers 413 to a body over 64 MB, said before reading it all', async () => {
    const { token } = await start();
    const res = await send({ path: '/api/journeys.list', token, body: `{"search": "${'x'.repeat(64 * 1024 * 1024)}"}` });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toEqual({ code: 'invalid-input', message: 'the request body is larger than 64 MB, the most a call takes' });
  });

  it('answers 400 to a malformed % escape in the address, for calls and files alike', async () => {
    const { token } = await start();
    for (const [path, method] of [['/api/journeys.list%E0%A4%A', 'POST'], ['/assets/%zz.js', 'GET']]) {
      const res = await send({ path, method, token, body: method === 'POST' ? '{}' : undefined });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error).toEqual({ code: 'invalid-input', message: `the address ${JSON.stringify(path)} has a malformed % escape` });
    }
  });

  it('lets a page name no file on this machine: it can only hand over a file’s content', async () => {
    const { token } = await start();
    const byPath = await send({ path: '/api/exchange.importJourney', token, body: JSON.stringify({ file: { path: '/etc/passwd' } }) });
    expect(byPath.status).toBe(400);
    expect(JSON.parse(byPath.body).error.code).toBe('invalid-input');
    // Browser mode has no dialogs, so no token stands for a file here.
    const byToken = await send({ path: '/api/exchange.importJourney', token, body: JSON.stringify({ file: { picked: `pf_${'a'.repeat(24)}` } }) });
    expect(byToken.status).toBe(409);
    expect(JSON.parse(byToken.body).error.message).toMatch(/no file was picked in a dialog/);
  });

  it('serves the app with its CSP and never a file outside the app folder', async () => {
    await start();
    const page = await send({ path: '/', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Journey Studio');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const escape = await send({ path: '/../../../../etc/passwd', method: 'GET' });
    expect(escape.body).not.toContain('root:');
  });
});
