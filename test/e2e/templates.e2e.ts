import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';
import { startSmtpServer } from '../helpers/smtpServer.ts';
import { writeSendingSettings } from '../../electron/services/engine/sendingSettings.ts';
import { SendingSettings } from '../../shared/engine/sendingSettings.ts';
import { hasTagSql } from '../../electron/services/contacts/tagColumn.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const vipBody = `<h1>Hello {{ first_name | default: "there" }}</h1>
{% if contact.tags contains "vip" %}<p>Free shipping for VIPs</p>{% else %}<p>Shipping is free over $50</p>{% endif %}
<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>`;

describe('template editor in browser mode', () => {
  it("previews the cart email with the contact's own cart, then sends a test through SMTP", async () => {
    app = await startApp({ sample: { contacts: 50 } });
    const { page } = app;
    const db = app.workspace.services.db;
    const smtp = await startSmtpServer();
    try {
      writeSendingSettings(db, SendingSettings.parse({ sender: 'smtp', smtp: { host: '127.0.0.1', port: smtp.port } }));
      const shopper = db
        .prepare(
          `SELECT c.email, (SELECT json_extract(e.properties, '$.name') FROM events e WHERE e.contact_id = c.id AND e.name = 'added_to_cart' ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1) AS product
             FROM contacts c WHERE EXISTS (SELECT 1 FROM events e WHERE e.contact_id = c.id AND e.name = 'added_to_cart') ORDER BY c.id LIMIT 1`,
        )
        .get() as { email: string; product: string };

      await app.open();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
      await page.getByRole('table', { name: 'Templates' }).getByRole('button', { name: 'Cart reminder 1: you left something', exact: true }).click();
      await page.getByRole('textbox', { name: 'Template name' }).waitFor();
      await page.getByRole('searchbox', { name: 'Search contacts to preview' }).fill(shopper.email);
      await page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: new RegExp(shopper.email.replace(/[.+]/g, '\\$&')) }).click();
      await page.getByTestId('preview-trigger').filter({ hasText: "this contact's latest added_to_cart" }).waitFor();
      await page.frameLocator('iframe[title="Email preview"]').getByText(shopper.product).first().waitFor();

      await page.getByRole('textbox', { name: 'Send a test to' }).fill('qa@team.example');
      await page.getByRole('button', { name: 'Send test' }).click();
      await page.getByRole('status').filter({ hasText: 'to qa@team.example through the SMTP server' }).waitFor();
      expect(smtp.received).toHaveLength(1);
      // plain, or MIME-encoded when the rest of the subject is not ASCII (=5B is '[')
      expect(smtp.received[0].subject).toMatch(/^(\[Test\] |=\?UTF-8\?Q\?=5BTest=5D_)/);
      expect(smtp.received[0].to).toEqual(['qa@team.example']);
      await page.screenshot({ path: 'test-results/template-send-test.png' });
    } finally {
      await smtp.close();
    }
  });

  it('previews a conditional VIP block for a VIP contact and for another', async () => {
    app = await startApp({ sample: { contacts: 50 } });
    const { page } = app;
    const db = app.workspace.services.db;
    const vip = db.prepare(`SELECT email, first_name FROM contacts WHERE ${hasTagSql('tags', "'vip'")} ORDER BY id LIMIT 1`).get() as { email: string; first_name: string };
    const other = db.prepare(`SELECT email, first_name FROM contacts WHERE NOT ${hasTagSql('tags', "'vip'")} ORDER BY id LIMIT 1`).get() as { email: string; first_name: string };

    await app.open();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Templates' }).waitFor();
    await page.getByRole('table', { name: 'Templates' }).getByRole('button', { name: 'Cart reminder 1: you left something', exact: true }).waitFor();
    await page.screenshot({ path: 'test-results/templates-list.png' });
    await page.getByRole('textbox', { name: 'New template name' }).fill('VIP shipping');
    await page.getByRole('button', { name: 'New template', exact: true }).click();
    await page.getByRole('textbox', { name: 'Template name' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Template name' }).inputValue()).toBe('VIP shipping');

    const body = page.getByRole('textbox', { name: 'Body' });
    await body.fill(vipBody);
    const frame = page.frameLocator('iframe[title="Email preview"]');
    // the sample contact is tagged vip
    await frame.getByText('Free shipping for VIPs').waitFor();

    const search = page.getByRole('searchbox', { name: 'Search contacts to preview' });
    await search.fill(vip.email);
    await page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: new RegExp(vip.email.replace(/[.+]/g, '\\$&')) }).click();
    await page.getByTestId('preview-contact').filter({ hasText: vip.email }).waitFor();
    await frame.getByRole('heading', { name: `Hello ${vip.first_name}` }).waitFor();
    await frame.getByText('Free shipping for VIPs').waitFor();
    await page.screenshot({ path: 'test-results/template-editor-vip.png' });

    await search.fill(other.email);
    await page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: new RegExp(other.email.replace(/[.+]/g, '\\$&')) }).click();
    await page.getByTestId('preview-contact').filter({ hasText: other.email }).waitFor();
    await frame.getByRole('heading', { name: `Hello ${other.first_name}` }).waitFor();
    await frame.getByText('Shipping is free over $50').waitFor();
    expect(await frame.getByText('Free shipping for VIPs').count()).toBe(0);

    await page.getByRole('button', { name: 'Mobile' }).click();
    expect(await page.locator('iframe[title="Email preview"]').evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: 'test-results/template-editor-mobile.png' });

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const stored = db.prepare("SELECT document FROM templates WHERE name = 'VIP shipping'").pluck().get() as string;
    expect(JSON.parse(stored).content.body).toBe(vipBody);
  });

  it('shows a template error with its line and column, and lint findings', async () => {
    app = await startApp({ sample: { contacts: 10 } });
    const { page } = app;
    await app.open('');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('textbox', { name: 'New template name' }).fill('Broken');
    await page.getByRole('button', { name: 'New template', exact: true }).click();
    const body = page.getByRole('textbox', { name: 'Body' });
    await body.fill('<p>Hi</p>\n<p>{% if first_name %}</p>');
    await page.getByTestId('template-error').filter({ hasText: 'line 2, column 4' }).waitFor();
    await body.fill('<p>Hi {{ frist_name }}</p>\n<img src="https://example.com/logo.png">');
    const findings = page.getByRole('list', { name: 'Lint findings' });
    await findings.getByText('unknown-variable').waitFor();
    await findings.getByText('no-unsubscribe').waitFor();
    await findings.getByText('image-without-alt').waitFor();
    await page.screenshot({ path: 'test-results/template-editor-lint.png' });
  });
});
