import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSampleFiles, type SampleFiles } from '../../electron/services/sample/writeSampleFiles.ts';

/**
 * The benchmark data set: the sample workspace as files (contacts.csv, events.jsonl), generated once per size
 * into a temporary folder (never into git) and reused by the import and segment benchmarks.
 * Sizes: BENCH_CONTACTS (default 1,000,000) and BENCH_EVENTS (default 10,000,000).
 */
export const benchContacts = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
export const benchEvents = Number(process.env.BENCH_EVENTS ?? 10_000_000);
/** A fixed clock, so the data and the counts are the same in every run. */
export const BENCH_NOW = Date.UTC(2026, 0, 15, 12);

export const benchRoot = join(tmpdir(), 'journey-studio-bench');
export const benchDir = join(benchRoot, `${benchContacts}-${benchEvents}`);

export async function sampleFiles(): Promise<Pick<SampleFiles, 'contactsCsv' | 'eventsJsonl'>> {
  const contactsCsv = join(benchDir, 'contacts.csv');
  const eventsJsonl = join(benchDir, 'events.jsonl');
  if (existsSync(contactsCsv) && existsSync(eventsJsonl)) return { contactsCsv, eventsJsonl };
  const work = `${benchDir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  console.error(`  writing ${benchContacts.toLocaleString('en-US')} contacts and up to ${benchEvents.toLocaleString('en-US')} events to ${benchDir}…`);
  await writeSampleFiles(work, { contacts: benchContacts, seed: 1, now: BENCH_NOW, eventLimit: benchEvents });
  rmSync(benchDir, { recursive: true, force: true });
  renameSync(work, benchDir);
  return { contactsCsv, eventsJsonl };
}

