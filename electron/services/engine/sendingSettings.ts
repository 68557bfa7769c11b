import { z } from 'zod';
import type { Db } from '../../store/database.ts';

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
});
export type SendingSettings = z.infer<typeof SendingSettings>;

const KEY = 'engine.sending';

export function readSendingSettings(db: Db): SendingSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  return SendingSettings.parse(row ? JSON.parse(row) : {});
}

export function writeSendingSettings(db: Db, settings: SendingSettings): SendingSettings {
  const parsed = SendingSettings.parse(settings);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(parsed));
  return parsed;
}
