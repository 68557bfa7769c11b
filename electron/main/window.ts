import { BrowserWindow, shell } from 'electron';
import { guardNavigation } from './navigationGuard.ts';

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
  guardNavigation(window.webContents, options.rendererUrl, (url) => void shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.rendererUrl);
  return window;
}

