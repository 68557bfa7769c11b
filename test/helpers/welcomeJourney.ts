import type { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyBuilder } from '../../electron/services/sample/journeyBuilder.ts';
import type { tempWorkspace } from './workspace.ts';

/**
 * A live one-email journey for sending tests: `emails` become subscribed contacts (ids 1…n in a fresh workspace),
 * each signs up at `at`, and 'Welcome' (j_welcome, template t1 from shop@shop.example) sends them one email.
 */
export async function publishWelcome(ws: ReturnType<typeof tempWorkspace>, writer: ContactWriter, emails: readonly string[], at: number): Promise<void> {
  for (const email of emails) writer.upsertContact({ email, consent: 'subscribed', timezone: 'UTC' });
  ws.services.db.prepare(`INSERT INTO templates (id, name, document, created_at, updated_at) VALUES ('t1', 'Welcome', ?, 0, 0)`).run(
    JSON.stringify({ fromName: 'Shop', fromEmail: 'shop@shop.example', replyTo: '', format: 'html', locale: 'en', content: { subject: 'Welcome to the shop', preheader: '', body: '<p>Hello, and welcome.</p>', text: '' }, variants: {} }),
  );
  const document = new JourneyBuilder()
    .add('n_trigger', 'trigger', 'Signed up', { trigger: { type: 'event', event: { name: 'signed_up', filters: [] } } })
    .add('n_welcome', 'email', 'Welcome', { templateId: 't1', sendWindow: null })
    .add('n_exit', 'exit', 'Done', {})
    .chain('n_trigger', 'n_welcome', 'n_exit')
    .build();
  ws.services.journeys.create('Welcome', document, 'j_welcome');
  await ws.client['journeys.publish']({ id: 'j_welcome' });
  for (let id = 1; id <= emails.length; id++) writer.insertEvent({ contactId: id, name: 'signed_up', occurredAt: at });
}
