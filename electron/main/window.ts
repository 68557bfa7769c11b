import { BrowserWindow, shell, type WebContents } from 'electron';
import { join } from 'node:path';

/** The one main window, with the Electron security checklist applied. */
export function createMainWindow(options: { preload: string; rendererUrl: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Journey Studio',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  lockDown(window.webContents, options.rendererUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.rendererUrl);
  return window;
}

const isWebLink = (url: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};

/**
 * No navigation away from the app, no new windows. A link the user clicks opens in their browser, and only
 * if it is http(s): window.open and target=_blank arrive here from a click.
 */
function lockDown(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function rendererLocation(dirname: string): string {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  return devServer ?? `file://${join(dirname, '../renderer/index.html')}`;
}
