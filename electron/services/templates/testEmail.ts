import { randomBytes } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors.ts';
import { messageIdOf } from '../../../shared/engine/messageKey.ts';
import type { TestEmailResult } from '../../../shared/api/calls/templates.ts';
import type { Services } from '../services.ts';
import { senderFor } from '../engine/createRunner.ts';
import { readSendingSettings } from '../engine/sendingSettings.ts';
import type { EmailSender, OutgoingEmail, SendOutcome } from '../engine/senders/emailSender.ts';
import { composeMessage } from '../engine/senders/mimeMessage.ts';
import type { PreviewInput } from './templatePreview.ts';

/**
 * The subject of a test starts with this, so that whoever receives it (a colleague, a shared inbox, a seed list)
 * and any mail filter can tell it from a real send, and a reply thread never mixes tests with the real email.
 */
export const testSubjectPrefix = '[Test] ';

/**
 * 'Send a test' from the template editor: the template rendered exactly as the preview shows it (the chosen
 * contact, their trigger event) and sent to one address through the workspace's sender (the outbox or SMTP).
 * A test is not a send: it is not recorded with the journeys' emails, and its unsubscribe link carries a token that
 * belongs to nobody, so clicking it in the test unsubscribes no one. It has no List-Unsubscribe headers either.
 */
export async function sendTestEmail(services: Services, input: PreviewInput & { to: string }): Promise<TestEmailResult> {
  const settings = readSendingSettings(services.db);
  const unsubscribeUrl = `${settings.unsubscribeUrl}${settings.unsubscribeUrl.includes('?') ? '&' : '?'}t=test`;
  const rendered = await services.templatePreview.render({ ...input, unsubscribeUrl });
  if (!rendered.email) {
    const e = rendered.error!;
    throw new ApiError('refused', `not sent: the template has an error in the ${e.part}${e.snippet ? ` (snippet ${e.snippet})` : ''} at line ${e.line}, column ${e.column}: ${e.message}`);
  }
  let sender: EmailSender;
  try {
    sender = senderFor(services);
  } catch (error) {
    throw new ApiError('refused', `not sent: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { email } = rendered;
  const messageKey = `test-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const outgoing: OutgoingEmail = {
    messageKey,
    messageId: messageIdOf(messageKey),
    from: { name: email.fromName || settings.defaultFrom.name, address: email.fromEmail || settings.defaultFrom.email },
    to: input.to,
    replyTo: email.replyTo || undefined,
    subject: `${testSubjectPrefix}${email.subject}`,
    html: email.html,
    text: email.text,
    headers: {},
  };
  let outcome: SendOutcome | undefined;
  try {
    await sender.sendBatch([{ ...outgoing, raw: composeMessage(outgoing) }], (_, settled) => (outcome = settled));
  } finally {
    await sender.close();
  }
  if (!outcome || 'error' in outcome) {
    const reason = outcome ? outcome.error.message : 'the sender did not say';
    throw new ApiError('refused', `not sent through the ${sender.kind === 'smtp' ? 'SMTP server' : 'outbox'}: ${reason}`);
  }
  return { to: input.to, subject: outgoing.subject, sender: sender.kind, messageId: outgoing.messageId, location: outcome.location ?? null, renderedFor: rendered.contact.email };
}
