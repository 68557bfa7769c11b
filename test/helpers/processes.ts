import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
/** The installed command's entry, run by this Node as `journey-studio` would be. */
export const cli = resolve(root, 'bin/journey-studio.js');
/** Browser mode's entry (`npm run serve` without the build). */
export const serveEntry = resolve(root, 'electron/server/serve.ts');

/** `journey-studio run` on a workspace, passing quickly (20 ms) in batches of 250; stdout piped when asked. */
export function spawnRun(databasePath: string, stdout: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawn(process.execPath, [cli, '--db', databasePath, 'run', '--interval', '20', '--batch', '250'], { stdio: ['ignore', stdout, 'pipe'] });
}

/** Resolves when the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));
}

/** Everything a piped stream of the child has written so far, kept as it comes. */
export function collect(stream: NodeJS.ReadableStream | null): { text: string } {
  const out = { text: '' };
  stream?.on('data', (chunk: Buffer) => (out.text += chunk.toString()));
  return out;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
