import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser, type AddressObject } from 'mailparser';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutgoingEmail, ReadyEmail, SendOutcome } from './emailSender.ts';
import { composeMessage } from './mimeMessage.ts';
import { eraseFromOutbox, OutboxSender } from './outboxSender.ts';
import { outboxFiles, readOutbox } from '../../../../test/helpers/outbox.ts';

const unsubscribeUrl = 'https://shop.example/unsubscribe?t=42.AbCdEfGhIjKlMnOpQrStUv';
const mailto = 'mailto:unsubscribe@shop.example?subject=unsubscribe%2042.AbCdEfGhIjKlMnOpQrStUv';
const base: OutgoingEmail = {
  messageKey: 'j_cart.42.1.n_email.1',
  messageId: '<j_cart.42.1.n_email.1@journey-studio.local>',
  from: { name: 'Shop', address: 'hello@shop.example' },
  to: 'ana@example.com',
  subject: 'Ana, you left something in your cart',
  html: '<html><body><p>Hi Ana</p><p><a href="https://shop.example/cart">Back to your cart</a></p></body></html>',
  text: 'Hi Ana\n\nBack to your cart (https://shop.example/cart)',
  headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>, <${mailto}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
};
const emails: Array<[string, OutgoingEmail]> = [
  ['plain ASCII', base],
  [
    'non-ASCII everywhere, a name to quote, a reply-to, lines past 76 characters',
    {
      ...base,
      messageKey: 'j_cart.43.1.n_email.1',
      messageId: '<j_cart.43.1.n_email.1@journey-studio.local>',
      from: { name: 'Café "Zürich", Inc.', address: 'hello@shop.example' },
      replyTo: 'help@shop.example',
      subject: 'Grüße, José: your cart (2 items — €42.00) is waiting 🎉',
      html: `<html><body><p>Grüße, José!</p><p>${'Ein sehr langer Absatz mit Umlauten: äöü ß. '.repeat(12)}</p></body></html>`,
      text: `Grüße, José!\r\n\r\n${'Ein sehr langer Absatz mit Umlauten: äöü ß. '.repeat(12)}  `,
    },
  ],
  ['mostly non-Latin text (base64)', { ...base, messageKey: 'j_cart.44.1.n_email.1', messageId: '<j_cart.44.1.n_email.1@journey-studio.local>', subject: 'Ваша корзина ждёт', html: '<p>Здравствуйте! Ваша корзина ждёт вас. こんにちは</p>', text: 'Здравствуйте! Ваша корзина ждёт вас. こんにちは' }],
  ['HTML only', { ...base, messageKey: 'j_cart.45.1.n_email.1', messageId: '<j_cart.45.1.n_email.1@journey-studio.local>', text: '' }],
];

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});
function newOutbox(): OutboxSender {
  const folder = mkdtempSync(join(tmpdir(), 'journey-studio-outbox-'));
  folders.push(folder);
  return new OutboxSender(folder);
}
const ready = (email: OutgoingEmail): ReadyEmail => ({ ...email, raw: composeMessage(email) });
async function sendAll(outbox: OutboxSender, emails: OutgoingEmail[]): Promise<Map<string, SendOutcome>> {
  const outcomes = new Map<string, SendOutcome>();
  await outbox.sendBatch(emails.map(ready), (email, outcome) => outcomes.set(email.messageKey, outcome));
  return outcomes;
}

// mailparser and mbox-reader: nodemailer's authors' parsers, which share none of the outbox's code
describe('the outbox batch files, read by an independent mbox reader and MIME parser', () => {
  it.each(emails)('%s: every header and part reads back as sent', async (_, email) => {
    const outbox = newOutbox();
    const before = Date.now();
    const outcomes = await sendAll(outbox, [email]);
    const { location } = outcomes.get(email.messageKey) as { location: string };
    expect(outboxFiles(outbox.folder)).toEqual([location]); // no .partial left behind
    expect(location).toMatch(/\/\d{4}-\d{2}-\d{2}\/\d{2}-\d{2}-\d{2}\.\d{3}-j_cart\.\d+\.1\.n_email\.1\.mbox$/);
    expect(readFileSync(location).includes('\r')).toBe(false); // LF line breaks, as a mail client saves mail

    const [message, ...more] = await readOutbox(outbox.folder);
    expect(more).toEqual([]);
    expect(Math.abs((message.time as Date).getTime() - before)).toBeLessThan(5_000); // the separator line's time
    const parsed = await simpleParser(message.content);
    expect(parsed.messageId).toBe(email.messageId);
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.from?.value).toEqual([{ name: email.from.name, address: email.from.address }]);
    expect((parsed.to as AddressObject).value).toEqual([{ name: '', address: email.to }]);
    expect(parsed.replyTo?.value).toEqual(email.replyTo ? [{ name: '', address: email.replyTo }] : undefined);
    expect(Math.abs(parsed.date!.getTime() - before)).toBeLessThan(5_000);
    expect(parsed.headers.get('list')).toEqual({ unsubscribe: { url: unsubscribeUrl, mail: mailto.slice('mailto:'.length) }, 'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' } });
    expect(parsed.headers.get('mime-version')).toBe('1.0');
    expect(parsed.headers.get('content-type')).toMatchObject(email.text ? { value: 'multipart/alternative' } : { value: 'text/html', params: { charset: 'utf-8' } });
    // (the message's final line break is the mbox separator's to a reader: a one-part body comes back without it)
    expect(parsed.html).toBe(email.html);
    if (email.text) expect(parsed.text).toBe(email.text.replaceAll('\r\n', '\n'));
    expect(parsed.attachments).toEqual([]);
  });

  it("writes a batch as one file, and a line starting with 'From ' in a body survives the mbox format", async () => {
    const outbox = newOutbox();
    const batch = emails.map(([, email]) => email);
    // 'From ' lines quoted once ('>From ') and already quoted ones ('>From ' twice) must come back as written
    const tricky = { ...base, messageKey: 'j_cart.46.1.n_email.1', messageId: '<j_cart.46.1.n_email.1@journey-studio.local>', html: '', text: 'Hi\nFrom the team\n>From a quote\nBye' };
    const outcomes = await sendAll(outbox, [...batch, tricky]);
    expect(new Set([...outcomes.values()].map((outcome) => JSON.stringify(outcome))).size).toBe(1);
    expect(outboxFiles(outbox.folder)).toHaveLength(1);
    const messages = await readOutbox(outbox.folder);
    expect(messages.map((m) => m.messageId)).toEqual([...batch, tricky].map((email) => email.messageId));
    expect((await simpleParser(messages.at(-1)!.content)).text).toBe('Hi\nFrom the team\n>From a quote\nBye');
  });

  it('a batch it cannot write is refused as a transient failure (retried later), never half written', async () => {
    const outbox = newOutbox();
    rmSync(outbox.folder, { recursive: true });
    writeFileSync(outbox.folder, 'not a folder'); // the outbox path taken by a file
    const outcomes = await sendAll(outbox, [base]);
    const outcome = outcomes.get(base.messageKey)!;
    expect('error' in outcome && outcome.error.reply.kind).toBe('transient');
    expect('error' in outcome && outcome.error.message).toMatch(/the outbox could not be written/);
  });

  it('erasure removes a contact\'s emails from the batch files and keeps everyone else\'s', async () => {
    const outbox = newOutbox();
    const batch = emails.map(([, email]) => email);
    await sendAll(outbox, batch.slice(0, 2));
    await sendAll(outbox, batch.slice(2, 3));
    eraseFromOutbox(outbox.folder, [batch[1].messageKey, batch[2].messageKey]);
    expect((await readOutbox(outbox.folder)).map((m) => m.messageId)).toEqual([batch[0].messageId]);
    expect(outboxFiles(outbox.folder)).toHaveLength(1); // the file left empty is gone
  });
});
