import { rendererFile } from '../security/rendererFiles.ts';

/**
 * The desktop app's page comes from its own scheme, app://journey-studio/, rather than file:// (Electron's security
 * checklist): the page gets a real origin of its own, the CSP arrives as a header, and file:// pages' extra
 * privileges can be switched off by the grantFileProtocolExtraPrivileges fuse (electron-builder.yml).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'journey-studio';
export const appPageUrl = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The page to load: electron-vite's dev server under `npm run dev`, else the built renderer on the app's scheme. */
export function rendererLocation(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.ELECTRON_RENDERER_URL ?? appPageUrl;
}

/**
 * For protocol.registerSchemesAsPrivileged, before the app is ready: a standard scheme (relative URLs and an origin
 * resolve as for https) and a secure context; fetch is allowed so the page's module scripts load.
 */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const refusal = (status: number, message: string) => new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** protocol.handle's handler: the built renderer under `root`, read only, and nothing outside it. */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404, `no such page: ${request.url}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'the app’s files are only read');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return refusal(400, `not a path: ${url.pathname}`);
    }
    const file = await rendererFile(root, path);
    if (!file.ok) return refusal(file.status, file.message);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), { status: 200, headers: file.headers });
  };
}
