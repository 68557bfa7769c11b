import { dialog, type BrowserWindow } from 'electron';
import type { HostHandlers } from '../services/handlers.ts';

/** The contract's dialog calls, answered with the native dialogs. */
export function desktopHostHandlers(window: () => BrowserWindow | undefined): HostHandlers {
  return {
    'dialogs.openFile': async ({ title, filters }) => {
      const owner = window();
      const options = { title, filters, properties: ['openFile' as const] };
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
    'dialogs.saveFile': async ({ title, defaultName, filters }) => {
      const owner = window();
      const options = { title, defaultPath: defaultName, filters };
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return { path: result.canceled ? null : (result.filePath ?? null) };
    },
  };
}
