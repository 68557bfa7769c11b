import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser, type AddressObject } from 'mailparser';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutgoingEmail } from './emailSender.ts';
import { OutboxSender } from './outboxSender.ts';

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

// mailparser: nodemailer's authors' parser, which shares none of composeMessage's code
describe('the outbox .eml files, read by an independent MIME parser (mailparser)', () => {
  it.each(emails)('%s: every header and part reads back as sent', async (_, email) => {
    const folder = mkdtempSync(join(tmpdir(), 'journey-studio-outbox-'));
    folders.push(folder);
    const outbox = new OutboxSender(folder);
    const before = Date.now();
    const { location } = await outbox.send(email);
    expect(readdirSync(folder)).toEqual([`${email.messageKey}.eml`]); // no .partial left behind
    const source = readFileSync(location);
    expect(source.includes('\r')).toBe(false); // LF line breaks, as a mail client saves a message

    const parsed = await simpleParser(source);
    expect(parsed.messageId).toBe(email.messageId);
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.from?.value).toEqual([{ name: email.from.name, address: email.from.address }]);
    expect((parsed.to as AddressObject).value).toEqual([{ name: '', address: email.to }]);
    expect(parsed.replyTo?.value).toEqual(email.replyTo ? [{ name: '', address: email.replyTo }] : undefined);
    expect(Math.abs(parsed.date!.getTime() - before)).toBeLessThan(5_000);
    expect(parsed.headers.get('list')).toEqual({ unsubscribe: { url: unsubscribeUrl, mail: mailto.slice('mailto:'.length) }, 'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' } });
    expect(parsed.headers.get('mime-version')).toBe('1.0');
    expect(parsed.headers.get('content-type')).toMatchObject(email.text ? { value: 'multipart/alternative' } : { value: 'text/html', params: { charset: 'utf-8' } });
    // a message ends with a line break; in a message of one part it is the part's own last line's
    expect(parsed.html).toBe(email.text ? email.html : `${email.html}\n`);
    if (email.text) expect(parsed.text).toBe(email.text.replaceAll('\r\n', '\n'));
    expect(parsed.attachments).toEqual([]);

    // sent again (after a crash before the row was marked): the same file, the same Message-ID
    await outbox.send(email);
    expect(readdirSync(folder)).toEqual([`${email.messageKey}.eml`]);
    expect((await simpleParser(readFileSync(location))).messageId).toBe(email.messageId);
  });
});
