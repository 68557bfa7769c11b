#!/usr/bin/env node
// The CLI runs the TypeScript services directly: Node strips the types (22.18+ by default, earlier behind a flag).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
if (process.features.typescript) {
  await import(entry);
} else {
  const result = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
