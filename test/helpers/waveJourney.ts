import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyBuilder } from '../../electron/services/sample/journeyBuilder.ts';
import { readSendingSettings, writeSendingSettings } from '../../electron/services/engine/sendingSettings.ts';
import { writeTransaction } from '../../electron/store/database.ts';
import type { Services } from '../../electron/services/services.ts';
import { messageKey } from '../../shared/engine/messageKey.ts';

export const WAVE_JOURNEY = 'j_wave';

/**
 * The engine's workload in the tests that run several engines, or kill one: `contacts` subscribed contacts
 * (`c<i>@<domain>`) tagged "wave", and a live journey that sends each of them two emails (First, then a tag, then
 * Second). Returns the contacts' ids in the order of their addresses' numbers.
 */
export function addWaveJourney(services: Services, contacts: number, domain: string): number[] {
  const { db } = services;
  const writer = new ContactWriter(db);
  const ids = writeTransaction(db, () =>
    Array.from({ length: contacts }, (_, i) => writer.upsertContact({ email: `c${i}@${domain}`, first_name: `C${i}`, consent: 'subscribed', timezone: 'UTC', tags: ['wave'] }).id),
  )();
  db.prepare(`INSERT INTO templates (id, name, document, created_at, updated_at) VALUES ('t_wave', 'Wave', ?, 0, 0)`).run(
    JSON.stringify({ fromName: 'Shop', fromEmail: `shop@${domain}`, replyTo: '', format: 'html', locale: 'en', content: { subject: 'Hi {{ first_name }}', preheader: '', body: '<p>Hello</p>', text: '' }, variants: {} }),
  );
  const document = new JourneyBuilder()
    .add('n_trigger', 'trigger', 'Wave', { trigger: { type: 'tag-added', tag: 'wave' } })
    .add('n_a', 'email', 'First', { templateId: 't_wave', sendWindow: null })
    .add('n_tag', 'update-contact', 'Tag', { actions: [{ op: 'add-tag', tag: 'got_a' }] })
    .add('n_b', 'email', 'Second', { templateId: 't_wave', sendWindow: null })
    .add('n_exit', 'exit', 'Done', {})
    .chain('n_trigger', 'n_a', 'n_tag', 'n_b', 'n_exit')
    .build();
  services.journeys.create('Wave', document, WAVE_JOURNEY);
  services.journeys.publish(WAVE_JOURNEY);
  return ids;
}

/** The two message keys the wave journey gives a contact: a resend can only ever repeat one of these. */
export function waveMessageKeys(contactId: number): [string, string] {
  const run = { journeyId: WAVE_JOURNEY, version: 1, contactId, entry: 1 };
  return [messageKey(run, 'n_a', 1), messageKey(run, 'n_b', 1)];
}

/** Sends the workspace's email through the SMTP server on 127.0.0.1:`port` (no password, up to 1,000 a second). */
export function useSmtp(services: Services, port: number): void {
  writeSendingSettings(services.db, {
    ...readSendingSettings(services.db),
    sender: 'smtp',
    smtp: { host: '127.0.0.1', port, secure: false, user: null, messagesPerSecond: 1000, maxConnections: 4, allowInvalidCertificates: false },
  });
}
