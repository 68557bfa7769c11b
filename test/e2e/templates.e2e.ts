import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const vipBody = `<h1>Hello {{ first_name | default: "there" }}</h1>
{% if contact.tags contains "vip" %}<p>Free shipping for VIPs</p>{% else %}<p>Shipping is free over $50</p>{% endif %}
<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>`;

describe('template editor in browser mode', () => {
  it('previews a conditional VIP block for a VIP contact and for another', async () => {
    app = await startApp({ sample: { contacts: 50 } });
    const { page } = app;
    const db = app.workspace.services.db;
    const vip = db.prepare("SELECT c.email, c.first_name FROM contacts c WHERE EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = 'vip') ORDER BY c.id LIMIT 1").get() as { email: string; first_name: string };
    const other = db.prepare("SELECT c.email, c.first_name FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = 'vip') ORDER BY c.id LIMIT 1").get() as { email: string; first_name: string };

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
