import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempWorkspace } from '../helpers/workspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { starterDocument } from '../../electron/services/templates/starterTemplate.ts';
import type { TemplateDocument } from '../../shared/templates/template.ts';
import { rejection } from '../helpers/rejection.ts';
import { cpuMillisAsync } from '../helpers/cpuTime.ts';

const NOW = Date.UTC(2026, 5, 1);
let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace(() => NOW);
});
afterEach(() => ws.close());

const doc = (body: string, more: Partial<TemplateDocument['content']> = {}): TemplateDocument => ({
  ...starterDocument(),
  content: { subject: 'Hi {{ first_name | default: "there" }}', preheader: '', text: '', ...more, body },
});

describe('templates in the store', { timeout: 60_000 }, () => {
  it('creates, reads, updates, duplicates and deletes templates', async () => {
    const created = await ws.client['templates.create']({ name: 'Welcome' });
    expect(created.document.content.body).toContain('unsubscribe_url');
    const updated = await ws.client['templates.update']({ id: created.id, name: 'Welcome 2', document: doc('<p>New</p>') });
    expect(updated.name).toBe('Welcome 2');
    expect((await ws.client['templates.get']({ id: created.id })).document.content.body).toBe('<p>New</p>');
    const copy = await ws.client['templates.duplicate']({ id: created.id });
    const copy2 = await ws.client['templates.duplicate']({ id: created.id });
    expect([copy.name, copy2.name]).toEqual(['Welcome 2 (copy)', 'Welcome 2 (copy 2)']);
    expect((await ws.client['templates.list']({})).map((t) => t.name).sort()).toEqual(['Welcome 2', 'Welcome 2 (copy 2)', 'Welcome 2 (copy)']);
    await ws.client['templates.delete']({ id: copy.id });
    expect((await ws.client['templates.list']({})).length).toBe(2);
  });

  it('refuses a second template with the same name, and writes nothing', async () => {
    await ws.client['templates.create']({ name: 'Promo' });
    const error = await rejection(ws.client['templates.create']({ name: 'Promo' }));
    expect(error.code).toBe('conflict');
    expect((await ws.client['templates.list']({})).length).toBe(1);
  });

  it('rejects an invalid document with the path of the problem', async () => {
    const created = await ws.client['templates.create']({ name: 'Promo' });
    const error = await rejection(ws.client['templates.update']({ id: created.id, document: { ...doc('x'), fromEmail: 'not an email' } }));
    expect(error.code).toBe('invalid-input');
    expect(error.issues?.[0].path).toContain('fromEmail');
    expect((await ws.client['templates.get']({ id: created.id })).document.fromEmail).toBe('');
  });

  it('refuses to delete a template a journey sends', async () => {
    loadSample(ws.services.db, { contacts: 20, seed: 1, now: NOW });
    const error = await rejection(ws.client['templates.delete']({ id: 't_cart_1' }));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/Cart abandonment/);
  });

  it('keeps snippets, and a template renders them', async () => {
    await ws.client['snippets.save']({ name: 'footer', body: '<p><a href="{{ unsubscribe_url }}">Leave</a> {{ first_name | default: "friend" }}</p>' });
    expect((await ws.client['snippets.list']({})).map((s) => s.name)).toEqual(['footer']);
    const result = await ws.client['templates.preview']({ template: { document: doc('<p>Hello</p>{% render "footer" %}') } });
    expect(result.email?.html).toContain('<a href="https://unsubscribe.example.invalid/preview">Leave</a> Alex');
    expect(result.lint.filter((f) => f.rule === 'no-unsubscribe')).toEqual([]);
    await ws.client['snippets.delete']({ name: 'footer' });
    const broken = await ws.client['templates.preview']({ template: { document: doc('<p>Hello</p>\n{% render "footer" %}') } });
    expect(broken.email).toBeNull();
    expect(broken.error).toMatchObject({ line: 2, part: 'body' });
  });
});

describe('preview', { timeout: 60_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows a template that runs out of time as an error, after the time limit', async () => {
    // a clock that moves 1 ms each time it is read: the render reads it before every Liquid node it renders
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    const result = await ws.client['templates.preview']({ template: { document: doc('<a href="{{ unsubscribe_url }}">u</a>\n{% for i in (1..100000) %}<p>{{ i }}</p>{% endfor %}') } });
    expect(result.email).toBeNull();
    expect(result.error).toMatchObject({ message: 'the template took longer than 2 s to render (the time limit for one email)', kind: 'limit', part: 'body', line: 2 });
    expect(clock).toBeLessThan(2_500);
  });

  it('previews hostile HTML in a moment: `<body` repeated without end, with a preheader', async () => {
    const body = `<a href="{{ unsubscribe_url }}">u</a>${'<body'.repeat(256_000 / 5)}`;
    let result: Awaited<ReturnType<(typeof ws.client)['templates.preview']>> | undefined;
    // 104 s before, with the server answering nothing meanwhile
    expect(await cpuMillisAsync(async () => (result = await ws.client['templates.preview']({ template: { document: doc(body, { preheader: 'Saved for you' }) } })))).toBeLessThan(3_000);
    expect(result?.error).toBeNull();
    expect(result?.email?.html.startsWith('<div data-preheader')).toBe(true);
  });

  it('shows an MJML body past the MJML size limit as an error, and lint says so too', async () => {
    const section = '<mj-section><mj-column><mj-text>Hello {{ first_name | default: "there" }}</mj-text></mj-column></mj-section>\n';
    const body = `<mjml><mj-body>${section.repeat(Math.ceil(50_001 / section.length))}<mj-text><a href="{{ unsubscribe_url }}">u</a></mj-text></mj-body></mjml>`;
    const result = await ws.client['templates.preview']({ template: { document: { ...doc(body), format: 'mjml' } } });
    expect(result.email).toBeNull();
    expect(result.error).toMatchObject({ kind: 'limit', part: 'body' });
    expect(result.error?.message).toMatch(/^MJML size limit exceeded/);
    expect(result.lint).toContainEqual(expect.objectContaining({ rule: 'mjml', severity: 'error', message: result.error?.message }));
  });

  it('renders for a stored contact, with their tags, events and locale', async () => {
    const writer = new ContactWriter(ws.services.db, () => NOW);
    const { id } = writer.upsertContact({ email: 'lea@example.fr', first_name: 'Léa', locale: 'fr-FR', timezone: 'Europe/Paris', tags: ['vip'] });
    writer.insertEvent({ contactId: id, name: 'purchased', occurredAt: NOW - 3 * 86_400_000, properties: { amount: 80, items: [{ name: 'Yoga mat', price: 80 }] } });
    const document: TemplateDocument = {
      ...doc('<p>{% if contact.tags contains "vip" %}VIP{% endif %} {{ last_product }} {{ total_spent | money: "EUR" }}</p><a href="{{ unsubscribe_url }}">u</a>'),
      variants: { fr: { subject: 'Bonjour {{ first_name }}', preheader: '', body: '<p>{{ last_purchase_date | date: "%-d %B" }}</p><a href="{{ unsubscribe_url }}">u</a>', text: '' } },
    };
    const result = await ws.client['templates.preview']({ template: { document }, contactId: id });
    expect(result.contact).toMatchObject({ id, name: 'Léa', tags: ['vip'] });
    expect(result.email).toMatchObject({ subject: 'Bonjour Léa', locale: 'fr' });
    expect(result.email?.html).toContain('<p>29 mai</p>');
  });

  it('finds contacts to preview with by email, name or tag', async () => {
    loadSample(ws.services.db, { contacts: 50, seed: 1, now: NOW });
    const vips = await ws.client['templates.previewContacts']({ search: 'vip' });
    expect(vips.length).toBeGreaterThan(0);
    expect(vips.every((c) => c.tags.includes('vip'))).toBe(true);
    const first = (await ws.client['templates.previewContacts']({ search: '' }))[0];
    const byEmail = await ws.client['templates.previewContacts']({ search: first.email.slice(0, 6) });
    expect(byEmail.map((c) => c.id)).toContain(first.id);
  });

  it('renders every sample template for sample contacts without an error or an unknown variable', async () => {
    loadSample(ws.services.db, { contacts: 30, seed: 2, now: NOW });
    const contacts = await ws.client['templates.previewContacts']({ search: '', limit: 30 });
    for (const summary of await ws.client['templates.list']({})) {
      const template = await ws.client['templates.get']({ id: summary.id });
      for (const contact of contacts.slice(0, 5)) {
        const result = await ws.client['templates.preview']({ template, contactId: contact.id });
        expect(result.error, `${summary.name} for ${contact.email}`).toBeNull();
        expect(result.email?.unknownVariables).toEqual([]);
      }
    }
  });

  it('recommends products from the imported events, never ones the contact bought', async () => {
    loadSample(ws.services.db, { contacts: 200, seed: 3, now: NOW });
    const buyer = ws.services.db.prepare("SELECT contact_id FROM events WHERE name = 'purchased' LIMIT 1").pluck().get() as number;
    const view = ws.services.decisions.contacts().one(buyer)!.view;
    const bought = new Set(view.events.filter((e) => e.name === 'purchased').flatMap((e) => (e.properties.items as Array<{ name: string }>).map((i) => i.name)));
    const result = await ws.client['templates.preview']({ template: { document: doc('{% for p in recommendations %}[{{ p.name }}]{% endfor %}<a href="{{ unsubscribe_url }}">u</a>') }, contactId: buyer });
    const names = [...(result.email?.html ?? '').matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
    expect(names.length).toBe(4);
    for (const name of names) expect(bought.has(name)).toBe(false);
  });
});

describe('lint', { timeout: 60_000 }, () => {
  const lint = (document: TemplateDocument) => ws.client['templates.lint']({ template: { document } });

  it('flags an unknown variable with its line and column', async () => {
    const findings = await lint(doc('<p>Hi\n  {{ frist_name }}</p><a href="{{ unsubscribe_url }}">u</a>'));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'unknown-variable', part: 'body', line: 2, column: 6 }));
  });

  it('knows the workspace’s custom attributes', async () => {
    new ContactWriter(ws.services.db, () => NOW).upsertContact({ email: 'a@b.co', attributes: { plan: 'pro' } });
    const findings = await lint(doc('{{ contact.plan | default: "free" }}<a href="{{ unsubscribe_url }}">u</a>'));
    expect(findings.filter((f) => f.rule === 'unknown-variable')).toEqual([]);
  });

  it('flags an optional field without a fallback, unless an if guards it', async () => {
    const findings = await lint(doc('Hi {{ first_name }}! {% if last_name %}{{ last_name }}{% endif %} {{ first_name | default: "x" }}<a href="{{ unsubscribe_url }}">u</a>'));
    const missing = findings.filter((f) => f.rule === 'missing-fallback');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ line: 1, column: 4 });
  });

  it('flags a body with no unsubscribe link', async () => {
    expect((await lint(doc('<p>Buy now</p>'))).map((f) => f.rule)).toContain('no-unsubscribe');
  });

  it('flags images without alt text', async () => {
    const findings = await lint(doc('<a href="{{ unsubscribe_url }}">u</a>\n<img src="a.png"> <img src="b.png" alt="">'));
    expect(findings.filter((f) => f.rule === 'image-without-alt')).toEqual([expect.objectContaining({ line: 2, column: 1 })]);
  });

  it('reports a syntax error as a finding with its position, in each locale variant', async () => {
    const document = { ...doc('<a href="{{ unsubscribe_url }}">u</a>'), variants: { de: { subject: 'Hallo {{ first_name', preheader: '', body: '<a href="{{ unsubscribe_url }}">u</a>', text: '' } } };
    expect(await lint(document)).toContainEqual(expect.objectContaining({ rule: 'template-error', part: 'subject', locale: 'de', line: 1 }));
  });

  it('has nothing to say about the starter template', async () => {
    expect(await lint(starterDocument())).toEqual([]);
  });
});
