import type { BrowserWindow, Dialog } from 'electron';
import type { HostHandlers } from '../services/handlers.ts';
import type { PickedFiles } from '../services/pickedFiles.ts';

/** The part of Electron's dialog module used here, so tests can pass a fake. */
export type NativeDialogs = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;

/**
 * The contract's dialog calls, answered with the native dialogs. What the user picks is registered in `picked`,
 * and the page gets its token: the calls that read or write a file take only such a token.
 */
export function desktopHostHandlers(window: () => BrowserWindow | undefined, dialog: NativeDialogs, picked: PickedFiles): HostHandlers {
  return {
    'dialogs.openFile': async ({ title, filters }) => {
      const owner = window();
      const options = { title, filters, properties: ['openFile' as const] };
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      const path = result.canceled ? undefined : result.filePaths[0];
      return { file: path ? picked.add(path, 'read') : null };
    },
    'dialogs.saveFile': async ({ title, defaultName, filters }) => {
      const owner = window();
      const options = { title, defaultPath: defaultName, filters };
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      const path = result.canceled ? undefined : result.filePath;
      return { file: path ? picked.add(path, 'write') : null };
    },
  };
}
