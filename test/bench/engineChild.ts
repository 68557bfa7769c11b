/**
 * The engine benchmark's run, in a fresh process with the CLI's heap limit, so that its memory figures are the
 * engine's own and not the setup's (a million contacts written by the parent leave their garbage behind):
 * node --max-old-space-size=1024 engineChild.ts <database> <outbox>. Runs `run --once` over the workspace and prints
 * JSON: the time (wall and CPU), the tick report, the steps written, and the peak resident set, JS heap and mapped file pages.
 */
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import { createRunner } from '../../electron/services/engine/createRunner.ts';
import { OutboxSender } from '../../electron/services/engine/senders/outboxSender.ts';
import { peakMemory, time } from './harness.ts';

const [databasePath, outbox] = process.argv.slice(2);
const services = openWorkspace(databasePath);
const runner = createRunner(services, { sender: new OutboxSender(outbox), batchSize: 1000, onError: (e) => { throw e; } });
const cpuBefore = process.cpuUsage();
const { peakMb, peakHeapMb, peakFileMb, value: timed } = await peakMemory(() => time(() => runner.runOnce()));
const cpu = process.cpuUsage(cpuBefore);
await runner.close();
const steps = services.db.prepare('SELECT COUNT(*) FROM journey_steps').pluck().get() as number;
services.db.close();
process.stdout.write(JSON.stringify({ ms: timed.ms, cpuMs: (cpu.user + cpu.system) / 1000, report: timed.value, steps, peakMb, peakHeapMb, peakFileMb }));
