import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/workspace.ts';
import { startSmtpServer } from '../helpers/smtpServer.ts';
import { writeSendingSettings } from '../../electron/services/engine/sendingSettings.ts';
import { SendingSettings } from '../../shared/engine/sendingSettings.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { starterDocument } from '../../electron/services/templates/starterTemplate.ts';
import { rejection } from '../helpers/rejection.ts';

const NOW = Date.UTC(2026, 5, 1);
let ws: ReturnType<typeof tempWorkspace>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let adaId: number;

beforeAll(async () => {
  smtp = await startSmtpServer({ refuseRecipient: (address) => address.startsWith('nobody@') });
});
afterAll(() => smtp.close());
beforeEach(() => {
  ws = tempWorkspace(() => NOW);
  adaId = new ContactWriter(ws.services.db, () => NOW).upsertContact({ email: 'ada@example.com', first_name: 'Ada', consent: 'subscribed', tags: ['vip'] }).id;
  smtp.received.length = 0;
});
afterEach(() => ws.close());

const template = {
  name: 'Welcome',
  document: {
    ...starterDocument(),
    fromName: 'Shop',
    fromEmail: 'hello@shop.example',
    content: {
      subject: 'Hi {{ first_name | default: "there" }}',
      preheader: '',
      text: '',
      body: '<p>Hello {{ first_name | default: "there" }}{% if contact.tags contains "vip" %}, our VIP{% endif %}.</p><p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
    },
  },
};

const useSmtp = () => writeSendingSettings(ws.services.db, SendingSettings.parse({ sender: 'smtp', smtp: { host: '127.0.0.1', port: smtp.port } }));

const outboundCount = () => ws.services.db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'outbound_emails'`).pluck().get() === 1 ? (ws.services.db.prepare('SELECT COUNT(*) FROM outbound_emails').pluck().get() as number) : 0;

describe("'Send a test' from the template editor", { timeout: 60_000 }, () => {
  it('renders the template for the chosen contact and sends it over SMTP, marked [Test], with an unsubscribe link that unsubscribes nobody', async () => {
    useSmtp();
    const result = await ws.client['templates.sendTest']({ template, to: 'qa@team.example', contactId: adaId });
    expect(result).toMatchObject({ to: 'qa@team.example', subject: '[Test] Hi Ada', sender: 'smtp', renderedFor: 'ada@example.com' });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to).toEqual(['qa@team.example']);
    expect(mail.subject).toBe('[Test] Hi Ada');
    expect(mail.messageId).toBe(result.messageId);
    expect(mail.raw).toContain('Hello Ada, our VIP.');
    expect(mail.raw).toMatch(/From: Shop <hello@shop\.example>/);
    expect(mail.raw).toContain('unsubscribe?t=test');
    expect(mail.raw).not.toMatch(/^List-Unsubscribe:/im);
    // a test is not a journey's send, and the contact stays subscribed
    expect(outboundCount()).toBe(0);
    expect(ws.services.db.prepare('SELECT consent FROM contacts WHERE id = ?').pluck().get(adaId)).not.toBe('unsubscribed');
  });

  it('goes to the outbox when that is the sender (the default), for the sample contact when none is chosen', async () => {
    const result = await ws.client['templates.sendTest']({ template, to: 'qa@team.example' });
    expect(result.sender).toBe('outbox');
    expect(result.location && existsSync(result.location)).toBe(true);
    const eml = readFileSync(result.location!, 'utf8');
    expect(eml).toMatch(/^Subject: \[Test\] Hi /m);
    expect(eml).toMatch(/^To: qa@team\.example/m);
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses an invalid address, saying which field and why, and sends nothing', async () => {
    useSmtp();
    const error = await rejection(ws.client['templates.sendTest']({ template, to: 'not an address', contactId: adaId }));
    expect(error.code).toBe('invalid-input');
    expect(error.issues?.[0]).toEqual({ path: 'to', message: 'enter one email address, like you@example.com' });
    expect(smtp.received).toHaveLength(0);
  });

  it('says so when SMTP is chosen but no server is configured', async () => {
    writeSendingSettings(ws.services.db, SendingSettings.parse({ sender: 'smtp', smtp: null }));
    const error = await rejection(ws.client['templates.sendTest']({ template, to: 'qa@team.example', contactId: adaId }));
    expect(error.code).toBe('refused');
    expect(error.message).toBe('not sent: sending is set to SMTP but no SMTP server is configured');
  });

  it("passes on the SMTP server's refusal, and a template error with its line and column", async () => {
    useSmtp();
    const refused = await rejection(ws.client['templates.sendTest']({ template, to: 'nobody@team.example', contactId: adaId }));
    expect(refused.code).toBe('refused');
    expect(refused.message).toMatch(/^not sent through the SMTP server: 550 /);
    const broken = { ...template, document: { ...template.document, content: { ...template.document.content, body: '<p>\n{% if x %}never closed</p>' } } };
    const error = await rejection(ws.client['templates.sendTest']({ template: broken, to: 'qa@team.example', contactId: adaId }));
    expect(error.message).toMatch(/^not sent: the template has an error in the body at line 2, column 1: /);
    expect(smtp.received).toHaveLength(0);
  });

  it('says so when the SMTP server cannot be reached', async () => {
    const closed = await startSmtpServer();
    await closed.close();
    writeSendingSettings(ws.services.db, SendingSettings.parse({ sender: 'smtp', smtp: { host: '127.0.0.1', port: closed.port } }));
    const error = await rejection(ws.client['templates.sendTest']({ template, to: 'qa@team.example', contactId: adaId }));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/^not sent through the SMTP server: .*ECONNREFUSED/);
  });
});
