import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyRunner } from '../../electron/services/engine/runner.ts';
import { OutboxSender } from '../../electron/services/engine/senders/outboxSender.ts';
import { EnvironmentSecretStore } from '../../electron/services/engine/secretStore.ts';
import { readSendingSettings, writeSendingSettings } from '../../electron/services/engine/sendingSettings.ts';
import { FeedbackPoller } from '../../electron/services/engine/feedback/feedbackPoller.ts';
import { feedbackFolder } from '../../electron/services/engine/feedback/feedbackFolder.ts';
import { startImapServer } from '../helpers/imapServer.ts';
import { publishWelcome } from '../helpers/welcomeJourney.ts';
import { tempWorkspace } from '../helpers/workspace.ts';

const T0 = Date.UTC(2026, 5, 1, 10);
const fixtures = resolve(import.meta.dirname, '../fixtures/feedback');
const fixture = (name: string) => readFileSync(join(fixtures, name));
const bin = resolve(import.meta.dirname, '../../bin/journey-studio.js');
const contacts = ['gone.away@gmail.com', 'full@example.org', 'jane.doe@yahoo.com', 'sam@hotmail.com', 'pat@example.net', 'slow@example.com'];
const outOfOffice = Buffer.from('From: pat@example.net\r\nTo: bounces@shop.example\r\nSubject: Out of office\r\nMessage-ID: <ooo.1@example.net>\r\nDate: Mon, 01 Jun 2026 10:01:00 +0000\r\n\r\nI am away until Monday.\r\n');

/**
 * The welcome email sent to six contacts, then the bounces and complaints that came back, as Gmail, Postfix, Yahoo
 * and Outlook.com write them, read from a real IMAP server (Dovecot) holding them.
 */
describe('bounces and complaints read back from the bounce mailbox', () => {
  let clock = T0;
  const ws = tempWorkspace(() => clock);
  const { db } = ws.services;
  let imap: Awaited<ReturnType<typeof startImapServer>>;
  let poller: FeedbackPoller;
  const events = () => db.prepare(`SELECT contact_id, name, occurred_at, properties FROM events WHERE name IN ('email_bounced', 'email_complained') ORDER BY contact_id, id`).all() as Array<{ contact_id: number; name: string; occurred_at: number; properties: string }>;
  const suppressed = () => db.prepare('SELECT email, reason FROM suppressions ORDER BY email').all() as Array<{ email: string; reason: string }>;
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, [bin, ...args, '--db', ws.databasePath], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(async () => {
    const writer = new ContactWriter(db, () => clock);
    await publishWelcome(ws, writer, contacts, T0);
    const runner = new JourneyRunner({ services: ws.services, sender: new OutboxSender(join(ws.dir, 'outbox')), now: () => clock });
    await runner.runOnce();
    await runner.close();
    expect(db.prepare(`SELECT COUNT(*) FROM outbound_emails WHERE status = 'sent'`).pluck().get()).toBe(6);

    imap = await startImapServer();
    await imap.deliver([...readdirSync(fixtures).sort().map(fixture), outOfOffice]);
    writeSendingSettings(db, { ...readSendingSettings(db), bounceMailbox: { host: '127.0.0.1', port: imap.port, secure: false, user: imap.user, mailbox: 'INBOX', allowInvalidCertificates: false } });
    ws.services.secrets = new EnvironmentSecretStore({ JOURNEY_STUDIO_IMAP_PASSWORD: imap.password });
    poller = new FeedbackPoller(ws.services);
    clock = T0 + 2 * 86_400_000;
  }, 60_000);

  afterAll(async () => {
    await imap?.close();
    ws.close();
  });

  it('suppresses hard bounces and complaints, never the others, and ties each report to its email by Message-ID', async () => {
    const read = await poller.readOnce();
    expect(read.folder).toEqual([]);
    expect(read.mailbox!.map((m) => [m.type, m.outcomes.map((o) => [o.kind, o.address, o.messageKey, o.suppressed])])).toEqual([
      ['delivery-status', [['hard-bounce', 'gone.away@gmail.com', 'j_welcome.1.1.n_welcome.1', true]]],
      ['feedback', [['complaint', 'sam@hotmail.com', 'j_welcome.4.1.n_welcome.1', true]]], // masked: found by Message-ID alone
      ['delivery-status', [['policy-bounce', 'pat@example.net', 'j_welcome.5.1.n_welcome.1', false]]],
      ['delivery-status', [['no-action', 'slow@example.com', 'j_welcome.6.1.n_welcome.1', false]]],
      ['delivery-status', [['soft-bounce', 'full@example.org', 'j_welcome.2.1.n_welcome.1', false]]],
      ['feedback', [['complaint', 'jane.doe@yahoo.com', 'j_welcome.3.1.n_welcome.1', true]]],
      ['not-a-report', []],
    ]);
    expect(suppressed()).toEqual([
      { email: 'gone.away@gmail.com', reason: expect.stringMatching(/^hard bounce reported later \(5\.1\.1: the address does not exist or cannot receive mail\): smtp; 550-5\.1\.1 /) },
      { email: 'jane.doe@yahoo.com', reason: 'complaint (abuse, Yahoo!-Mail-Feedback/2.0): the recipient marked it as spam' },
      { email: 'sam@hotmail.com', reason: 'complaint (abuse, Hotmail FBL): the recipient marked it as spam' },
    ]);
    const recorded = events().map((e) => ({ ...e, properties: JSON.parse(e.properties) }));
    expect(recorded).toEqual([
      { contact_id: 1, name: 'email_bounced', occurred_at: Date.parse('2026-06-01T10:00:12Z'), properties: expect.objectContaining({ kind: 'hard', status: '5.1.1', message_id: '<j_welcome.1.1.n_welcome.1@journey-studio.local>' }) },
      { contact_id: 2, name: 'email_bounced', occurred_at: Date.parse('2026-06-01T10:05:03Z'), properties: expect.objectContaining({ kind: 'soft', status: '5.2.2', message_id: '<j_welcome.2.1.n_welcome.1@journey-studio.local>' }) },
      { contact_id: 3, name: 'email_complained', occurred_at: Date.parse('2026-06-02T08:14:08Z'), properties: { feedback_type: 'abuse', message_id: '<j_welcome.3.1.n_welcome.1@journey-studio.local>', user_agent: 'Yahoo!-Mail-Feedback/2.0' } },
      { contact_id: 4, name: 'email_complained', occurred_at: Date.parse('2026-06-02T09:21:43Z'), properties: { feedback_type: 'abuse', message_id: '<j_welcome.4.1.n_welcome.1@journey-studio.local>', user_agent: 'Hotmail FBL' } },
      { contact_id: 5, name: 'email_bounced', occurred_at: Date.parse('2026-06-01T10:06:40Z'), properties: expect.objectContaining({ kind: 'policy', status: '5.7.1' }) },
    ]);
    // The outbox shows each email as sent, with what came back later.
    const outbox = await ws.client['engine.outbox']({});
    const note = (to: string) => outbox.find((e) => e.to === to)!;
    expect(note('gone.away@gmail.com')).toMatchObject({ status: 'sent', lastError: expect.stringMatching(/^hard bounce reported later/) });
    expect(note('sam@hotmail.com')).toMatchObject({ status: 'sent', lastError: 'complaint (abuse, Hotmail FBL): the recipient marked it as spam' });
    expect(note('slow@example.com').lastError).toBeNull();
  });

  it('reads only what arrived since; a report read again, or the mailbox read from the start, changes nothing', async () => {
    expect((await poller.readOnce()).mailbox).toEqual([]);
    await imap.deliver([fixture('gmail-unknown-user.eml')]); // the same report, delivered twice
    const again = await poller.readOnce();
    expect(again.mailbox!.map((m) => m.source)).toEqual(['INBOX UID 8']);
    expect(again.mailbox![0].outcomes).toMatchObject([{ kind: 'hard-bounce', isNew: false }]);

    db.prepare(`DELETE FROM settings WHERE key = 'engine.bounceMailboxCursor'`).run();
    const before = { events: events().length, suppressed: suppressed().length };
    const all = await poller.readOnce();
    expect(all.mailbox).toHaveLength(8);
    expect(all.mailbox!.flatMap((m) => m.outcomes).filter((o) => o.isNew)).toEqual([]);
    expect({ events: events().length, suppressed: suppressed().length }).toEqual(before);
  });

  it(".eml files dropped in the feedback folder beside the workspace are read, then moved to feedback/read", async () => {
    const folder = feedbackFolder(ws.databasePath);
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(fixtures, 'postfix-blocklisted.eml'), join(folder, 'blocklisted.eml'));
    const read = await poller.readOnce();
    expect(read.folder.map((m) => [m.source, m.outcomes.map((o) => o.kind)])).toEqual([['blocklisted.eml', ['policy-bounce']]]);
    expect(existsSync(join(folder, 'blocklisted.eml'))).toBe(false);
    expect(readdirSync(join(folder, 'read'))).toEqual(['blocklisted.eml']);
  });

  it('journey-studio feedback read: the mailbox with the password from the environment, a folder, and a refused login said plainly', () => {
    db.prepare(`DELETE FROM settings WHERE key = 'engine.bounceMailboxCursor'`).run();
    const mailbox = cli(['feedback', 'read', '--mailbox'], { JOURNEY_STUDIO_IMAP_PASSWORD: imap.password });
    expect(mailbox.stderr).toBe('');
    expect(mailbox.code).toBe(0);
    expect(mailbox.stdout).toMatch(/^bounce mailbox: 8 new message\(s\)$/m);
    expect(mailbox.stdout).toMatch(/^ {2}complaint from sam@hotmail\.com \(abuse, Hotmail FBL\): suppressed \(already recorded\) \[j_welcome\.4\.1\.n_welcome\.1\]$/m);
    expect(mailbox.stdout).toMatch(/^INBOX UID 7: skipped, not a delivery status notification or a feedback report \(its type is text\/plain\)$/m);

    const folder = cli(['feedback', 'read', '--folder', fixtures]);
    expect(folder.code).toBe(0);
    expect(folder.stdout).toMatch(/^gmail-unknown-user\.eml: delivery status notification\n {2}hard bounce for gone\.away@gmail\.com \(5\.1\.1: the address does not exist or cannot receive mail\): suppressed \(already recorded\)/m);
    expect(readdirSync(fixtures)).toHaveLength(6); // a folder named on the command line keeps its files

    const refused = cli(['feedback', 'read', '--mailbox'], { JOURNEY_STUDIO_IMAP_PASSWORD: 'wrong' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^journey-studio: could not read the bounce mailbox bounces@127\\.0\\.0\\.1:${imap.port}/INBOX: the server refused the login`));
    const unset = cli(['feedback', 'read', '--mailbox'], { JOURNEY_STUDIO_IMAP_PASSWORD: '' });
    expect(unset.stderr).toBe('journey-studio: the bounce mailbox bounces@127.0.0.1 needs a password: set JOURNEY_STUDIO_IMAP_PASSWORD\n');
  }, 90_000);
});
