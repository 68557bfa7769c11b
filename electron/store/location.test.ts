import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { dbFlagFrom, defaultDataFolder, resolveDatabasePath } from './location.ts';

describe('where the database lives', () => {
  it('prefers --db, then JOURNEY_STUDIO_DB, then the app data folder', () => {
    const env = { JOURNEY_STUDIO_DB: '/env/workspace.db', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDatabasePath({ flag: '/flag.db', env })).toBe('/flag.db');
    expect(resolveDatabasePath({ env })).toBe('/env/workspace.db');
    expect(resolveDatabasePath({ env: {}, dataFolder: '/data' })).toBe(join('/data', 'journey-studio.db'));
  });

  it('uses the same folder Electron calls userData', () => {
    expect(defaultDataFolder('linux', { XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/Journey Studio');
    expect(defaultDataFolder('linux', {})).toBe(join(homedir(), '.config', 'Journey Studio'));
    expect(defaultDataFolder('darwin', {})).toBe(join(homedir(), 'Library', 'Application Support', 'Journey Studio'));
  });

  it('reads --db in both spellings', () => {
    expect(dbFlagFrom(['electron', '.', '--db', '/a.db'])).toBe('/a.db');
    expect(dbFlagFrom(['--db=/b.db'])).toBe('/b.db');
    expect(dbFlagFrom(['--other'])).toBeUndefined();
  });
});
