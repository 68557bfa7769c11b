import { messageIdOf } from '../../../shared/engine/messageKey.ts';
import { deliveryRefusal } from '../../../shared/engine/deliveryCheck.ts';
import { TemplateError } from '../templates/render.ts';
import type { EmailBatch, EmailRenderer } from '../templates/emailRenderer.ts';
import type { DecisionContact, DecisionContacts } from '../decisions/decisionContacts.ts';
import type { JourneyCatalog } from './journeyCatalog.ts';
import type { ReadyEmail } from './senders/emailSender.ts';
import { composeMessage } from './senders/mimeMessage.ts';
import type { SendingSettings } from './sendingSettings.ts';
import type { UnsubscribeLinks } from './unsubscribe.ts';

/** A row of the send queue, as delivery takes it up (with the run's trigger properties for the template). */
export interface QueuedEmail {
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

/** A queued row made ready to send, or why it will not be sent. */
export type Prepared = { email: ReadyEmail } | { cancelled: string } | { failed: string };

/** Turns a batch of queued rows into emails ready for the sender: in this thread, or on a worker thread. */
export interface EmailPreparer {
  /** One outcome per row, in the rows' order. */
  prepareBatch(rows: readonly QueuedEmail[], now: number): Promise<Prepared[]>;
  close(): Promise<void>;
}

export interface PreparationDeps {
  emailRenderer: EmailRenderer;
  contacts: DecisionContacts;
  catalog: JourneyCatalog;
  links: UnsubscribeLinks;
  settings: () => SendingSettings;
}

/**
 * The one place a queued email becomes the message that is sent: consent and suppression checked again (someone
 * who unsubscribed after the decision gets nothing), the template rendered for the contact as the store has them
 * now, the unsubscribe link and headers, the MIME message composed. The same code runs in this thread and on the
 * delivery thread (preparationWorker.ts).
 */
export class EmailPreparation implements EmailPreparer {
  private readonly deps: PreparationDeps;

  constructor(deps: PreparationDeps) {
    this.deps = deps;
  }

  async prepareBatch(rows: readonly QueuedEmail[], now: number): Promise<Prepared[]> {
    // Once per batch, not per email: loading the templates, the RFM cuts (a query over every purchase in the
    // workspace), the recommender's look at the events; and the batch's contacts, as the decisions so far left
    // them, in one read (no send history: rendering does not read it).
    const batch = await this.deps.emailRenderer.prepare(new Set(rows.map((row) => row.template_id)), now);
    const settings = this.deps.settings();
    const contacts = new Map(this.deps.contacts.read([...new Set(rows.map((row) => row.contact_id))], now).map((found) => [found.view.id, found]));
    return rows.map((row) => this.prepare(row, contacts.get(row.contact_id), now, settings, batch));
  }

  private prepare(row: QueuedEmail, found: DecisionContact | undefined, now: number, settings: SendingSettings, batch: EmailBatch): Prepared {
    const refusal = deliveryRefusal(found?.view, found?.suppressed ?? false);
    if (refusal !== undefined) return { cancelled: refusal };
    const contact = found!.view; // deliveryRefusal refuses a contact that is not there
    const template = batch.template(row.template_id);
    // not in the store any more, or an MJML body that does not compile (or is past MJML's size limit)
    if (template instanceof Error) return { failed: `the template ${row.template_id} cannot be prepared: ${template.message}` };
    const unsubscribe = this.deps.links.forContact(settings, row.contact_id);
    try {
      const rendered = batch.render(row.template_id, {
        contact,
        trigger: JSON.parse(row.trigger_properties) as Record<string, unknown>,
        journey: { id: row.journey_id, name: this.deps.catalog.name(row.journey_id), stepId: row.node_id },
        unsubscribeUrl: unsubscribe.url,
        now,
      });
      const email = {
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
      return { email: { ...email, raw: composeMessage(email) } };
    } catch (error) {
      const message = error instanceof TemplateError || error instanceof Error ? error.message : String(error);
      return { failed: `the template could not be rendered: ${message}` };
    }
  }

  async close(): Promise<void> {}
}
