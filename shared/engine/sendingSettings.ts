import { z } from 'zod';
import { MAX_NAME_CHARS } from '../limits.ts';

/**
 * A setting the call leaves out is refused by name rather than filled with its default: a save replaces every
 * setting, so `{ settings: {} }` would otherwise put the workspace back on the outbox without a word.
 */
const required = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'missing (a save gives every setting)' : undefined) };
const address = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? required.error(issue) : `${what} must be an email address, like news@yourshop.com`) });

const Sender = z.enum(['outbox', 'smtp'], required);

const SmtpInput = z.object(
  {
    host: z.string(required).trim().min(1, 'name the SMTP host'),
    port: z.number(required).int().min(1).max(65535),
    secure: z.boolean(required),
    user: z.string(required).nullable(),
    messagesPerSecond: z.number(required).positive().max(1000),
    maxConnections: z.number(required).int().min(1).max(20),
    allowInvalidCertificates: z.boolean(required),
  },
  required,
);

/**
 * The IMAP mailbox where bounces (sent to the envelope sender) and complaints (from the mailbox providers' feedback
 * loops) arrive; the engine reads it every few minutes. Its password is kept like the SMTP one (the keychain, or
 * JOURNEY_STUDIO_IMAP_PASSWORD).
 */
const BounceMailbox = z.object({
  host: z.string().min(1, 'name the IMAP host'),
  port: z.number().int().min(1).max(65535).default(993),
  /** TLS from the first byte (port 993); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(true),
  user: z.string().min(1, 'name the IMAP user'),
  /** The folder to read. */
  mailbox: z.string().min(1, 'name the IMAP folder').max(200).default('INBOX'),
  /** Accept self-signed certificates (a test server); off by default. */
  allowInvalidCertificates: z.boolean().default(false),
});

/** What the API takes to save them: every setting, and a From address that is one. */
export const SendingSettingsInput = z.object(
  {
    sender: Sender,
    smtp: SmtpInput.nullable(),
    /** Used when a template has no sender of its own. */
    defaultFrom: z.object({ name: z.string(required).max(MAX_NAME_CHARS), email: z.email(address('the default From address')) }, required),
    /** The public page that handles unsubscribes; the token is appended as ?t=. */
    unsubscribeUrl: z.url(required),
    /** Optional mailto address for List-Unsubscribe. */
    unsubscribeMailto: z.email(address('the unsubscribe mailto address')).nullable(),
    /** The bounce mailbox (IMAP), or null for none. */
    bounceMailbox: z.object(BounceMailbox.shape, required).nullable(),
  },
  required,
);

/**
 * How this workspace sends: the outbox (default) or SMTP, and what every marketing email carries. As stored, read
 * leniently: a workspace saved before a setting existed gets its default, and one saved before the From address
 * was checked still sends (the SMTP server then says what is wrong with it).
 */
export const SendingSettings = z.object({
  sender: Sender.default('outbox'),
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
  defaultFrom: z.object({ name: z.string().default(''), email: z.string().default('hello@example.com') }).default({ name: '', email: 'hello@example.com' }),
  unsubscribeUrl: z.url().default('https://example.com/unsubscribe'),
  unsubscribeMailto: z.email().nullable().default(null),
  bounceMailbox: BounceMailbox.nullable().default(null),
});
export type SendingSettings = z.infer<typeof SendingSettings>;
