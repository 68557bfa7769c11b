import { z } from 'zod';

/** How this workspace sends: the outbox (default) or SMTP, and what every marketing email carries. */
export const SendingSettings = z.object({
  sender: z.enum(['outbox', 'smtp']).default('outbox'),
  smtp: z
    .object({
      host: z.string().min(1, 'name the SMTP host'),
      port: z.number().int().min(1).max(65535).default(587),
      secure: z.boolean().default(false),
      user: z.string().nullable().default(null),
      messagesPerSecond: z.number().positive().max(1000).default(10),
      maxConnections: z.number().int().min(1).max(20).default(3),
      allowInvalidCertificates: z.boolean().default(false),
    })
    .nullable()
    .default(null),
  /** Used when a template has no sender of its own. */
  defaultFrom: z.object({ name: z.string().default(''), email: z.string().default('hello@example.com') }).default({ name: '', email: 'hello@example.com' }),
  /** The public page that handles unsubscribes; the token is appended as ?t=. */
  unsubscribeUrl: z.url().default('https://example.com/unsubscribe'),
  /** Optional mailto address for List-Unsubscribe. */
  unsubscribeMailto: z.email().nullable().default(null),
  /**
   * The IMAP mailbox where bounces (sent to the envelope sender) and complaints (from the mailbox providers' feedback
   * loops) arrive; the engine reads it every few minutes. Its password is kept like the SMTP one (the keychain, or
   * JOURNEY_STUDIO_IMAP_PASSWORD).
   */
  bounceMailbox: z
    .object({
      host: z.string().min(1, 'name the IMAP host'),
      port: z.number().int().min(1).max(65535).default(993),
      /** TLS from the first byte (port 993); otherwise STARTTLS when the server offers it. */
      secure: z.boolean().default(true),
      user: z.string().min(1, 'name the IMAP user'),
      /** The folder to read. */
      mailbox: z.string().min(1, 'name the IMAP folder').max(200).default('INBOX'),
      /** Accept self-signed certificates (a test server); off by default. */
      allowInvalidCertificates: z.boolean().default(false),
    })
    .nullable()
    .default(null),
});
export type SendingSettings = z.infer<typeof SendingSettings>;
