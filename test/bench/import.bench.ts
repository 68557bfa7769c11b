import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench, BenchResult } from './harness.ts';
import { BENCH_NOW, benchContacts, benchDir, sampleFiles } from './benchData.ts';

const child = join(import.meta.dirname, 'importChild.ts');

function importInChild(database: string, kind: 'contacts' | 'events', file: string) {
  const out = execFileSync(process.execPath, [child, database, kind, file, String(BENCH_NOW)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as { ms: number; cpuMs: number; rows: number; skipped: number; peakMb: number };
}

/** sqlite3's own CSV import of the same file into a table with the same unique index on email, timed with its peak memory. */
function sqliteCliImport(file: string): { ms: number; cpuMs: number; peakMb: number } | undefined {
  if (spawnSync('sqlite3', ['-version']).status !== 0) return undefined;
  const database = join(benchDir, 'reference.db');
  rmSync(database, { force: true });
  const script = [
    'PRAGMA journal_mode = WAL;',
    'PRAGMA synchronous = NORMAL;',
    `CREATE TABLE contacts (email TEXT NOT NULL COLLATE NOCASE UNIQUE, first_name TEXT, last_name TEXT, phone TEXT, country TEXT, timezone TEXT, locale TEXT, consent TEXT, tags TEXT, signup_date TEXT, plan TEXT, birthday TEXT);`,
    '.mode csv',
    `.import --skip 1 ${file} contacts`,
  ].join('\n');
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'sqlite3', database], { input: script, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`sqlite3 failed: ${run.stderr}`);
  const [peakKb, user, system] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  rmSync(database, { force: true });
  return { ms, cpuMs: (user + system) * 1000, peakMb: peakKb / 1024 };
}

const bench: Bench = {
  name: 'import',
  async run() {
    const files = await sampleFiles();
    // Per process: another worktree may run the same sizes at the same time.
    const database = join(benchDir, `import-run-${process.pid}.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
    const results: BenchResult[] = [];

    const contacts = importInChild(database, 'contacts', files.contactsCsv);
    const reference = sqliteCliImport(files.contactsCsv);
    const ours = contacts.rows / (contacts.ms / 1000);
    results.push({
      name: `import ${contacts.rows.toLocaleString('en-US')} contacts (CSV)`,
      unit: 'rows/s',
      ours,
      ...(reference
        ? { reference: contacts.rows / (reference.ms / 1000), referenceName: 'sqlite3 .import', ratio: contacts.rows / (reference.ms / 1000) / ours }
        : { referenceName: 'sqlite3 CLI not installed: no reference' }),
      goal: 'within 1.5x',
      extra: { ms: Math.round(contacts.ms), skipped: contacts.skipped },
    });
    // Wall time on a shared machine follows the other processes' load; CPU time is each side's own work.
    results.push({
      name: 'import contacts: CPU time',
      unit: 'ms',
      ours: contacts.cpuMs,
      ...(reference ? { reference: reference.cpuMs, referenceName: 'sqlite3 .import', ratio: contacts.cpuMs / reference.cpuMs } : {}),
    });
    results.push({
      name: 'import contacts: peak memory',
      unit: 'MB',
      ours: contacts.peakMb,
      ...(reference ? { reference: reference.peakMb, referenceName: 'sqlite3 .import', ratio: contacts.peakMb / reference.peakMb } : {}),
      goal: 'under 400 MB',
    });

    const events = importInChild(database, 'events', files.eventsJsonl);
    results.push({
      name: `import ${events.rows.toLocaleString('en-US')} events (JSON Lines)`,
      unit: 'rows/s',
      ours: events.rows / (events.ms / 1000),
      referenceName: 'no reference (sqlite3 cannot resolve emails or de-duplicate)',
      extra: { ms: Math.round(events.ms), skipped: events.skipped, contacts: benchContacts },
    });
    results.push({ name: 'import events: peak memory', unit: 'MB', ours: events.peakMb, goal: 'under 400 MB' });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
    return results;
  },
};

export default bench;
