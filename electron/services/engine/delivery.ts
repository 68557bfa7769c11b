import { writeTransaction, type Db } from '../../store/database.ts';
import { messageIdOf } from '../../../shared/engine/messageKey.ts';
import { deliveryRefusal } from '../../../shared/engine/deliveryCheck.ts';
import { TemplateError } from '../templates/render.ts';
import type { EmailBatch, EmailRenderer } from '../templates/emailRenderer.ts';
import type { DecisionContact, DecisionContacts } from '../decisions/decisionContacts.ts';
import type { JourneyCatalog } from './journeyCatalog.ts';
import type { EmailSender, OutgoingEmail } from './senders/emailSender.ts';
import { toSendError } from './senders/emailSender.ts';
import type { SendingSettings } from './sendingSettings.ts';
import type { UnsubscribeLinks } from './unsubscribe.ts';

interface QueuedEmail {
  message_key: string;
  run_id: string;
  journey_id: string;
  node_id: string;
  contact_id: number;
  template_id: string;
  to_email: string;
  attempts: number;
  trigger_properties: string;
}

export interface DeliveryOptions {
  /** Transient failures are retried this many times before the email is marked failed. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt, capped at an hour. */
  backoffMs: number;
  /** Emails in flight at once (the SMTP pool spreads them over its connections). */
  concurrency: number;
  /**
   * Accepted emails whose marks may wait to be written together, and for how long (see PendingMarks): what a crash
   * may resend besides the emails in flight. A transaction of 16 marks costs a mark a third more than one of 500,
   * one per mark four times as much.
   */
  marksMaxPending: number;
  marksMaxAgeMs: number;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
  cancelled: number;
}

/**
 * The rows' new states after their sends, written together: one transaction for several emails instead of a commit
 * per email (the commit costs more than the update). Marks are written once `maxPending` of them wait or the
 * oldest has waited `maxAgeMs`, and whatever is left when the batch ends is written before deliverDue returns, so no
 * later batch picks up a row that was sent. A crash before a write resends those emails (and the ones in flight)
 * with the same Message-IDs; an email is never marked sent before its sender accepted it, so none is lost.
 */
class PendingMarks {
  private readonly write: (marks: Array<() => void>) => void;
  private readonly maxPending: number;
  private readonly maxAgeMs: number;
  private marks: Array<() => void> = [];
  private oldest = 0;

  constructor(db: Db, limits: { maxPending: number; maxAgeMs: number }) {
    this.write = writeTransaction(db, (marks: Array<() => void>) => {
      for (const mark of marks) mark();
    });
    this.maxPending = limits.maxPending;
    this.maxAgeMs = limits.maxAgeMs;
  }

  add(mark: () => void): void {
    if (!this.marks.length) this.oldest = performance.now();
    this.marks.push(mark);
    if (this.marks.length >= this.maxPending || performance.now() - this.oldest >= this.maxAgeMs) this.flush();
  }

  flush(): void {
    if (!this.marks.length) return;
    const marks = this.marks;
    this.marks = [];
    this.write(marks);
  }
}

/** A queued row made ready to send, or why it will not be sent. */
type Prepared = { email: OutgoingEmail } | { cancelled: string } | { failed: string };

/**
 * Sends queued emails. A row is marked sent only after the sender accepted it, so a crash in between sends
 * it again on restart -- with the same Message-ID, because the id comes from the row's message key.
 * Consent and suppression are checked again here: someone who unsubscribed after the decision gets nothing.
 */
export class Delivery {
  private readonly db: Db;
  private readonly sender: EmailSender;
  private readonly emailRenderer: EmailRenderer;
  private readonly contacts: DecisionContacts;
  private readonly catalog: JourneyCatalog;
  private readonly links: UnsubscribeLinks;
  private readonly settings: () => SendingSettings;
  private readonly options: DeliveryOptions;
  private readonly queued;
  private readonly markSent;
  private readonly markFailed;
  private readonly markRetry;
  private readonly markCancelled;
  private readonly suppress;

  constructor(deps: {
    db: Db;
    sender: EmailSender;
    emailRenderer: EmailRenderer;
    contacts: DecisionContacts;
    catalog: JourneyCatalog;
    links: UnsubscribeLinks;
    settings: () => SendingSettings;
    options?: Partial<DeliveryOptions>;
  }) {
    this.db = deps.db;
    this.sender = deps.sender;
    this.emailRenderer = deps.emailRenderer;
    this.contacts = deps.contacts;
    this.catalog = deps.catalog;
    this.links = deps.links;
    this.settings = deps.settings;
    this.options = { maxAttempts: 6, backoffMs: 30_000, concurrency: 8, marksMaxPending: 16, marksMaxAgeMs: 250, ...deps.options };
    // Due first, then in the order the decisions queued them (the rowid): the queue index holds exactly that order,
    // so a batch reads its own rows and no more. Ordered by message key instead, every batch sorted all the rows
    // due at the same moment to take its few (a tick queues thousands at one moment).
    this.queued = this.db.prepare(`
      SELECT e.*, r.trigger_properties FROM outbound_emails e JOIN journey_runs r ON r.id = e.run_id
      WHERE e.status = 'queued' AND e.next_attempt_at <= ? ORDER BY e.next_attempt_at, e.rowid LIMIT ?`);
    this.markSent = this.db.prepare(`UPDATE outbound_emails SET status = 'sent', attempts = attempts + 1, sent_at = ?, subject = ?, last_error = NULL WHERE message_key = ? AND status = 'queued'`);
    this.markFailed = this.db.prepare(`UPDATE outbound_emails SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE message_key = ?`);
    this.markRetry = this.db.prepare(`UPDATE outbound_emails SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE message_key = ?`);
    this.markCancelled = this.db.prepare(`UPDATE outbound_emails SET status = 'cancelled', last_error = ? WHERE message_key = ?`);
    this.suppress = this.db.prepare('INSERT OR IGNORE INTO suppressions (email, reason, added_at) VALUES (?, ?, ?)');
  }

  /** Sends what is due, up to `limit`. */
  async deliverDue(now: number, limit: number): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0, cancelled: 0 };
    const rows = this.queued.all(now, limit) as QueuedEmail[];
    if (!rows.length) return report;
    // Once per batch, not per email: loading the templates, the RFM cuts (a query over every purchase in the
    // workspace), the recommender's look at the events; and the batch's contacts, as the decisions so far left
    // them, in one read (no send history: rendering does not read it).
    const batch = await this.emailRenderer.prepare(new Set(rows.map((row) => row.template_id)), now);
    const settings = this.settings();
    const contacts = new Map(this.contacts.read([...new Set(rows.map((row) => row.contact_id))], now).map((found) => [found.view.id, found]));
    const marks = new PendingMarks(this.db, { maxPending: this.options.marksMaxPending, maxAgeMs: this.options.marksMaxAgeMs });
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const prepared = this.prepare(row, contacts.get(row.contact_id), now, settings, batch);
        if ('email' in prepared) await this.send(row, prepared.email, now, marks, report);
        else if ('cancelled' in prepared) {
          marks.add(() => this.markCancelled.run(prepared.cancelled, row.message_key));
          report.cancelled++;
        } else {
          marks.add(() => this.markFailed.run(prepared.failed, row.message_key));
          report.failed++;
        }
      }
    };
    // Every worker is waited for before the marks are written, also when one of them threw: a send still in
    // flight would otherwise be accepted after the last write and be sent again by the next batch.
    const settled = await Promise.allSettled(Array.from({ length: Math.min(this.options.concurrency, rows.length) }, worker));
    marks.flush();
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    return report;
  }

  /** The email for a row, rendered for its contact; or why it is cancelled (consent) or failed (its template). */
  private prepare(row: QueuedEmail, found: DecisionContact | undefined, now: number, settings: SendingSettings, batch: EmailBatch): Prepared {
    const refusal = deliveryRefusal(found?.view, found?.suppressed ?? false);
    if (refusal !== undefined) return { cancelled: refusal };
    const contact = found!.view; // deliveryRefusal refuses a contact that is not there
    if (batch.template(row.template_id) instanceof Error) return { failed: `the template ${row.template_id} no longer exists or cannot be prepared` };
    const unsubscribe = this.links.forContact(settings, row.contact_id);
    try {
      const rendered = batch.render(row.template_id, {
        contact,
        trigger: JSON.parse(row.trigger_properties) as Record<string, unknown>,
        journey: { id: row.journey_id, name: this.catalog.name(row.journey_id), stepId: row.node_id },
        unsubscribeUrl: unsubscribe.url,
        now,
      });
      return {
        email: {
          messageKey: row.message_key,
          messageId: messageIdOf(row.message_key),
          from: { name: rendered.fromName || settings.defaultFrom.name, address: rendered.fromEmail || settings.defaultFrom.email },
          to: row.to_email,
          replyTo: rendered.replyTo || undefined,
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          headers: unsubscribe.headers,
        },
      };
    } catch (error) {
      const message = error instanceof TemplateError || error instanceof Error ? error.message : String(error);
      return { failed: `the template could not be rendered: ${message}` };
    }
  }

  private async send(row: QueuedEmail, email: OutgoingEmail, now: number, marks: PendingMarks, report: DeliveryReport): Promise<void> {
    try {
      await this.sender.send(email);
    } catch (error) {
      const failure = toSendError(error);
      if (failure.permanent) {
        marks.add(() => {
          this.markFailed.run(failure.message, row.message_key);
          this.suppress.run(row.to_email, `permanent delivery failure: ${failure.message}`.slice(0, 500), now);
        });
        report.failed++;
      } else if (row.attempts + 1 >= this.options.maxAttempts) {
        marks.add(() => this.markFailed.run(`gave up after ${row.attempts + 1} attempts: ${failure.message}`, row.message_key));
        report.failed++;
      } else {
        const delay = Math.min(this.options.backoffMs * 2 ** row.attempts, 3_600_000);
        marks.add(() => this.markRetry.run(now + delay, failure.message, row.message_key));
        report.retrying++;
      }
      return;
    }
    marks.add(() => this.markSent.run(now, email.subject, row.message_key));
    report.sent++;
  }
}
