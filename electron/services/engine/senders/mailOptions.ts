import type Mail from 'nodemailer/lib/mailer';
import type { OutgoingEmail } from './emailSender.ts';

/**
 * The nodemailer message for an outgoing email, as the SMTP sender sends it (the outbox composes the same bytes
 * itself: mimeMessage.ts). The Message-ID is ours, never nodemailer's random one.
 */
export function toMailOptions(email: OutgoingEmail): Mail.Options {
  return {
    messageId: email.messageId,
    from: { name: email.from.name, address: email.from.address },
    to: email.to,
    replyTo: email.replyTo || undefined,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: email.headers,
  };
}
