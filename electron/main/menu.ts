import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/contract.ts';

/**
 * The application menu as data, so it can be checked without Electron. Edit commands go to the renderer,
 * which owns undo history and the canvas selection; the native roles would act on text fields only.
 */
export function menuTemplate(options: {
  isMac: boolean;
  isDev: boolean;
  send: (command: MenuCommand) => void;
  openHelp: () => void;
}): MenuItemConstructorOptions[] {
  const { isMac, isDev, send } = options;
  const command = (label: string, accelerator: string, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(name),
  });
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        command('New journey', 'CmdOrCtrl+N', 'new-journey'),
        { type: 'separator' },
        command('Import…', 'CmdOrCtrl+O', 'import'),
        command('Export…', 'CmdOrCtrl+E', 'export'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        command('Undo', 'CmdOrCtrl+Z', 'undo'),
        command('Redo', 'Shift+CmdOrCtrl+Z', 'redo'),
        { type: 'separator' },
        command('Cut', 'CmdOrCtrl+X', 'cut'),
        command('Copy', 'CmdOrCtrl+C', 'copy'),
        command('Paste', 'CmdOrCtrl+V', 'paste'),
        command('Select all', 'CmdOrCtrl+A', 'select-all'),
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDev ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'help', submenu: [{ label: 'Journey Studio on the web', click: options.openHelp }] },
  ];
}
