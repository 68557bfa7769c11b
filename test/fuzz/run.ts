import { parseArgs } from 'node:util';
import { runApiFuzz } from './apiFuzz.ts';

/**
 * The long run of the fuzz test: `npm run test:fuzz -- --runs 20000 --seed N`. Prints each failure as it is found
 * (the run stops at the first), then the answers by door and status, and exits 1 when anything failed.
 */
const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' } } });
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: node test/fuzz/run.ts [--runs N] [--seed N]');
  process.exit(2);
}
const summary = await runApiFuzz({ runs, seed, log: (line) => console.error(line) });
const perSecond = Math.round((runs / summary.elapsedMs) * 1000);
console.log(`${runs} calls (seed ${seed}) in ${(summary.elapsedMs / 1000).toFixed(1)} s, ${perSecond} calls/s; slowest: ${summary.slowest.call} ${summary.slowest.ms} ms`);
console.log(`succeeded: ${summary.succeeded} calls, ${summary.distinctCallsSucceeded} distinct`);
console.log(`time: half-write checks ${(summary.checkMs / 1000).toFixed(1)} s; most in ${summary.timeByCall.map((t) => `${t.call} ${(t.ms / 1000).toFixed(1)} s`).join(', ')}`);
for (const [answer, count] of Object.entries(summary.answers).sort()) console.log(`  ${answer.padEnd(22)} ${count}`);
console.log(summary.failure ? `FAILED: ${summary.failure}` : 'no 500, no internal error, no half write, no hang, no crash');
process.exitCode = summary.failure ? 1 : 0;
