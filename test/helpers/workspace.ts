import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import { createHandlers } from '../../electron/services/handlers.ts';
import { browserHostHandlers } from '../../electron/server/browserHost.ts';
import { createClient } from '../../shared/api/client.ts';
import { dispatch } from '../../shared/api/dispatch.ts';
import type { Services } from '../../electron/services/services.ts';

/** A real workspace on a temporary SQLite file, with the handlers and a client that calls them directly. */
export function tempWorkspace(now?: () => number) {
  const dir = mkdtempSync(join(tmpdir(), 'journey-studio-test-'));
  const databasePath = join(dir, 'workspace.db');
  const services: Services = openWorkspace(databasePath, now);
  const handlers = createHandlers(services, browserHostHandlers);
  const client = createClient((name, input) => dispatch(handlers, name, input));
  return {
    dir,
    databasePath,
    services,
    handlers,
    client,
    close() {
      services.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'journey-studio-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
