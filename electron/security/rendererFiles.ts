import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from './csp.ts';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export type RendererFile = { ok: true; body: Buffer; headers: Record<string, string> } | { ok: false; status: 403 | 404; message: string };

/**
 * A file of the built renderer, by the decoded path of a request, for both hosts of the page: the desktop app's
 * app:// protocol and browser mode's server. Never a file outside `root` (a path climbing out of it with `..`, in
 * whatever encoding, is refused); the app is a single page, so a path naming no file gets index.html. Every
 * answer carries the app's Content Security Policy.
 */
export async function rendererFile(root: string, path: string): Promise<RendererFile> {
  const base = resolve(root);
  const relative = normalize(path).replace(/^([/\\])+/, '');
  let file = join(base, relative);
  if (!file.startsWith(base + sep) && file !== base) return { ok: false, status: 403, message: 'outside the app folder' };
  const info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) file = join(base, 'index.html');
  const body = await readFile(file).catch(() => null);
  if (!body) return { ok: false, status: 404, message: 'Not found. Has the renderer been built? Run `npm run build`.' };
  return {
    ok: true,
    body,
    headers: {
      'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    },
  };
}
