import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { readOutbox } from '../../../test/helpers/outbox.ts';
import { ContactWriter } from '../contacts/contactWriter.ts';
import { JourneyBuilder } from '../sample/journeyBuilder.ts';
import { OutboxSender } from './senders/outboxSender.ts';
import { JourneyRunner } from './runner.ts';
import { EnvironmentSecretStore } from './secretStore.ts';
import { UnsubscribeLinks } from './unsubscribe.ts';
import { readSendingSettings } from './sendingSettings.ts';
import { toSendError } from './senders/emailSender.ts';
import { encodeTags, hasTagSql } from '../contacts/tagColumn.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 10);

function setup(contacts = 3) {
  let clock = T0;
  const ws = tempWorkspace(() => clock);
  const { db } = ws.services;
  const writer = new ContactWriter(db, () => clock);
  for (let i = 1; i <= contacts; i++) writer.upsertContact({ email: `p${i}@example.com`, first_name: `P${i}`, consent: i === contacts ? 'unsubscribed' : 'subscribed', timezone: 'UTC' });
  db.prepare(`INSERT INTO templates (id, name, document, created_at, updated_at) VALUES ('t1', 'One', ?, 0, 0)`).run(
    JSON.stringify({ fromName: 'Shop', fromEmail: 'shop@example.com', replyTo: '', format: 'html', locale: 'en', content: { subject: 'Hi {{ first_name }}', preheader: '', body: '<p>Hi {{ first_name }}</p><a href="{{ unsubscribe_url }}">Unsubscribe</a>', text: '' }, variants: {} }),
  );
  const document = new JourneyBuilder()
    .add('n_trigger', 'trigger', 'Signed up', { trigger: { type: 'event', event: { name: 'signed_up', filters: [] } } })
    .add('n_welcome', 'email', 'Welcome', { templateId: 't1', sendWindow: null })
    .add('n_wait', 'wait', 'Wait a day', { wait: { type: 'duration', duration: { amount: 1, unit: 'days' } } })
    .add('n_vip', 'condition', 'VIP?', { rule: { type: 'tag', tag: 'vip', has: true } })
    .add('n_tag', 'update-contact', 'Tag', { actions: [{ op: 'add-tag', tag: 'welcomed' }, { op: 'set-attribute', attribute: 'stage', value: 'onboarded' }] })
    .add('n_exit', 'exit', 'Done', {})
    .chain('n_trigger', 'n_welcome', 'n_wait', 'n_vip')
    .link('n_vip', 'n_tag', 'yes')
    .link('n_vip', 'n_exit', 'no')
    .chain('n_tag', 'n_exit')
    .build();
  ws.services.journeys.create('Welcome', document, 'j_welcome');
  const outbox = new OutboxSender(join(ws.dir, 'outbox'));
  const runner = new JourneyRunner({ services: ws.services, sender: outbox, now: () => clock, onError: (e) => { throw e; } });
  const signUp = (contactId: number, at = clock) => writer.insertEvent({ contactId, name: 'signed_up', occurredAt: at });
  return { ws, db, writer, runner, outbox, signUp, setClock: (at: number) => (clock = at) };
}

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

describe('the runner and the journey controls', () => {
  it('decides a batch together, and when one run is broken the others still go on while it is reported and put off', async () => {
    const t = setup(4);
    cleanup.push(() => t.ws.close());
    await t.ws.client['journeys.publish']({ id: 'j_welcome' });
    for (const id of [1, 2, 3, 4]) t.signUp(id);
    const errors: string[] = [];
    const runner = new JourneyRunner({ services: t.ws.services, sender: t.outbox, now: () => T0, onError: (_error, runId) => errors.push(runId!) });
    // Admit the four without deciding them, then break one run's stored state.
    runner.admissions.scan(T0, { memberships: true });
    t.db.prepare(`UPDATE journey_runs SET state = '{not json' WHERE contact_id = 2`).run();
    expect(runner.decideBatch(T0)).toBe(3);
    expect(errors).toEqual([t.db.prepare('SELECT id FROM journey_runs WHERE contact_id = 2').pluck().get()]);
    const dueOf = (contactId: number) => t.db.prepare('SELECT due_at FROM journey_runs WHERE contact_id = ?').pluck().get(contactId);
    expect(dueOf(2)).toBe(T0 + 60_000);
    expect(t.db.prepare(`SELECT contact_id FROM outbound_emails ORDER BY contact_id`).pluck().all()).toEqual([1, 3]);
    await runner.close();
  });

  it('runs a live journey: the emails in the outbox, counts on each node, and where each contact is and why', async () => {
    const t = setup(3);
    cleanup.push(() => t.ws.close());
    await t.ws.client['journeys.publish']({ id: 'j_welcome' });
    t.db.prepare(`UPDATE contacts SET tags = ? WHERE id = 1`).run(encodeTags(['vip']));
    for (const id of [1, 2, 3]) t.signUp(id);
    const first = await t.runner.runOnce();
    expect(first).toMatchObject({ admitted: 3, sent: 2 });

    const messages = await readOutbox(t.outbox.folder);
    expect(messages.map((m) => m.messageId)).toEqual(['<j_welcome.1.1.n_welcome.1@journey-studio.local>', '<j_welcome.2.1.n_welcome.1@journey-studio.local>']);
    expect(new Set(messages.map((m) => m.file)).size).toBe(1); // one batch, one file
    const eml = messages[0].content.toString('utf8');
    expect(eml).toMatch(/^Message-ID: <j_welcome\.1\.1\.n_welcome\.1@journey-studio\.local>$/m);
    expect(eml).toMatch(/^Subject: Hi P1$/m);
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

    t.setClock(T0 + 25 * HOUR);
    await t.runner.runOnce();
    const counts = await t.ws.client['engine.nodeCounts']({ journeyId: 'j_welcome' });
    const node = (id: string) => counts.nodes.find((n) => n.nodeId === id)!;
    expect(node('n_welcome')).toMatchObject({ sent: 2, suppressed: 1, passed: 3 });
    expect(node('n_vip').branches).toEqual({ yes: 1, no: 2 }); // the unsubscribed contact moves on without the email
    expect(node('n_exit')).toMatchObject({ passed: 3, now: 0 });
    // The update-contact node wrote to the contact.
    expect(t.db.prepare(`SELECT attributes FROM contacts WHERE id = 1`).pluck().get()).toContain('"stage":"onboarded"');
    expect(t.db.prepare(`SELECT COUNT(*) FROM contacts WHERE ${hasTagSql('tags', "'welcomed'")}`).pluck().get()).toBe(1);

    const where = await t.ws.client['engine.whereIs']({ contactId: 2 });
    expect(where).toHaveLength(1);
    expect(where[0]).toMatchObject({ journeyName: 'Welcome', status: 'exited', summary: 'Left at "Done": reached the exit "Done"' });
    expect(where[0].steps.map((s) => s.outcome)).toEqual(['entered', 'sent', 'waiting', 'resumed', 'branched', 'exited']);
    expect(where[0].steps[4].reason).toBe('condition "VIP?" was false: does not have the tag "vip"');
    const unsubscribed = await t.ws.client['engine.whereIs']({ contactId: 3, journeyId: 'j_welcome' });
    expect(unsubscribed[0].steps[1]).toMatchObject({ outcome: 'suppressed', reason: 'not sent: the contact has unsubscribed' });

    const outbox = await t.ws.client['engine.outbox']({});
    expect(outbox.map((e) => [e.to, e.status, e.subject])).toEqual([
      ['p1@example.com', 'sent', 'Hi P1'],
      ['p2@example.com', 'sent', 'Hi P2'],
    ]);
  });

  it('pause keeps the work queued, resume runs it, stop makes everyone leave with the reason "stopped"', async () => {
    const t = setup(3);
    cleanup.push(() => t.ws.close());
    await t.ws.client['journeys.publish']({ id: 'j_welcome' });
    t.signUp(1);
    await t.runner.runOnce();
    expect((await t.ws.client['journeys.pause']({ id: 'j_welcome' })).status).toBe('paused');
    t.signUp(2);
    t.setClock(T0 + 25 * HOUR);
    expect(await t.runner.runOnce()).toMatchObject({ admitted: 0, decided: 0 });
    const waiting = await t.ws.client['engine.whereIs']({ contactId: 1 });
    expect(waiting[0].summary).toBe('Waiting at "Wait a day" until 2026-06-02 10:00 UTC');
    await expect(t.ws.client['journeys.pause']({ id: 'j_welcome' })).rejects.toThrow('only a live journey can be paused; this one is paused');

    expect((await t.ws.client['journeys.resume']({ id: 'j_welcome' })).status).toBe('live');
    t.signUp(1, T0 + 26 * HOUR); // an event while live again wakes no one new (contact 1 is still in), but is read
    t.setClock(T0 + 26 * HOUR);
    const resumed = await t.runner.runOnce();
    expect(resumed.decided).toBeGreaterThan(0);
    expect((await t.ws.client['engine.whereIs']({ contactId: 1 }))[0].status).toBe('exited');

    // A new entrant is waiting when the journey stops.
    t.signUp(2, T0 + 26 * HOUR);
    await t.runner.runOnce();
    const stopped = await t.ws.client['journeys.stop']({ id: 'j_welcome' });
    expect(stopped).toMatchObject({ contactsStopped: 1, journey: { status: 'stopped' } });
    const left = await t.ws.client['engine.whereIs']({ contactId: 2 });
    expect(left[0]).toMatchObject({ status: 'exited', exitReason: 'stopped', dueAt: null, summary: 'Left at "Wait a day": stopped' });
    expect(await t.runner.runOnce()).toMatchObject({ decided: 0 });
  });

  it('catches up at start with work that fell due while closed; too-late emails follow the late-send setting', async () => {
    const t = setup(2);
    cleanup.push(() => t.ws.close());
    const doc = (await t.ws.client['journeys.get']({ id: 'j_welcome' })).document;
    const delayed = {
      ...doc,
      nodes: [...doc.nodes, { id: 'n_later', kind: 'email' as const, name: 'Later', config: { templateId: 't1', sendWindow: null } }],
      edges: doc.edges.map((e) => (e.source === 'n_vip' && e.sourceHandle === 'no' ? { ...e, target: 'n_later' } : e)).concat({ id: 'e_later', source: 'n_later', sourceHandle: 'next', target: 'n_exit' }),
      settings: { ...doc.settings, lateSend: { maxLateHours: 12, whenLate: 'skip' as const } },
    };
    await t.ws.client['journeys.saveDraft']({ id: 'j_welcome', document: delayed });
    await t.ws.client['journeys.publish']({ id: 'j_welcome' });
    t.signUp(1);
    await t.runner.runOnce();
    // The app is closed for three days; at start the overdue contact moves on, and the email is skipped.
    t.setClock(T0 + 4 * 24 * HOUR);
    await t.runner.runOnce();
    const where = await t.ws.client['engine.whereIs']({ contactId: 1 });
    expect(where[0].steps.find((s) => s.nodeId === 'n_later')).toMatchObject({
      outcome: 'skipped',
      reason: 'not sent: 72 hours late (the journey skips emails more than 12 hours late)',
    });
  });
});

describe('the date-attribute trigger', () => {
  it('admits a contact on their day, once per occurrence, again the next year', async () => {
    const t = setup(2);
    cleanup.push(() => t.ws.close());
    t.writer.upsertContact({ email: 'p1@example.com', attributes: { birthday: '1990-06-04' } });
    t.writer.upsertContact({ email: 'p2@example.com', attributes: { birthday: '1985-12-25' } });
    const document = new JourneyBuilder()
      .add('n_trigger', 'trigger', 'Birthday soon', { trigger: { type: 'date-attribute', attribute: 'birthday', offsetDays: -3, yearly: true } })
      .add('n_exit', 'exit', 'Done', {})
      .chain('n_trigger', 'n_exit')
      .build({ reentry: { mode: 'always', minGap: null } });
    t.ws.services.journeys.create('Birthday', document, 'j_birthday');
    await t.ws.client['journeys.publish']({ id: 'j_birthday' });
    const entries = () => t.db.prepare(`SELECT contact_id, entry FROM journey_runs WHERE journey_id = 'j_birthday' ORDER BY contact_id, entry`).all();
    t.setClock(Date.UTC(2026, 5, 1, 9));
    expect((await t.runner.runOnce()).admitted).toBe(1);
    t.setClock(Date.UTC(2026, 5, 1, 15));
    expect((await t.runner.runOnce()).admitted).toBe(0);
    t.setClock(Date.UTC(2027, 5, 1, 9));
    await t.runner.runOnce();
    expect(entries()).toEqual([
      { contact_id: 1, entry: 1 },
      { contact_id: 1, entry: 2 },
    ]);
  });
});

describe('sending', () => {
  it("sorts nodemailer's errors by their reply: hard bounce, transient, policy, our own fault", () => {
    expect(toSendError({ responseCode: 550, response: '550 5.1.1 no such user' })).toMatchObject({ message: '550 5.1.1 no such user', reply: { kind: 'hard-bounce', basic: 550, enhanced: '5.1.1' } });
    expect(toSendError({ responseCode: 554, response: '554 5.7.1 Service unavailable; client host blocked using Spamhaus' }).reply.kind).toBe('policy');
    expect(toSendError({ responseCode: 552, response: '552-5.2.2 The recipient\'s inbox is out of storage space' }).reply.kind).toBe('transient');
    expect(toSendError({ responseCode: 451, response: '451 try later' }).reply.kind).toBe('transient');
    expect(toSendError({ responseCode: 503, response: '503 bad sequence' }).reply.kind).toBe('our-fault');
    expect(toSendError({ code: 'EAUTH', message: 'Missing credentials for "PLAIN"' }).reply.kind).toBe('our-fault');
    expect(toSendError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toMatchObject({ reply: { kind: 'transient' }, message: 'ECONNREFUSED: connect ECONNREFUSED' });
  });

  it('never stores the SMTP password as plain text: without a keychain it is refused and read from the environment', async () => {
    const t = setup(1);
    cleanup.push(() => t.ws.close());
    const settings = { ...readSendingSettings(t.db), sender: 'smtp' as const, smtp: { host: 'smtp.example.com', port: 587, secure: false, user: 'me', messagesPerSecond: 5, maxConnections: 2, allowInvalidCertificates: false } };
    await expect(t.ws.client['engine.saveSendingSettings']({ settings, password: 'hunter2' })).rejects.toThrow(/no keychain.*JOURNEY_STUDIO_SMTP_PASSWORD/);
    const bounceMailbox = { host: 'imap.example.com', port: 993, secure: true, user: 'bounces@example.com', mailbox: 'INBOX', allowInvalidCertificates: false };
    await expect(t.ws.client['engine.saveSendingSettings']({ settings: { ...settings, bounceMailbox }, bounceMailboxPassword: 'hunter3' })).rejects.toThrow(/no keychain.*JOURNEY_STUDIO_IMAP_PASSWORD/);
    expect(readSendingSettings(t.db).bounceMailbox).toBeNull(); // refused whole
    const saved = await t.ws.client['engine.saveSendingSettings']({ settings });
    expect(saved).toMatchObject({ passwordStored: false, canStorePassword: false, settings: { sender: 'smtp' } });
    const everything = JSON.stringify(t.db.prepare('SELECT * FROM settings').all());
    expect(everything).not.toContain('hunter2');
    expect(everything).not.toContain('hunter3');
    expect(new EnvironmentSecretStore({ JOURNEY_STUDIO_IMAP_PASSWORD: 'imap-s3cret' }).get('imap.password')).toBe('imap-s3cret');
    expect(new EnvironmentSecretStore({ JOURNEY_STUDIO_SMTP_PASSWORD: 's3cret' }).get('smtp.password')).toBe('s3cret');
  });

  it('marks the emails of a template that cannot be prepared failed, saying why', async () => {
    const t = setup(3);
    cleanup.push(() => t.ws.close());
    const section = '<mj-section><mj-column><mj-text>Hi {{ first_name }}</mj-text></mj-column></mj-section>';
    const mjml = { fromName: 'Shop', fromEmail: 'shop@example.com', replyTo: '', format: 'mjml', locale: 'en', variants: {}, content: { subject: 'Hi', preheader: '', body: `<mjml><mj-body>${section.repeat(1_000)}</mj-body></mjml>`, text: '' } };
    t.db.prepare(`UPDATE templates SET document = ? WHERE id = 't1'`).run(JSON.stringify(mjml));
    await t.ws.client['journeys.publish']({ id: 'j_welcome' });
    for (const id of [1, 2]) t.signUp(id);
    expect(await t.runner.runOnce()).toMatchObject({ admitted: 2, sent: 0, failed: 2 });
    const errors = t.db.prepare(`SELECT DISTINCT last_error FROM outbound_emails WHERE status = 'failed'`).pluck().all();
    expect(errors).toEqual([expect.stringMatching(/^the template t1 cannot be prepared: MJML size limit exceeded: the body has 8\d,\d{3} characters, MJML bodies at most 50,000/)]);
    await t.runner.close();
  }, 60_000);

  it('refuses sending settings with some left out, naming them, or a From address that is not one, and keeps the saved ones', async () => {
    const t = setup(1);
    cleanup.push(() => t.ws.close());
    const smtp = { host: 'smtp.example.com', port: 587, secure: false, user: 'me', messagesPerSecond: 5, maxConnections: 2, allowInvalidCertificates: false };
    const saved = (await t.ws.client['engine.saveSendingSettings']({ settings: { ...readSendingSettings(t.db), sender: 'smtp', smtp } })).settings;
    const save = (settings: unknown) => t.ws.client['engine.saveSendingSettings']({ settings } as never);
    await expect(save({})).rejects.toMatchObject({
      code: 'invalid-input',
      issues: ['sender', 'smtp', 'defaultFrom', 'unsubscribeUrl', 'unsubscribeMailto', 'bounceMailbox'].map((field) => ({ path: `settings.${field}`, message: 'missing (a save gives every setting)' })),
    });
    await expect(save({ ...saved, smtp: { host: 'smtp.example.com' } })).rejects.toThrow(/settings\.smtp\.port: missing \(a save gives every setting\)/);
    await expect(save({ ...saved, defaultFrom: { name: 'Shop', email: 'shop at example' } })).rejects.toThrow(
      'engine.saveSendingSettings: settings.defaultFrom.email: the default From address must be an email address, like news@yourshop.com',
    );
    expect(readSendingSettings(t.db)).toEqual(saved);
  });

  it('an unsubscribe link unsubscribes its contact, and a forged one is refused', async () => {
    const t = setup(2);
    cleanup.push(() => t.ws.close());
    const links = new UnsubscribeLinks(t.db);
    const token = links.token(1);
    expect(await t.ws.client['engine.unsubscribe']({ token })).toEqual({ email: 'p1@example.com' });
    expect(t.db.prepare('SELECT consent FROM contacts WHERE id = 1').pluck().get()).toBe('unsubscribed');
    await expect(t.ws.client['engine.unsubscribe']({ token: token.replace(/^1\./, '2.') })).rejects.toThrow('not valid');
    const { headers, url } = links.forContact(readSendingSettings(t.db), 1);
    expect(url).toBe(`https://example.com/unsubscribe?t=${token}`);
    expect(headers['List-Unsubscribe']).toBe(`<${url}>`);
  });
});
