import type { Command } from 'commander';
import { resolveDatabasePath } from '../store/location.ts';
import { openWorkspace } from '../services/workspace/openWorkspace.ts';
import type { Services } from '../services/services.ts';

/** An error the user caused (a bad file, a missing journey): printed as one line, with its exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Opens the workspace named by the global --db (or the environment, or the default) for one command. */
export function withWorkspace<T>(command: Command, run: (services: Services) => T | Promise<T>): Promise<T> {
  const db = command.optsWithGlobals<{ db?: string }>().db;
  const services = openWorkspace(resolveDatabasePath({ flag: db }));
  return Promise.resolve()
    .then(() => run(services))
    .finally(() => services.db.close());
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
