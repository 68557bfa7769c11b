import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchResult } from './harness.ts';
import { peakMemory } from './harness.ts';
import { outboxFiles } from '../helpers/outbox.ts';
import { footer, makeContacts, NOW, template } from './templates.bench.ts';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import type { Services } from '../../electron/services/services.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyBuilder } from '../../electron/services/sample/journeyBuilder.ts';
import { createRunner } from '../../electron/services/engine/createRunner.ts';
import { OutboxSender } from '../../electron/services/engine/senders/outboxSender.ts';
import { readSendingSettings } from '../../electron/services/engine/sendingSettings.ts';
import { UnsubscribeLinks } from '../../electron/services/engine/unsubscribe.ts';

const EMAILS = Number(process.env.DELIVERY_BENCH_EMAILS ?? 100_000);
/** The runner's default batch (`journey-studio run --batch`): deliverDue is called with it after each decided batch. */
const BATCH = 500;

interface Timed {
  wallMs: number;
  /** CPU time of the whole process (every thread), user and kernel. */
  cpuMs: number;
  /** The kernel's part of cpuMs: writing the outbox's files, mostly. */
  systemMs: number;
  /** CPU time of this thread alone: what the other threads (libuv's file writes, V8's collector) took off it is not in it. */
  threadMs: number;
}

function clock(): () => Timed {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const thread = process.threadCpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    const threadUsed = process.threadCpuUsage(thread);
    return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000, systemMs: used.system / 1000, threadMs: (threadUsed.user + threadUsed.system) / 1000 };
  };
}

/**
 * A workspace holding the templates benchmark's contacts (attributes, tags, a few months of events each), its
 * cart-reminder template with the footer snippet, a journey, and one queued email per contact: what the runner's
 * decisions leave behind for delivery, written directly so that only delivery is measured.
 */
function queuedWorkspace(dir: string): { services: Services; triggers: Map<number, Record<string, unknown>> } {
  const services = openWorkspace(join(dir, 'workspace.db'), () => NOW);
  const { db } = services;
  const writer = new ContactWriter(db, () => NOW);
  const triggers = new Map<number, Record<string, unknown>>();
  db.prepare(`INSERT INTO snippets (name, body, updated_at) VALUES ('footer', ?, 0)`).run(footer);
  db.prepare(`INSERT INTO templates (id, name, document, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`).run(template.id, template.name, JSON.stringify(template.document));
  const document = new JourneyBuilder()
    .add('n_trigger', 'trigger', 'Cart', { trigger: { type: 'event', event: { name: 'added_to_cart', filters: [] } } })
    .add('n_email', 'email', 'Reminder', { templateId: template.id, sendWindow: null })
    .add('n_exit', 'exit', 'Done', {})
    .chain('n_trigger', 'n_email', 'n_exit')
    .build();
  services.journeys.create('Cart reminder', document, 'j_bench');
  const run = db.prepare(`
    INSERT INTO journey_runs (id, journey_id, version, contact_id, entry, status, node_id, state, trigger_properties, due_at, entered_at, updated_at)
    VALUES (?, 'j_bench', 1, ?, 1, 'active', 'n_email', '{}', ?, NULL, ?, ?)`);
  const email = db.prepare(`
    INSERT INTO outbound_emails (message_key, run_id, journey_id, node_id, contact_id, template_id, to_email, status, next_attempt_at, created_at)
    VALUES (?, ?, 'j_bench', 'n_email', ?, ?, ?, 'queued', ?, ?)`);
  db.transaction(() => {
    for (const { contact, trigger } of makeContacts(EMAILS)) {
      const { attributes } = contact;
      const { id } = writer.upsertContact({
        email: contact.email,
        first_name: attributes.first_name as string | null,
        country: attributes.country as string,
        timezone: attributes.timezone as string,
        locale: attributes.locale as string,
        consent: 'subscribed',
        tags: [...contact.tags],
      });
      for (const event of contact.events) writer.insertEvent({ contactId: id, name: event.name, occurredAt: event.at, properties: event.properties });
      const runId = `j_bench.${id}.1`;
      run.run(runId, id, JSON.stringify(trigger), NOW, NOW);
      email.run(`${runId}.n_email.1`, runId, id, template.id, contact.email, NOW, NOW);
      triggers.set(id, trigger);
    }
  })();
  return { services, triggers };
}

/**
 * The floor: the same renders delivery does (the workspace's EmailRenderer, the same template, contacts, trigger
 * properties, journey and unsubscribe links) and nothing else. Contacts are read from the store a batch at a time
 * OUTSIDE the clock, so only the renders are timed.
 */
async function bareRenders(services: Services, triggers: Map<number, Record<string, unknown>>): Promise<Timed & { chars: number }> {
  const batch = await services.emailRenderer.prepare([template.id], NOW);
  const contacts = services.decisions.contacts();
  const links = new UnsubscribeLinks(services.db);
  const settings = readSendingSettings(services.db);
  const ids = [...triggers.keys()];
  const total = { wallMs: 0, cpuMs: 0, systemMs: 0, threadMs: 0, chars: 0 };
  for (let from = 0; from < ids.length; from += BATCH) {
    const read = contacts.read(ids.slice(from, from + BATCH), NOW);
    const inputs = read.map(({ view }) => ({ contact: view, trigger: triggers.get(view.id as number), unsubscribeUrl: links.forContact(settings, view.id as number).url }));
    const stop = clock();
    for (const input of inputs) {
      const email = batch.render(template.id, { ...input, journey: { id: 'j_bench', name: 'Cart reminder', stepId: 'n_email' }, now: NOW });
      total.chars += email.html.length + email.text.length;
    }
    const used = stop();
    total.wallMs += used.wallMs;
    total.cpuMs += used.cpuMs;
    total.systemMs += used.systemMs;
    total.threadMs += used.threadMs;
  }
  return total;
}

/**
 * 100k queued emails delivered to the outbox, with Delivery.deliverDue called in the runner's batches: each
 * email's contact read, rendered and composed (on the delivery thread), written to the batch's outbox file and marked
 * sent. Beside it, the bare render loop of the
 * same emails (bareRenders), run before and after delivery (the better of the two is the reference: the machine
 * is shared). The goal: delivery at no less than half the bare render rate.
 */
const bench: Bench = {
  name: 'delivery',
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'journey-studio-bench-'));
    try {
      console.error(`  queuing ${EMAILS.toLocaleString('en-US')} emails…`);
      const { services, triggers } = queuedWorkspace(dir);
      const before = await bareRenders(services, triggers);
      console.error(`  bare renders: ${Math.round(EMAILS / (before.wallMs / 1000)).toLocaleString('en-US')}/s`);

      const outbox = join(dir, 'outbox');
      const runner = createRunner(services, { sender: new OutboxSender(outbox), onError: (error) => { throw error; } });
      const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
      const { peakMb, peakHeapMb, peakFileMb, value: delivered } = await peakMemory(async () => {
        const stop = clock();
        const report = { sent: 0, failed: 0, retrying: 0, cancelled: 0 };
        for (;;) {
          const batch = await runner.delivery.deliverDue(NOW, BATCH);
          for (const key of Object.keys(report) as Array<keyof typeof report>) report[key] += batch[key];
          if (batch.sent + batch.failed + batch.retrying + batch.cancelled === 0) break;
        }
        return { ...stop(), report };
      });
      await runner.close();
      const written = outboxFiles(outbox).reduce((count, file) => count + (readFileSync(file, 'utf8').match(/^From MAILER-DAEMON /gm)?.length ?? 0), 0);
      if (delivered.report.sent !== EMAILS || written !== EMAILS) {
        throw new Error(`delivery sent ${delivered.report.sent} and wrote ${written} messages of ${EMAILS} emails: ${JSON.stringify(delivered.report)}`);
      }
      console.error(`  delivered: ${Math.round(EMAILS / (delivered.wallMs / 1000)).toLocaleString('en-US')}/s`);

      const after = await bareRenders(services, triggers);
      services.db.close();

      const reference = before.wallMs <= after.wallMs ? before : after;
      const oursRate = EMAILS / (delivered.wallMs / 1000);
      const referenceRate = EMAILS / (reference.wallMs / 1000);
      return [
        {
          name: `${EMAILS.toLocaleString('en-US')} queued emails to the outbox, batches of ${BATCH}`,
          unit: 'emails/s',
          ours: oursRate,
          referenceName: 'bare EmailRenderer renders, same emails',
          reference: referenceRate,
          ratio: referenceRate / oursRate,
          goal: '<= 2x',
          extra: {
            seconds: Number((delivered.wallMs / 1000).toFixed(2)),
            cpuSeconds: Number((delivered.cpuMs / 1000).toFixed(2)),
            systemCpuSeconds: Number((delivered.systemMs / 1000).toFixed(2)),
            mainThreadCpuSeconds: Number((delivered.threadMs / 1000).toFixed(2)),
            referenceSeconds: Number((reference.wallMs / 1000).toFixed(2)),
            referenceCpuSeconds: Number((reference.cpuMs / 1000).toFixed(2)),
            referenceMainThreadCpuSeconds: Number((reference.threadMs / 1000).toFixed(2)),
            referenceAvgChars: Math.round(reference.chars / EMAILS),
          },
        },
        // the workspace's making (100k contacts and their events in memory) is in the RSS before delivery starts
        { name: 'peak RSS while delivering', unit: 'MB', ours: peakMb, extra: { rssBeforeMb: Math.round(rssBefore / 1024 / 1024) } },
        { name: 'peak JS heap in use while delivering', unit: 'MB', ours: peakHeapMb, extra: { heapBeforeMb: Math.round(heapBefore / 1024 / 1024) } },
        ...(peakFileMb === null ? [] : [{ name: 'peak RSS mapped from files (database, program)', unit: 'MB', ours: peakFileMb }]),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
