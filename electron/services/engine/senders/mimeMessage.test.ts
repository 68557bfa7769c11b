import { describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { seededRandom, type Random } from '../../../../shared/util/random.ts';
import type { OutgoingEmail } from './emailSender.ts';
import { composeMessage } from './mimeMessage.ts';

const date = new Date(Date.UTC(2026, 5, 1, 9, 30, 5));
const baseBoundary = '0123456789abcdef';

/** The email's fields as nodemailer takes them (its own composer is the reference), the boundary's random part fixed. */
const mailOptions = (email: OutgoingEmail) => ({
  messageId: email.messageId,
  from: { name: email.from.name, address: email.from.address },
  to: email.to,
  replyTo: email.replyTo || undefined,
  subject: email.subject,
  html: email.html,
  text: email.text,
  headers: email.headers,
  baseBoundary,
});

/** What the outbox wrote before composeMessage: MailComposer's message through a stream transport, LF line breaks. */
async function outboxMessage(email: OutgoingEmail): Promise<string> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  // the moment the message is stamped with, set where nodemailer sets it (a Date option would move the header)
  transport.use('stream', (mail, done) => {
    mail.message.date = date;
    done();
  });
  return ((await transport.sendMail(mailOptions(email))).message as Buffer).toString('utf8');
}

/** What MailComposer builds, before any transport changes its line breaks (SMTP sends it through its data stream). */
async function composerMessage(email: OutgoingEmail): Promise<string> {
  const message = new MailComposer(mailOptions(email)).compile();
  message.date = date;
  return (await message.build()).toString('utf8');
}

const words = ['Hello', 'cart', 'Grüße', 'café', 'naïve', 'Привет', 'こんにちは', '🎉', 'O\'Brien', '"quoted"', 'a,b', 'x;y', '<tag>', '=?', '=?utf-8?Q?looks_encoded?=', '=', '\t', '  ', 'tail ', 'https://shop.example/a/very/long/path/that/goes/on/and/on?with=query&and=more'];
const phrase = (random: Random, max: number) => Array.from({ length: random.int(0, max) }, () => random.pick(words)).join(random.pick([' ', '', '  ']));

/** Seeded emails over what rendering can produce: non-ASCII and long lines, blank parts, names to quote or encode. */
function randomEmail(random: Random, i: number): OutgoingEmail {
  const line = () => (random.chance(0.2) ? 'x'.repeat(random.int(70, 200)) : phrase(random, 12));
  const body = (lines: number) => Array.from({ length: lines }, line).join(random.pick(['\n', '\r\n', '\n\n']));
  const key = `j_${i}.${random.int(1, 9999)}.1.n_email.${random.int(1, 3)}`;
  const unsubscribe = `https://shop.example/unsubscribe?t=${i}.${'A'.repeat(22)}`;
  return {
    messageKey: key,
    messageId: `<${key}@journey-studio.local>`,
    from: { name: random.pick(['Shop', 'Shop & Co', 'Café Ünïcode', '', 'The "Best" Shop', 'Shop, Inc.']), address: random.pick(['hello@shop.example', 'news@bücher.example']) },
    to: random.pick([`c${i}@example.com`, `First.Last+${i}@mail-${i}.example.org`, `c${i}@exämple.com`, `c${i}@Example.COM`, `.c${i}@example.com`, `c..${i}@example.com`, `"c ${i}"@example.com`, `c${i}@xn--bcher-kva.example`, `c${i}@example`, `O'Brien.${i}@example.ie`]),
    replyTo: random.chance(0.3) ? random.pick(['help@shop.example', 'Help Desk <help@shop.example>']) : undefined,
    subject: random.chance(0.05) ? '' : phrase(random, random.chance(0.2) ? 30 : 8),
    html: random.chance(0.05) ? '' : `<html><body><p>${body(random.int(1, 12))}</p></body></html>`,
    text: random.chance(0.1) ? '' : body(random.int(1, 12)),
    headers: {
      'List-Unsubscribe': random.chance(0.5) ? `<${unsubscribe}>` : `<${unsubscribe}>, <mailto:unsubscribe@shop.example?subject=unsubscribe%20${i}.${'A'.repeat(22)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

describe('composeMessage', () => {
  it("writes what nodemailer's MailComposer writes for the emails delivery sends", async () => {
    const random = seededRandom(7);
    for (let i = 0; i < 400; i++) {
      const email = randomEmail(random, i);
      const composed = composeMessage(email, { date, baseBoundary });
      expect(composed, JSON.stringify(email)).toBe(await composerMessage(email));
      expect(composed.replaceAll('\r', ''), JSON.stringify(email)).toBe(await outboxMessage(email));
    }
  });

  it('writes the same for the edge cases: no parts, one part, base64, bodies longer than the encoder\'s 64 KiB slices', async () => {
    const base = randomEmail(seededRandom(3), 1);
    const slice = 64 * 1024;
    const edges: Array<Partial<OutgoingEmail>> = [
      { text: '', html: '' },
      { text: '', html: '<p>only HTML</p>' },
      { text: 'only text, ending in blanks \t ', html: '' },
      { subject: '', text: 'Привет, как дела? こんにちは', html: '<p>Привет, как дела?</p>' }, // mostly non-Latin: base64
      { text: `${'a'.repeat(slice - 1)} ${'b'.repeat(100)}  `, html: `<p>${'c'.repeat(slice - 4)} \n${'d'.repeat(80)}</p> ` },
      { text: `${'é'.repeat(slice)} \t`, html: `${'<p>Grüße aus Köln</p>\n'.repeat(4000)}` },
    ];
    for (const edge of edges) {
      const email = { ...base, ...edge };
      const composed = composeMessage(email, { date, baseBoundary });
      expect(composed).toBe(await composerMessage(email));
      expect(composed.replaceAll('\r', '')).toBe(await outboxMessage(email));
    }
  });

  it('writes a fresh Date and a random boundary unless told otherwise', () => {
    const random = seededRandom(1);
    const email = randomEmail(random, 1);
    const first = composeMessage({ ...email, text: 'Hi', html: '<p>Hi</p>' });
    const second = composeMessage({ ...email, text: 'Hi', html: '<p>Hi</p>' });
    const boundaryOf = (message: string) => /boundary="(--_NmP-[0-9a-f]{16}-Part_1)"/.exec(message)?.[1];
    expect(boundaryOf(first)).toBeDefined();
    expect(boundaryOf(first)).not.toBe(boundaryOf(second));
    const stamped = /^Date: (.+)$/m.exec(first)?.[1];
    expect(Math.abs(Date.parse(stamped!) - Date.now())).toBeLessThan(5_000);
  });
});
