import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { ContactWriter } from '../contacts/contactWriter.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { TemplateDocument } from '../../../shared/templates/template.ts';
import { TemplateError } from './templateError.ts';

const NOW = Date.UTC(2026, 5, 1, 10);
let ws: ReturnType<typeof tempWorkspace>;
let writer: ContactWriter;
beforeEach(() => {
  ws = tempWorkspace(() => NOW); // a clock that never moves: edits share their updated_at
  writer = new ContactWriter(ws.services.db, () => NOW);
});
afterEach(() => ws.close());

const document = (body: string, subject = 'Hi {{ first_name }}'): TemplateDocument => ({
  fromName: 'Shop',
  fromEmail: 'shop@example.com',
  replyTo: '',
  format: 'html',
  locale: 'en',
  content: { subject, preheader: '', body, text: '' },
  variants: {},
});

const contact: ContactView = { id: 'c', email: 'sam@example.com', attributes: { first_name: 'Sam' }, tags: new Set(), events: [] };
const input = { contact, unsubscribeUrl: 'https://example.com/u', now: NOW };

function purchase(email: string, ...products: string[]) {
  const { id } = writer.upsertContact({ email });
  writer.insertEvent({ contactId: id, name: 'purchased', occurredAt: NOW - 1000, properties: { items: products.map((name) => ({ product_id: name, name })) } });
}

describe('EmailRenderer', () => {
  it('renders the stored template as it is now, even when an edit kept its updated_at', async () => {
    const { emailRenderer, templates } = ws.services;
    templates.create('Hello', document('<p>One</p>'), 't_hello');
    expect((await emailRenderer.prepare(['t_hello'], NOW)).render('t_hello', input).html).toBe('<p>One</p>');
    templates.update('t_hello', { document: document('<p>Two</p>') });
    expect((await emailRenderer.prepare(['t_hello'], NOW)).render('t_hello', input).html).toBe('<p>Two</p>');
  });

  it('sees what a template reads through an edited snippet: the snippet starts listing recommendations', async () => {
    const { emailRenderer, templates, snippets } = ws.services;
    purchase('ana@example.com', 'Tent', 'Stove');
    snippets.save('picks', '<p>No picks</p>');
    templates.create('Picks', document(`{% render 'picks' %}`), 't_picks');
    expect((await emailRenderer.prepare(['t_picks'], NOW)).render('t_picks', input).html).toBe('<p>No picks</p>');
    snippets.save('picks', '{% for p in recommendations %}<p>{{ p.name }}</p>{% endfor %}');
    expect((await emailRenderer.prepare(['t_picks'], NOW)).render('t_picks', input).html).toBe('<p>Stove</p><p>Tent</p>');
  });

  it('gives every render of a batch the events the store had when the batch was prepared', async () => {
    const { emailRenderer } = ws.services;
    purchase('ana@example.com', 'Tent');
    const draft = { id: 't_draft', name: 'Draft', document: document('{% for p in recommendations %}<p>{{ p.name }}</p>{% endfor %}') };
    const first = await emailRenderer.prepare([draft], NOW);
    purchase('bo@example.com', 'Stove');
    purchase('cy@example.com', 'Stove');
    expect(first.render('t_draft', input).html).toBe('<p>Tent</p>');
    const second = await emailRenderer.prepare([draft], NOW);
    expect(second.render('t_draft', input).html).toBe('<p>Stove</p><p>Tent</p>');
  });

  it('renders a draft in place of the stored template with its id', async () => {
    const { emailRenderer, templates } = ws.services;
    templates.create('Hello', document('<p>Stored</p>'), 't_hello');
    const batch = await emailRenderer.prepare([{ id: 't_hello', name: 'Hello', document: document('<p>Draft</p>') }], NOW);
    expect(batch.render('t_hello', input).html).toBe('<p>Draft</p>');
  });

  it('keeps a template it cannot load as an Error of the batch, and a broken one as a TemplateError at render', async () => {
    const { emailRenderer, templates } = ws.services;
    templates.create('Broken', document('<p>{% if x %}</p>'), 't_broken');
    const batch = await emailRenderer.prepare(['t_gone', 't_broken'], NOW);
    expect(batch.template('t_gone')).toBeInstanceOf(Error);
    expect(() => batch.render('t_gone', input)).toThrow('no template with the id t_gone');
    expect(() => batch.render('t_other', input)).toThrow('the template t_other was not prepared for this batch');
    expect(batch.template('t_broken')).toMatchObject({ id: 't_broken' });
    expect(() => batch.render('t_broken', input)).toThrow(TemplateError);
  });
});
