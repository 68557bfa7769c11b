import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveDatabasePath } from '../store/location.ts';
import { openWorkspace } from '../services/workspace/openWorkspace.ts';
import { createHandlers } from '../services/handlers.ts';
import { browserHostHandlers } from './browserHost.ts';
import { startBrowserModeServer } from './httpServer.ts';
import { startBackgroundRunner } from '../services/engine/createRunner.ts';

/** `npm run serve`: the real UI against the real services, in any browser, on 127.0.0.1. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string', default: '5178' }, 'static-dir': { type: 'string' } },
  });
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const staticDir = resolve(values['static-dir'] ?? `${root}/out/renderer`);
  if (!existsSync(`${staticDir}/index.html`)) throw new Error(`no built renderer in ${staticDir}: run \`npm run build\` first`);
  const databasePath = resolveDatabasePath({ flag: values.db });
  const services = openWorkspace(databasePath);
  const server = await startBrowserModeServer({
    handlers: createHandlers(services, browserHostHandlers),
    staticDir,
    port: Number(values.port),
  });
  const runner = startBackgroundRunner(services, 'npm run serve');
  console.log(`Journey Studio (browser mode) on ${databasePath}`);
  console.log(`Open ${server.url}`);
  const stop = async () => {
    await server.close();
    await runner.close();
    services.db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`journey-studio serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
