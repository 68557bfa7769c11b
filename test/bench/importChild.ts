/**
 * Runs one import in a fresh process, so that its peak memory is its own: node importChild.ts <db> <kind> <file>.
 * Prints {"ms", "cpuMs", "rows", "skipped", "peakMb"} as JSON (cpuMs: user + system CPU time of the whole process).
 */
import { openDatabase } from '../../electron/store/database.ts';
import { runImport } from '../../electron/services/import/importRunner.ts';

const [database, kind, file, now] = process.argv.slice(2);
const db = openDatabase(database);
const started = performance.now();
const report = await runImport(db, { kind: kind as 'contacts' | 'events', path: file, now: () => Number(now) });
// Closing checkpoints the write-ahead log into the database file, as sqlite3's own import does before it exits.
db.close();
const ms = performance.now() - started;
if (report.status !== 'done') throw new Error(`import ${report.status}: ${report.error}`);
const usage = process.resourceUsage();
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, rows: report.rowsRead, skipped: report.skipped, peakMb: usage.maxRSS / 1024 })}\n`);
