#!/usr/bin/env node
// The CLI runs the TypeScript services directly: Node strips the types (22.18+ by default, earlier behind a flag).
//
// It runs with a bounded JS heap. The engine works in bounded batches and needs far less, but V8 lets the heap of a
// busy process grow towards its default limit (a quarter of the machine's memory) before it collects in earnest, so
// `run` on a million contacts would otherwise sit on gigabytes it does not need. A limit can only be set when Node
// starts, so the CLI starts itself again with one unless it already has one (or NODE_OPTIONS names one).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The heap limit, in MB: the desktop app's main process uses the same (electron/main/heapLimit.ts). */
const HEAP_LIMIT_MB = 1024;

const entry = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const hasHeapLimit = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('--max-old-space-size'));
if (process.features.typescript && hasHeapLimit) {
  await import(entry);
} else {
  const flags = [...(process.features.typescript ? [] : ['--experimental-strip-types', '--no-warnings']), `--max-old-space-size=${HEAP_LIMIT_MB}`];
  const result = spawnSync(process.execPath, [...flags, ...process.execArgv, entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
}
