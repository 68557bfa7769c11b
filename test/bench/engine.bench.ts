import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchResult } from './harness.ts';
import { time } from './harness.ts';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyBuilder } from '../../electron/services/sample/journeyBuilder.ts';

const CONTACTS = Number(process.env.ENGINE_BENCH_CONTACTS ?? 100_000);

/**
 * 100k contacts through a five-step journey (trigger, email, update contact, email, exit) with the outbox
 * sender, in one `run --once` pass: every decision, step row, queued email, rendered and written email and sent mark.
 * Beside it, the same number of row writes done as bare prepared INSERTs in batched transactions, in the
 * same database file, in the same run: the floor the engine's bookkeeping sits on.
 */
const bench: Bench = {
  name: 'engine',
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'journey-studio-bench-'));
    try {
      const services = openWorkspace(join(dir, 'workspace.db'));
      const { db } = services;
      const writer = new ContactWriter(db);
      db.transaction(() => {
        for (let i = 0; i < CONTACTS; i++) writer.upsertContact({ email: `b${i}@bench.example`, first_name: `B${i}`, consent: 'subscribed', timezone: 'UTC', tags: ['bench'] });
      })();
      db.prepare(`INSERT INTO templates (id, name, document, created_at, updated_at) VALUES ('t_bench', 'Bench', ?, 0, 0)`).run(
        JSON.stringify({ fromName: 'Shop', fromEmail: 'shop@bench.example', replyTo: '', format: 'html', locale: 'en', content: { subject: 'Hello {{ first_name }}', preheader: 'News', body: '<p>Hi {{ first_name | default: "there" }}</p><p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>', text: '' }, variants: {} }),
      );
      const document = new JourneyBuilder()
        .add('n_trigger', 'trigger', 'Bench', { trigger: { type: 'tag-added', tag: 'bench' } })
        .add('n_a', 'email', 'First', { templateId: 't_bench', sendWindow: null })
        .add('n_tag', 'update-contact', 'Tag', { actions: [{ op: 'add-tag', tag: 'benched' }] })
        .add('n_b', 'email', 'Second', { templateId: 't_bench', sendWindow: null })
        .add('n_exit', 'exit', 'Done', {})
        .chain('n_trigger', 'n_a', 'n_tag', 'n_b', 'n_exit')
        .build();
      services.journeys.create('Bench', document, 'j_bench');
      services.journeys.publish('j_bench');

      db.close();
      // The run in a process of its own, as `journey-studio run --once` would be, with the CLI's heap limit.
      const child = join(import.meta.dirname, 'engineChild.ts');
      const measured = JSON.parse(
        execFileSync(process.execPath, ['--max-old-space-size=1024', child, join(dir, 'workspace.db'), join(dir, 'outbox')], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] }),
      ) as { ms: number; report: { decided: number; sent: number }; steps: number; cpuMs: number; peakMb: number; peakHeapMb: number; peakFileMb: number | null };
      const { peakMb, peakHeapMb, peakFileMb, report, steps } = measured;
      const timed = { ms: measured.ms };
      // The process's CPU time, all threads (the engine's, the delivery thread, libuv's): on a shared, loaded machine
      // it varies less than the wall time.
      const cpuMs = measured.cpuMs;
      // Rows the engine wrote: run inserts, run updates (one per decision), steps, queued emails, sent marks,
      // tags added, trigger-seen marks.
      const rowWrites = CONTACTS + report.decided + steps + 2 * report.sent + CONTACTS + CONTACTS;

      const { db: reopened } = openWorkspace(join(dir, 'workspace.db'));
      reopened.exec('CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL)');
      const insert = reopened.prepare('INSERT INTO bench_rows (run_id, reason, at) VALUES (?, ?, ?)');
      const batch = reopened.transaction((from: number, to: number) => {
        for (let i = from; i < to; i++) insert.run(`j_bench.${i}.1`, 'sent template t_bench', i);
      });
      const reference = await time(() => {
        for (let i = 0; i < rowWrites; i += 1000) batch(i, Math.min(i + 1000, rowWrites));
      });
      reopened.close();

      const seconds = timed.ms / 1000;
      const stepsPerSecond = steps / seconds;
      const referenceRowsPerSecond = rowWrites / (reference.ms / 1000);
      return [
        {
          name: `${CONTACTS.toLocaleString('en-US')} contacts, 5-step journey, outbox`,
          unit: 'steps/s',
          ours: stepsPerSecond,
          referenceName: `${rowWrites.toLocaleString('en-US')} bare row INSERTs`,
          reference: referenceRowsPerSecond,
          ratio: referenceRowsPerSecond / stepsPerSecond,
          extra: {
            seconds: Number(seconds.toFixed(1)),
            cpuSeconds: Number((cpuMs / 1000).toFixed(1)),
            steps,
            emails: report.sent,
            emailsPerSecond: Math.round(report.sent / seconds),
            rowWritesPerSecond: Math.round(rowWrites / seconds),
            referenceSeconds: Number((reference.ms / 1000).toFixed(2)),
          },
        },
        { name: 'peak RSS during the run (its own process, 1 GB heap limit)', unit: 'MB', ours: peakMb },
        { name: 'peak JS heap in use during the run', unit: 'MB', ours: peakHeapMb },
        ...(peakFileMb === null ? [] : [{ name: 'peak RSS mapped from files (database, program)', unit: 'MB', ours: peakFileMb }]),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
