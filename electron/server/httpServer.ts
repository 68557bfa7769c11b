import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dispatch, type Handlers } from '../../shared/api/dispatch.ts';
import type { ApiErrorShape, Envelope } from '../../shared/api/errors.ts';
import { rendererFile } from '../security/rendererFiles.ts';
import { excessDepthOffset, MAX_BODY_BYTES, MAX_JSON_DEPTH, megabytes } from '../../shared/limits.ts';

export const TOKEN_HEADER = 'x-journey-studio-token';

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

const invalid = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, { ok: false, error: { code: 'invalid-input', message } });

/** A body over the limit: the rest of it is not worth reading. */
class BodyTooLarge extends Error {}

function sameSecret(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request's path, decoded; null when it cannot be (a malformed % escape). */
function requestPath(req: IncomingMessage): string | null {
  try {
    return decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return null;
  }
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
    const path = requestPath(req);
    if (path === null) return invalid(res, 400, `the address ${JSON.stringify((req.url ?? '').slice(0, 200))} has a malformed % escape`);
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'API calls are POST requests');
      const given = req.headers[TOKEN_HEADER];
      if (!sameSecret(Array.isArray(given) ? given[0] : given, token)) return refuse(res, 401, 'missing or wrong token: open the address the server printed');
      let body: string;
      try {
        body = await readBody(req);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        // Said before the rest of the body is read, if ever: the connection closes after the answer.
        res.setHeader('connection', 'close');
        invalid(res, 413, `the request body is larger than ${megabytes(MAX_BODY_BYTES)}, the most a call takes`);
        req.resume();
        return;
      }
      // Checked on the text, before JSON.parse: whatever walks the value after (the file-path check, zod) recurses.
      const tooDeep = excessDepthOffset(body, MAX_JSON_DEPTH);
      if (tooDeep !== null) return invalid(res, 400, `the request body is nested deeper than ${MAX_JSON_DEPTH} levels (at character ${tooDeep + 1}), more than a call takes`);
      let input: unknown;
      try {
        input = body ? JSON.parse(body) : {};
      } catch (error) {
        return invalid(res, 400, `the request body is not JSON: ${(error as Error).message}`);
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
