import { describe, expect, it } from 'vitest';
import { TemplateRenderer, TemplateError, type RenderInput } from './render.ts';
import type { ContactView, ContactEvent } from '../../../shared/rules/contactView.ts';
import type { Template, TemplateDocument } from '../../../shared/templates/template.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;

function template(body: string, more: Partial<TemplateDocument> & { subject?: string; preheader?: string; text?: string } = {}): Template {
  const { subject = 'Hello', preheader = '', text = '', ...doc } = more;
  return {
    id: 't_test',
    name: 'Test',
    document: { fromName: 'Shop', fromEmail: 'hello@shop.example', replyTo: '', format: 'html', locale: 'en', variants: {}, ...doc, content: { subject, preheader, body, text } },
  };
}

function contact(attributes: Record<string, unknown> = {}, tags: string[] = [], events: ContactEvent[] = []): ContactView {
  return { id: 7, email: 'ada@example.com', attributes, tags: new Set(tags), events };
}

const snippets: Record<string, string> = {
  footer: '<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
  greeting: 'Hi {{ first_name | default: "there" }}',
};
const renderer = new TemplateRenderer({
  snippet: (name) => snippets[name],
  recommendations: (_contact, limit) => [
    { id: 'p1', name: 'Yoga mat', price: 49 },
    { id: 'p2', name: 'Yoga blocks', price: 22 },
    { id: 'p3', name: 'Headlamp', price: 35 },
  ].slice(0, limit),
});

const render = (tpl: Template, who: ContactView, extra: Partial<RenderInput> = {}, strict = false) =>
  renderer.render({ template: tpl, contact: who, unsubscribeUrl: 'https://shop.example/u/abc', now: NOW, ...extra }, { strictVariables: strict });

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('tokens and blocks from the articles', () => {
  const tpl = template('<p>Hi {{ first_name | default: "friend" }},</p>', { subject: '{{ first_name | default: "Hi" }}, you left something in your cart' });

  it('uses the contact’s first name, in both the short and the contact. form', () => {
    const out = render(template('{{ first_name }}/{{ contact.first_name }}/{{ contact.email }}'), contact({ first_name: 'Ada' }));
    expect(out.html).toBe('Ada/Ada/ada@example.com');
  });

  it('falls back with default when the contact has no first name', () => {
    expect(render(tpl, contact({ first_name: 'Ada' })).subject).toBe('Ada, you left something in your cart');
    const anonymous = render(tpl, contact());
    expect(anonymous.subject).toBe('Hi, you left something in your cart');
    expect(anonymous.html).toBe('<p>Hi friend,</p>');
    expect(anonymous.unknownVariables).toEqual([]);
  });

  it('lists the cart items of the triggering event, or a fallback when there are none', () => {
    const cart = template('{% for item in trigger.items %}<li>{{ item.name }} × {{ item.quantity | default: 1 }}</li>{% else %}<li>Your items</li>{% endfor %}');
    expect(render(cart, contact(), { trigger: { items: [{ name: 'Yoga mat', quantity: 2 }, { name: 'Socks' }] } }).html).toBe('<li>Yoga mat × 2</li><li>Socks × 1</li>');
    expect(render(cart, contact()).html).toBe('<li>Your items</li>');
  });

  it('shows a VIP block only to contacts tagged vip', () => {
    const vip = template('<p>Hello</p>{% if contact.tags contains "vip" %}<p>Free shipping for VIPs</p>{% endif %}');
    expect(render(vip, contact({}, ['vip'])).html).toContain('Free shipping for VIPs');
    expect(render(vip, contact({}, ['newsletter'])).html).not.toContain('Free shipping');
  });

  it('nests conditions on tags with if / elsif / else, and / or, and assign, in the SendX style', () => {
    const drip = template(
      `{% assign active = false %}{% if contact.tags contains "campaign_sent" or contact.tags contains "drip_created" %}{% assign active = true %}{% endif %}` +
        `{% if contact.tags contains "automation_created" %}A{% elsif active %}{% if contact.tags contains "vip" and contact.tags contains "campaign_sent" %}B-vip{% else %}B{% endif %}{% elsif contact.tags contains "list_created" %}C{% else %}D{% endif %}`,
    );
    expect(render(drip, contact({}, ['automation_created', 'campaign_sent'])).html).toBe('A');
    expect(render(drip, contact({}, ['campaign_sent', 'vip'])).html).toBe('B-vip');
    expect(render(drip, contact({}, ['drip_created', 'vip'])).html).toBe('B');
    expect(render(drip, contact({}, ['list_created'])).html).toBe('C');
    expect(render(drip, contact()).html).toBe('D');
  });

  it('gives the journey context and the unsubscribe link', () => {
    const out = render(template('{{ journey.name }}:{{ journey.step_id }} <a href="{{ unsubscribe_url }}">x</a>'), contact(), { journey: { id: 'j1', name: 'Welcome', stepId: 'n3' } });
    expect(out.html).toBe('Welcome:n3 <a href="https://shop.example/u/abc">x</a>');
  });

  it('copies the sender fields of the template', () => {
    const out = render(template('x', { fromName: 'Shop', replyTo: 'help@shop.example' }), contact());
    expect([out.fromName, out.fromEmail, out.replyTo]).toEqual(['Shop', 'hello@shop.example', 'help@shop.example']);
  });
});

describe('computed fields and recommendations', () => {
  const events: ContactEvent[] = [
    { name: 'email_opened', at: NOW - 40 * DAY, properties: {} },
    { name: 'purchased', at: NOW - 30 * DAY, properties: { amount: 100, items: [{ product_id: 'p-1', name: 'Trail shoes', price: 100 }] } },
    { name: 'product_viewed', at: NOW - 20 * DAY, properties: { product_id: 'p-2', name: 'Headlamp', price: 35 } },
    { name: 'purchased', at: NOW - 10 * DAY, properties: { items: [{ product_id: 'p-3', name: 'Yoga mat', price: 49, quantity: 2 }] } },
    { name: 'email_clicked', at: NOW - 2 * DAY, properties: {} },
    { name: 'purchased', at: NOW + DAY, properties: { amount: 999 } }, // in the future of the render's clock: ignored
  ];
  const buyer = contact({ first_name: 'Ada', timezone: 'Europe/Paris', locale: 'en-GB' }, [], events);

  it('computes order count, total spent, last product and last purchase date from the events', () => {
    const out = render(template('{{ order_count }}|{{ total_spent }}|{{ last_product }}|{{ last_product.price }}|{{ contact.order_count }}|{{ lifecycle_stage }}'), buyer);
    expect(out.html).toBe('2|198|Yoga mat|49|2|active');
  });

  it('calls a contact created in the last days new, as a lifecycle segment does, even with no events', () => {
    const fresh = { ...contact(), createdAt: NOW - 2 * DAY };
    expect(render(template('{{ lifecycle_stage }}'), fresh).html).toBe('new');
    expect(render(template('{{ lifecycle_stage }}'), { ...fresh, createdAt: NOW - 400 * DAY }).html).toBe('dormant');
  });

  it('writes dates in the contact’s zone and language, and money in their locale', () => {
    const out = render(template('{{ last_purchase_date | date: "%-d %B %Y" }}|{{ last_engagement_date | date: "%H:%M" }}|{{ total_spent | money: "EUR" }}'), buyer);
    expect(out.html).toBe('22 May 2026|14:00|€198.00');
    const french = render(template('{{ last_purchase_date | date: "%-d %B" }} {{ total_spent | money: "EUR" }}', { locale: 'fr' }), contact({ locale: 'fr-FR', timezone: 'Asia/Tokyo' }, [], events));
    expect(french.html).toBe('22 mai 198,00\u00a0€');
  });

  it('renders empty computed dates as nothing, so an if around them hides the sentence', () => {
    const out = render(template('{% if last_purchase_date %}Last order {{ last_purchase_date | date: "%B %-d" }}{% endif %}.'), contact());
    expect(out.html).toBe('.');
  });

  it('works out only the computed fields a template reads, wherever it reads them, and all of them for contact passed whole', () => {
    const reads = (body: string, subject = '') => [...renderer.computedFieldsRead(template(body, { subject }))].sort();
    expect(reads('<p>{{ first_name }}</p>')).toEqual([]);
    expect(reads('<p>{{ total_spent | money }}</p>', '{{ contact.lifecycle_stage }}')).toEqual(['lifecycle_stage', 'total_spent']);
    // a snippet's reads count, and so does a variant's
    snippets.scores = '{{ engagement_score }}';
    expect(reads("{% render 'scores' %}")).toEqual(['engagement_score']);
    const withVariant = template('<p>Hi</p>', { variants: { fr: { subject: '', preheader: '', body: '{{ rfm_group }}', text: '' } } });
    expect([...renderer.computedFieldsRead(withVariant)]).toEqual(['rfm_group']);
    // contact handed on whole: what is read from it cannot be known, so everything is computed
    expect(reads('{% assign who = contact %}{{ who.engagement_score }}')).toHaveLength(8);
    expect(render(template('{% assign who = contact %}{{ who.engagement_score }}|{{ who.lifecycle_stage }}'), buyer).html).toMatch(/^\d+(\.\d+)?\|active$/);
    expect(render(template("{% render 'scores' %}"), buyer).html).toMatch(/^\d+(\.\d+)?$/);
  });

  it('gives recommendations with their fields', () => {
    const out = render(template('{% for p in recommendations limit: 2 %}{{ p.name }} {{ p.price | money }};{% endfor %}'), buyer);
    // an en-GB contact sees dollars as US$
    expect(out.html).toBe('Yoga mat US$49.00;Yoga blocks US$22.00;');
  });
});

describe('safety', () => {
  it('escapes contact data in the HTML body but not in the subject or text', () => {
    const who = contact({ first_name: '<script>alert(1)</script>', last_name: '"Bobby" & co' });
    const out = render(template('<p>Hi {{ first_name }} {{ contact.last_name }}</p>', { subject: 'Hi {{ first_name }}' }), who);
    // Shopify's escape table (Ruby's CGI.escapeHTML), the one the escape filter uses too
    expect(out.html).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &quot;Bobby&quot; &amp; co</p>');
    expect(out.subject).toBe('Hi <script>alert(1)</script>');
    expect(out.text).toBe('Hi <script>alert(1)</script> "Bobby" & co');
  });

  it('lets a template opt out of escaping with raw, for HTML it trusts', () => {
    const out = render(template('{{ trigger.banner | raw }}|{{ trigger.banner }}'), contact(), { trigger: { banner: '<b>Sale</b>' } });
    expect(out.html).toBe('<b>Sale</b>|&lt;b&gt;Sale&lt;/b&gt;');
  });

  it('stops a runaway loop with the step limit, saying where the loop is', () => {
    // a generous clock, so the step limit is what stops it even on a busy machine
    const patient = new TemplateRenderer({ snippet: () => undefined, limits: { timeMs: 60_000 } });
    const runaway = template('<p>x</p>\n{% for a in (1..100000) %}{% for b in (1..100000) %}.{% endfor %}{% endfor %}');
    const error = errorOf(() => patient.render({ template: runaway, contact: contact(), unsubscribeUrl: '', now: NOW }));
    expect(error.kind).toBe('limit');
    expect(error.message).toMatch(/step limit/);
    expect(error.line).toBe(2);
  });

  it('stops a loop over a huge range before allocating it', () => {
    const error = errorOf(() => render(template('{% for a in (1..1000000000) %}.{% endfor %}'), contact()));
    expect(error.kind).toBe('limit');
  });

  it('stops output that grows past the size limit', () => {
    const small = new TemplateRenderer({ snippet: () => undefined, limits: { maxOutputChars: 10_000 } });
    const error = errorOf(() =>
      small.render({ template: template('{% for a in (1..1000) %}{{ "0123456789abcdef" }}{% endfor %}'), contact: contact(), unsubscribeUrl: '', now: NOW }),
    );
    expect(error.message).toMatch(/output size limit/);
  });

  it('stops a render that runs past its time limit', () => {
    const quick = new TemplateRenderer({ snippet: () => undefined, limits: { timeMs: 5, maxSteps: 1e9 } });
    const error = errorOf(() =>
      quick.render({ template: template('{% for a in (1..3000) %}{% for b in (1..3000) %}{{ b | plus: a }}{% endfor %}{% endfor %}'), contact: contact(), unsubscribeUrl: '', now: NOW }),
    );
    expect(error.message).toMatch(/time limit/);
  });

  it('never reads the file system for a render', () => {
    const error = errorOf(() => render(template('{% render "../../../../etc/passwd" %}'), contact()));
    expect(error.message).toMatch(/etc\/passwd/);
    expect(error.message).not.toMatch(/root:/);
  });
});

describe('snippets', () => {
  it('renders a snippet from the store, which sees the same variables', () => {
    const out = render(template('{% render "greeting" %}{% render "footer" %}'), contact({ first_name: 'Ada' }));
    expect(out.html).toBe('Hi Ada<p><a href="https://shop.example/u/abc">Unsubscribe</a></p>');
  });

  it('shows an edited snippet at the next render', () => {
    const store: Record<string, string> = { sig: 'v1' };
    const local = new TemplateRenderer({ snippet: (name) => store[name] });
    const input = { template: template('{% render "sig" %}'), contact: contact(), unsubscribeUrl: '', now: NOW };
    expect(local.render(input).html).toBe('v1');
    store.sig = 'v2';
    expect(local.render(input).html).toBe('v2');
  });

  it('reports an unknown snippet as a template error', () => {
    const error = errorOf(() => render(template('line 1\n{% render "nope" %}'), contact()));
    expect(error.message).toMatch(/nope/);
    expect(error.line).toBe(2);
  });
});

describe('locale variants', () => {
  const doc = template('<p>Hello</p>', {
    subject: 'Hello',
    locale: 'en',
    variants: {
      fr: { subject: 'Bonjour', preheader: '', body: '<p>Bonjour</p>', text: '' },
      'de-CH': { subject: 'Grüezi', preheader: '', body: '<p>Grüezi</p>', text: '' },
    },
  });

  it('picks the variant of the contact’s language, else the default', () => {
    expect(render(doc, contact({ locale: 'fr-FR' }))).toMatchObject({ subject: 'Bonjour', locale: 'fr' });
    expect(render(doc, contact({ locale: 'de-CH' }))).toMatchObject({ subject: 'Grüezi', locale: 'de-CH' });
    expect(render(doc, contact({ locale: 'de-DE' }))).toMatchObject({ subject: 'Grüezi', locale: 'de-CH' });
    expect(render(doc, contact({ locale: 'ja-JP' }))).toMatchObject({ subject: 'Hello', locale: 'en' });
    expect(render(doc, contact())).toMatchObject({ subject: 'Hello', locale: 'en' });
  });
});

describe('plain text', () => {
  it('is generated from the HTML when the template has none', () => {
    const out = render(
      template('<html><head><style>p{color:red}</style></head><body><h1>Hi {{ first_name }}</h1><p>Your cart:</p><ul><li>Mat</li><li>Socks</li></ul><p><a href="https://shop.example/cart">Back to your cart</a> <img src="x.png" alt="Logo"></p></body></html>', { preheader: 'Saved for you' }),
      contact({ first_name: 'Ada' }),
    );
    expect(out.text).toBe('Hi Ada\n\nYour cart:\n\n- Mat\n- Socks\n\nBack to your cart (https://shop.example/cart) [Logo]');
    expect(out.html).toContain('<body><div data-preheader');
  });

  it('uses the template’s own text when it has one', () => {
    expect(render(template('<p>x</p>', { text: 'Hi {{ first_name }} & welcome' }), contact({ first_name: 'Ada' })).text).toBe('Hi Ada & welcome');
  });
});

describe('unknown variables and errors', () => {
  it('renders an unknown variable empty at send time and lists it', () => {
    const out = render(template('Hi {{ frist_name }} {{ contact.plan }}{{ contact.first_name }}'), contact({ first_name: 'Ada' }));
    expect(out.html).toBe('Hi  Ada');
    expect(out.unknownVariables.sort()).toEqual(['contact.plan', 'frist_name']);
  });

  it('makes an unknown variable an error with its line and column in strict mode', () => {
    const error = errorOf(() => render(template('<p>\n  {{ frist_name }}</p>'), contact(), {}, true));
    expect(error).toMatchObject({ kind: 'undefined-variable', line: 2, column: 6, part: 'body' });
  });

  it('does not call a missing built-in field unknown in strict mode', () => {
    expect(render(template('{{ last_name | default: "-" }}'), contact(), {}, true).html).toBe('-');
  });

  it('reports a syntax error with its part, line and column', () => {
    const error = errorOf(() => render(template('ok', { subject: 'Hi {{ first_name | default: "x" }', text: '' }), contact()));
    expect(error.part).toBe('subject');
    expect(error.line).toBe(1);
    const body = errorOf(() => render(template('<p>\n\n   {% if x %}</p>'), contact()));
    expect(body).toMatchObject({ kind: 'syntax', line: 3, column: 4, part: 'body' });
  });
});

describe('MJML', () => {
  it('compiles an MJML body to responsive HTML, keeping the Liquid', async () => {
    const mjml = template('<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ first_name }}</mj-text></mj-column></mj-section></mj-body></mjml>', { format: 'mjml' });
    await renderer.prepare(mjml);
    const out = render(mjml, contact({ first_name: '<b>Ada</b>' }));
    expect(out.html).toContain('Hi &lt;b&gt;Ada&lt;/b&gt;');
    expect(out.html).toMatch(/@media/);
    expect(out.text).toContain('Hi <b>Ada</b>');
  }, 60_000); // the first MJML compile loads MJML and its dependencies

  it('keeps Liquid blocks and loops that sit between MJML components (MJML would drop them)', async () => {
    const mjml = template(
      `<mjml><mj-body>
  <mj-section>{% for p in recommendations %}<mj-column><mj-text>Try {{ p.name }}</mj-text></mj-column>{% endfor %}</mj-section>
  <mj-section><mj-column>{% if contact.tags contains "vip" %}<mj-text>VIP shipping</mj-text>{% else %}<mj-text>Standard shipping</mj-text>{% endif %}
    <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button></mj-column></mj-section>
</mj-body></mjml>`,
      { format: 'mjml' },
    );
    await renderer.prepare(mjml);
    const vip = render(mjml, contact({}, ['vip']));
    expect(vip.text.match(/Try /g)).toHaveLength(3);
    expect(vip.text).toContain('Try Headlamp');
    expect(vip.text).toContain('VIP shipping');
    expect(vip.text).not.toContain('Standard shipping');
    expect(vip.html).not.toContain('mj-raw');
    const other = render(mjml, contact());
    expect(other.text).toContain('Standard shipping');
    expect(other.text).not.toContain('VIP shipping');
    expect(other.html).toContain('href="https://shop.example/u/abc"');
  }, 60_000);
});
