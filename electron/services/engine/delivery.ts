import { writeTransaction, type Db } from '../../store/database.ts';
import { messageIdOf } from '../../../shared/engine/messageKey.ts';
import { deliveryRefusal } from '../../../shared/engine/deliveryCheck.ts';
import { TemplateError } from '../templates/render.ts';
import type { EmailBatch, EmailRenderer } from '../templates/emailRenderer.ts';
import type { DecisionContacts } from '../decisions/decisionContacts.ts';
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
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
  cancelled: number;
}

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
    this.options = { maxAttempts: 6, backoffMs: 30_000, concurrency: 8, ...deps.options };
    this.queued = this.db.prepare(`
      SELECT e.*, r.trigger_properties FROM outbound_emails e JOIN journey_runs r ON r.id = e.run_id
      WHERE e.status = 'queued' AND e.next_attempt_at <= ? ORDER BY e.next_attempt_at, e.message_key LIMIT ?`);
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
    // workspace), the recommender's look at the events.
    const batch = await this.emailRenderer.prepare(new Set(rows.map((row) => row.template_id)), now);
    const settings = this.settings();
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        await this.deliverOne(row, now, settings, batch, report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, rows.length) }, worker));
    return report;
  }

  private async deliverOne(row: QueuedEmail, now: number, settings: SendingSettings, batch: EmailBatch, report: DeliveryReport): Promise<void> {
    // The contact as the decisions so far left them (no send history: rendering does not read it).
    const found = this.contacts.one(row.contact_id, now);
    const refusal = deliveryRefusal(found?.view, found?.suppressed ?? false);
    if (!found || refusal) {
      this.markCancelled.run(refusal, row.message_key);
      report.cancelled++;
      return;
    }
    const contact = found.view;
    if (batch.template(row.template_id) instanceof Error) {
      this.markFailed.run(`the template ${row.template_id} no longer exists or cannot be prepared`, row.message_key);
      report.failed++;
      return;
    }
    const unsubscribe = this.links.forContact(settings, row.contact_id);
    let email: OutgoingEmail;
    try {
      const rendered = batch.render(row.template_id, {
        contact,
        trigger: JSON.parse(row.trigger_properties) as Record<string, unknown>,
        journey: { id: row.journey_id, name: this.catalog.name(row.journey_id), stepId: row.node_id },
        unsubscribeUrl: unsubscribe.url,
        now,
      });
      email = {
        messageKey: row.message_key,
        messageId: messageIdOf(row.message_key),
        from: { name: rendered.fromName || settings.defaultFrom.name, address: rendered.fromEmail || settings.defaultFrom.email },
        to: row.to_email,
        replyTo: rendered.replyTo || undefined,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: unsubscribe.headers,
      };
    } catch (error) {
      const message = error instanceof TemplateError || error instanceof Error ? error.message : String(error);
      this.markFailed.run(`the template could not be rendered: ${message}`, row.message_key);
      report.failed++;
      return;
    }
    try {
      await this.sender.send(email);
      this.markSent.run(now, email.subject, row.message_key);
      report.sent++;
    } catch (error) {
      const failure = toSendError(error);
      if (failure.permanent) {
        writeTransaction(this.db, () => {
          this.markFailed.run(failure.message, row.message_key);
          this.suppress.run(row.to_email, `permanent delivery failure: ${failure.message}`.slice(0, 500), now);
        })();
        report.failed++;
      } else if (row.attempts + 1 >= this.options.maxAttempts) {
        this.markFailed.run(`gave up after ${row.attempts + 1} attempts: ${failure.message}`, row.message_key);
        report.failed++;
      } else {
        const delay = Math.min(this.options.backoffMs * 2 ** row.attempts, 3_600_000);
        this.markRetry.run(now + delay, failure.message, row.message_key);
        report.retrying++;
      }
    }
  }
}
