import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATABASE_ENV = 'JOURNEY_STUDIO_DB';
export const DATABASE_FILE = 'journey-studio.db';
const APP_FOLDER = 'Journey Studio';

/**
 * The folder Electron calls userData for this app, computed the same way without Electron, so that the
 * CLI and browser mode open the very file the desktop app uses.
 */
export function defaultDataFolder(platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_FOLDER);
}

/** --db wins over JOURNEY_STUDIO_DB, which wins over the data folder. */
export function resolveDatabasePath(options: { flag?: string; env?: NodeJS.ProcessEnv; dataFolder?: string } = {}): string {
  const env = options.env ?? process.env;
  if (options.flag) return options.flag;
  if (env[DATABASE_ENV]) return env[DATABASE_ENV];
  return join(options.dataFolder ?? defaultDataFolder(process.platform, env), DATABASE_FILE);
}

/** The value of a `--db <file>` or `--db=<file>` argument, if any. */
export function dbFlagFrom(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db') return argv[i + 1];
    if (argv[i].startsWith('--db=')) return argv[i].slice('--db='.length);
  }
  return undefined;
}
