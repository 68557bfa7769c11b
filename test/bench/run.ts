import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Bench, BenchResult } from './harness.ts';

/**
 * `npm run bench [name...]`: runs every benchmark listed here (or those named), prints one table and writes
 * .bench/results.json. Each benchmark measures a reference in the same run and reports the ratio.
 */
const benches: Array<() => Promise<{ default: Bench }>> = [
  () => import('./journeyFiles.bench.ts'),
  () => import('./import.bench.ts'),
  () => import('./segments.bench.ts'),
  () => import('./templates.bench.ts'),
  () => import('./canvas.bench.ts'),
  () => import('./simulation.bench.ts'),
  () => import('./results.bench.ts'),
  () => import('./engine.bench.ts'),
  () => import('./delivery.bench.ts'),
];

const wanted = process.argv.slice(2);
const results: Array<BenchResult & { bench: string }> = [];
for (const load of benches) {
  const bench = (await load()).default;
  if (wanted.length && !wanted.includes(bench.name)) continue;
  console.error(`running ${bench.name}…`);
  for (const result of await bench.run()) results.push({ bench: bench.name, ...result });
}

const fmt = (n: number | undefined) => (n === undefined ? '' : n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
const rows = results.map((r) => [r.bench, r.name, r.unit, fmt(r.ours), r.referenceName ?? '', fmt(r.reference), r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`, r.goal ?? '']);
const header = ['bench', 'measure', 'unit', 'ours', 'reference', 'ref', 'ratio', 'goal'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));

const out = resolve(import.meta.dirname, '../../.bench');
mkdirSync(out, { recursive: true });
writeFileSync(`${out}/results.json`, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
console.log(`\nwritten to .bench/results.json`);
