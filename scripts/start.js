#!/usr/bin/env node
// `npm start`: build, then open the desktop app. Electron fetches its binary on first run; where that cannot
// happen (no network), say so in one line and point to browser mode instead of printing a stack trace.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const electronVite = fileURLToPath(new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url));
// Requiring 'electron' from Node returns the binary's path, downloading it first if needed.
const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (probe.status !== 0 || !probe.stdout) {
  console.error('Electron could not be downloaded or started on this machine (no network?): run `npm run serve` to use Journey Studio in your browser instead.');
  process.exit(1);
}

const build = spawnSync(process.execPath, [electronVite, 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// The main process's heap limit (electron/main/heapLimit.ts): given at start, as Electron requires.
const app = spawnSync(probe.stdout, ['.', '--js-flags=--max-old-space-size=1024', ...process.argv.slice(2)], { stdio: 'inherit' });
if (app.error) {
  console.error(`Electron could not start (${app.error.message}): run \`npm run serve\` to use Journey Studio in your browser instead.`);
  process.exit(1);
}
process.exit(app.status ?? 0);
