import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { menuChannel } from '../../shared/api/contract.ts';
import { dbFlagFrom, resolveDatabasePath } from '../store/location.ts';
import { openWorkspace } from '../services/workspace/openWorkspace.ts';
import { createHandlers } from '../services/handlers.ts';
import { contentSecurityPolicy } from '../security/csp.ts';
import { registerContract, trustedFrameCheck } from './ipc.ts';
import { createMainWindow } from './window.ts';
import { APP_SCHEME, appProtocolHandler, appSchemePrivileges, rendererLocation } from './appProtocol.ts';
import { flushBeforeClose } from './closeGuard.ts';
import { desktopHostHandlers } from './dialogs.ts';
import { menuTemplate } from './menu.ts';
import { SafeStorageSecrets } from './safeStorageSecrets.ts';
import { heapLimitMarker, relaunchForHeapLimit } from './heapLimit.ts';
import { startBackgroundRunner } from '../services/engine/createRunner.ts';
import forecastWorker from '../services/simulation/forecastWorker.ts?modulePath';
import importReadingWorker from '../services/import/readingWorker.ts?modulePath';
import importWritingWorker from '../services/import/writingWorker.ts?modulePath';
import deliveryWorker from '../services/engine/preparationWorker.ts?modulePath';

const here = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | undefined;

// Schemes can only be made privileged before the app is ready.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

const heapLimitRelaunch = app.isPackaged ? relaunchForHeapLimit(process.argv, process.env) : undefined;
if (heapLimitRelaunch) {
  // Before the single-instance lock, so that the relaunch takes it.
  process.env[heapLimitMarker] = '1';
  app.relaunch({ args: heapLimitRelaunch });
  app.exit(0);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error(error);
    app.exit(1);
  });
}

function start(): void {
  const databasePath = resolveDatabasePath({ flag: dbFlagFrom(process.argv), dataFolder: app.getPath('userData') });
  const services = openWorkspace(databasePath);
  services.secrets = new SafeStorageSecrets(services.db, safeStorage);
  // The built worker bundles: forecasts, the reading and writing of imported files, and the preparation of the
  // engine's emails run off the main process's thread.
  services.forecasts.workerEntry = forecastWorker;
  services.imports.threads = { reading: importReadingWorker, writing: importWritingWorker };
  services.deliveryWorker = deliveryWorker;
  const rendererUrl = rendererLocation();
  protocol.handle(APP_SCHEME, appProtocolHandler(join(here, '../renderer')));

  // app:// answers carry the CSP already; this gives it to electron-vite's dev server page under `npm run dev` too.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  registerContract(ipcMain, createHandlers(services, desktopHostHandlers(() => mainWindow, dialog, services.pickedFiles)), trustedFrameCheck(rendererUrl));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isMac: process.platform === 'darwin',
        isDev: !app.isPackaged,
        send: (command) => mainWindow?.webContents.send(menuChannel, command),
        openHelp: () => void shell.openExternal('https://github.com/journey-studio/journey-studio#readme'),
      }),
    ),
  );

  const open = () => {
    mainWindow = createMainWindow({ preload: join(here, '../preload/index.cjs'), rendererUrl });
    flushBeforeClose(mainWindow, ipcMain);
    mainWindow.on('closed', () => (mainWindow = undefined));
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let runner: { close(): Promise<void> } | undefined = startBackgroundRunner(services, 'the desktop app');
  app.on('will-quit', (event) => {
    if (runner) {
      event.preventDefault();
      const stopping = runner;
      runner = undefined;
      void stopping.close().finally(() => {
        services.db.close();
        app.quit();
      });
      return;
    }
    if (services.db.open) services.db.close();
  });
}
