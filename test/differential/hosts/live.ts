import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRunner } from '../../../electron/services/engine/createRunner.ts';
import type { EmailSender, OutgoingEmail, ReadyEmail, SendOutcome } from '../../../electron/services/engine/senders/emailSender.ts';
import { OutboxSender } from '../../../electron/services/engine/senders/outboxSender.ts';
import { readSendingSettings } from '../../../electron/services/engine/sendingSettings.ts';
import { UnsubscribeLinks } from '../../../electron/services/engine/unsubscribe.ts';
import { runId } from '../../../shared/engine/messageKey.ts';
import { endOf, type DiffCase } from '../case.ts';
import type { DiffWorkspace } from '../workspace.ts';
import { failed, hostStep, type HostRun } from './hostRun.ts';

/** The link the simulator shows in place of a contact's own signed one (electron/services/simulation/emailPreview.ts). */
export const simulatorUnsubscribeUrl = 'https://unsubscribe.invalid/simulation';

/** The outbox sender, keeping a copy of every email it is given, with the clock's time then. */
export class RecordingSender implements EmailSender {
  readonly kind = 'outbox' as const;
  readonly given: Array<{ at: number; email: OutgoingEmail }> = [];
  private readonly outbox: OutboxSender;
  private readonly now: () => number;

  constructor(folder: string, now: () => number) {
    this.outbox = new OutboxSender(folder);
    this.now = now;
  }

  sendBatch(emails: readonly ReadyEmail[], settled: (email: ReadyEmail, outcome: SendOutcome) => void): Promise<void> {
    for (const email of emails) this.given.push({ at: this.now(), email });
    return this.outbox.sendBatch(emails, settled);
  }

  /** Forgets the emails recorded so far and empties the outbox (a long run sends many). */
  forget(): void {
    rmSync(this.outbox.folder, { recursive: true, force: true });
    this.given.length = 0;
  }

  close(): Promise<void> {
    return this.outbox.close();
  }
}

/**
 * (c) The live runner on a virtual clock. Each case gets a runner of its own (createRunner, with the recording
 * outbox sender): a runner remembers when it last read the memberships, and the clock goes back in time from one
 * case to the next. For a case, the future events leave the store first and each comes back when the clock
 * reaches it, as if it arrived then; the clock moves to the next moment anything is due (the next event, the
 * earliest wake-up of a run, the earliest queued email) until the case's end, with runOnce() at each.
 */
export class LiveHost {
  private readonly w: DiffWorkspace;
  private readonly sender: RecordingSender;
  private readonly errors: string[] = [];
  private readonly nextWakeUp;
  private readonly nextEmail;

  constructor(w: DiffWorkspace) {
    this.w = w;
    this.sender = new RecordingSender(join(w.dir, 'outbox'), () => w.clock);
    this.nextWakeUp = w.db.prepare(`SELECT MIN(due_at) FROM journey_runs WHERE status = 'active'`).pluck();
    this.nextEmail = w.db.prepare(`SELECT MIN(next_attempt_at) FROM outbound_emails WHERE status = 'queued'`).pluck();
  }

  async run(c: DiffCase, contactId: number): Promise<HostRun> {
    const { w } = this;
    this.sender.forget();
    this.errors.length = 0;
    w.removeEventsAfter(contactId, c.start);
    w.clock = c.start;
    const runner = createRunner(w.services, {
      sender: this.sender,
      now: () => w.clock,
      membershipIntervalMs: 0,
      // Emails are prepared in this thread: a delivery thread would start and stop with each case's runner (tens of
      // ms each, thousands of cases). The thread runs the same preparation code (deliveryThread.test.ts holds them equal).
      deliveryThread: null,
      onError: (error) => this.errors.push(error instanceof Error ? error.message : String(error)),
    });
    const pending = [...c.future];
    const end = endOf(c);
    try {
      for (;;) {
        while (pending.length > 0 && pending[0].at <= w.clock) w.insertEvent(c, contactId, pending.shift()!);
        await runner.runOnce();
        const next = Math.min(pending[0]?.at ?? Infinity, (this.nextWakeUp.get() as number | null) ?? Infinity, (this.nextEmail.get() as number | null) ?? Infinity);
        if (next > end) break;
        if (next <= w.clock) throw new Error(`something is still due at ${new Date(next).toISOString()} after runOnce() at ${new Date(w.clock).toISOString()}`);
        w.clock = next;
      }
    } catch (error) {
      return failed('live', error);
    } finally {
      await runner.stop();
    }
    return { host: 'live', ...this.firstRun(c, contactId), ...(this.errors.length ? { error: this.errors.join('; ') } : {}) };
  }

  close(): Promise<void> {
    return this.sender.close();
  }

  /** The first run's steps (journey_steps) and emails, and whether a later entry ran beside it. */
  private firstRun(c: DiffCase, contactId: number): Omit<HostRun, 'host'> {
    const { db } = this.w;
    const id = runId({ journeyId: c.journeyId, version: 1, contactId, entry: 1 });
    const runs = db
      .prepare('SELECT id, entry, entered_at AS enteredAt, exited_at AS exitedAt FROM journey_runs WHERE journey_id = ? AND contact_id = ? ORDER BY entry')
      .all(c.journeyId, contactId) as Array<{ id: string; entry: number; enteredAt: number; exitedAt: number | null }>;
    const first = runs.find((r) => r.id === id);
    if (!first) return { notAdmitted: 'the runner admitted no one', steps: [], emails: [] };
    const beside = runs.find((r) => r.entry > 1 && r.enteredAt < (first.exitedAt ?? Infinity));
    const steps = db
      .prepare(
        `SELECT at, node_id AS nodeId, node_kind AS nodeKind, outcome, branch, reason, message_key AS messageKey
         FROM journey_steps WHERE run_id = ? ORDER BY id`,
      )
      .all(id) as Array<Parameters<typeof hostStep>[0]>;
    // The engine sends the contact's own signed unsubscribe link where the simulator shows a placeholder: that one
    // URL, and nothing else, is put back to the placeholder before comparing.
    const own = new UnsubscribeLinks(db).forContact(readSendingSettings(db), contactId).url;
    const unsigned = (text: string) => text.split(own).join(simulatorUnsubscribeUrl);
    return {
      steps: steps.map(hostStep),
      emails: this.sender.given
        .filter(({ email }) => email.messageKey.startsWith(`${id}.`))
        .map(({ at, email: e }) => ({ at, messageId: e.messageId, to: e.to, subject: unsigned(e.subject), html: unsigned(e.html), text: unsigned(e.text) })),
      ...(beside ? { incomparable: `entry ${beside.entry} began at ${new Date(beside.enteredAt).toISOString()}, while the first was still in the journey` } : {}),
    };
  }
}
