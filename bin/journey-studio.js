#!/usr/bin/env -S node --max-old-space-size=1024
// The CLI runs the TypeScript services directly: Node strips the types (22.18+ by default, earlier behind a flag).
//
// The line above gives the installed command a bounded JS heap (electron/main/heapLimit.ts says why and uses the
// same figure). It is set where Node starts, never by starting the CLI again from here: a second process would
// outlive a SIGKILL of the first and go on running the engine beside its restart.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
if (process.features.typescript) {
  await import(entry);
} else {
  const result = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
