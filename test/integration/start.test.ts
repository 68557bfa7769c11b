import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const electronInstalled = existsSync(resolve(root, 'node_modules/electron/path.txt'));

describe('npm start without Electron’s binary', () => {
  // Where Electron is installed (a user's machine) this would open the app, so it only runs where it is not.
  it.skipIf(electronInstalled)('says so in one line and points to browser mode', () => {
    const result = spawnSync(process.execPath, [resolve(root, 'scripts/start.js')], {
      encoding: 'utf8',
      // A mirror on a closed local port makes the download fail at once, as it does with no network.
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ELECTRON_GET_USE_PROXY: '' },
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron could not be downloaded.*npm run serve/);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
