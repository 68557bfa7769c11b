import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dispatch, type Handlers } from '../../shared/api/dispatch.ts';
import type { ApiErrorShape, Envelope } from '../../shared/api/errors.ts';
import { rendererFile } from '../security/rendererFiles.ts';

export const TOKEN_HEADER = 'x-journey-studio-token';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface BrowserModeServer {
  server: Server;
  port: number;
  token: string;
  /** The address to open, with the token in the fragment (never sent to the server in a request line). */
  url: string;
  close(): Promise<void>;
}

const statusOf: Record<ApiErrorShape['code'], number> = {
  'unknown-call': 404,
  'invalid-input': 400,
  'not-found': 404,
  conflict: 409,
  refused: 409,
  unsupported: 501,
  internal: 500,
};

function sendJson(res: ServerResponse, status: number, body: Envelope): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, { ok: false, error: { code: 'refused', message } });

function sameSecret(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: the built renderer and the contract's calls, on 127.0.0.1 only. Every API request needs
 * the per-start token; every request needs a Host header naming this server, which defeats DNS rebinding.
 */
export async function startBrowserModeServer(options: {
  handlers: Handlers;
  staticDir: string;
  port?: number;
  token?: string;
}): Promise<BrowserModeServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, error instanceof Error ? error.message : String(error));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403, 'this server only answers to 127.0.0.1 and localhost');
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'API calls are POST requests');
      const given = req.headers[TOKEN_HEADER];
      if (!sameSecret(Array.isArray(given) ? given[0] : given, token)) return refuse(res, 401, 'missing or wrong token: open the address the server printed');
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : {};
      } catch (error) {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: `the request body is not JSON: ${(error as Error).message}` } });
      }
      const envelope = await dispatch(options.handlers, path.slice('/api/'.length), input);
      return sendJson(res, envelope.ok ? 200 : statusOf[envelope.error.code], envelope);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'only GET for files');
    await serveFile(options.staticDir, path, res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function serveFile(root: string, path: string, res: ServerResponse): Promise<void> {
  const file = await rendererFile(root, path);
  if (!file.ok) {
    if (file.status === 403) return refuse(res, 403, file.message);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(file.message);
    return;
  }
  res.writeHead(200, file.headers);
  res.end(file.body);
}
