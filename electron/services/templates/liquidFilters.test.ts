import { describe, expect, it } from 'vitest';
import { TemplateRenderer, TemplateError } from './render.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { Template } from '../../../shared/templates/template.ts';

/**
 * Liquid as Shopify's documentation has it (shopify.github.io/liquid), which is where marketers' templates come from.
 * Each case gives Shopify's output for the same input.
 */

const NOW = Date.UTC(2026, 5, 1, 12);

const renderer = new TemplateRenderer({ snippet: () => undefined });

function email(body: string, subject = 'Hello', attributes: Record<string, unknown> = {}) {
  const template: Template = {
    id: 't_filters',
    name: 'Filters',
    document: { fromName: 'Shop', fromEmail: 'hello@shop.example', replyTo: '', format: 'html', locale: 'en', variants: {}, content: { subject, preheader: '', body, text: '' } },
  };
  const contact: ContactView = { id: 1, email: 'ada@example.com', attributes, tags: new Set(), events: [] };
  return renderer.render({ template, contact, unsubscribeUrl: 'https://shop.example/u/1', now: NOW });
}

/** The HTML body of a template for a contact with these attributes. */
const html = (body: string, attributes: Record<string, unknown> = {}) => email(body, 'Hello', attributes).html;
/** The subject, which is not HTML. */
const subject = (source: string, attributes: Record<string, unknown> = {}) => email('x', source, attributes).subject;

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('arithmetic as Shopify’s Liquid', () => {
  it('adds and multiplies decimals as written: 0.3 and 115.0, not 0.30000000000000004 and 114.99999999999999', () => {
    expect(html('{{ 0.1 | plus: 0.2 }}')).toBe('0.3');
    expect(html('{{ 100 | times: 1.15 }}')).toBe('115.0');
    expect(html('{{ price | times: 1.2 }}', { price: 19.99 })).toBe('23.988');
    expect(html('{{ 0.3 | minus: 0.1 }}')).toBe('0.2');
    expect(html('{{ 4 | plus: 2 }}|{{ 16 | minus: 4 }}|{{ 3 | times: 2 }}')).toBe('6|12|6');
  });

  it('divides an integer by an integer rounding down, and by a decimal as a decimal', () => {
    expect(html('{{ 16 | divided_by: 4 }}')).toBe('4');
    expect(html('{{ 5 | divided_by: 3 }}')).toBe('1');
    expect(html('{{ -7 | divided_by: 2 }}')).toBe('-4');
    expect(html('{{ 20 | divided_by: 7.0 }}')).toBe('2.857142857142857');
    expect(html('{{ 7 | divided_by: 2.0 }}')).toBe('3.5');
    expect(html('{{ 0.3 | divided_by: 0.1 }}')).toBe('3.0');
    // Shopify's idiom for a variable that holds an integer: times 1.0 makes it a float, and it stays one
    expect(html('{% assign my_integer = 7 %}{% assign my_float = my_integer | times: 1.0 %}{{ 20 | divided_by: my_float }}')).toBe('2.857142857142857');
    expect(html('{{ total | divided_by: count }}', { total: 300, count: 7 })).toBe('42');
  });

  it('stops on a division by zero with a template error saying where, instead of printing Infinity', () => {
    const error = errorOf(() => html('<p>Average</p>\n<p>{{ total | divided_by: count }}</p>', { total: 300, count: 0 }));
    expect(error.message).toBe('divided by 0 (divided_by: 0)');
    expect([error.part, error.line, error.kind]).toEqual(['body', 2, 'render']);
    expect(errorOf(() => html('{{ 5 | modulo: 0 }}')).message).toBe('divided by 0 (modulo: 0)');
    expect(errorOf(() => html('{{ 5 | divided_by: 0.0 }}')).message).toMatch(/^divided by 0/);
  });

  it('takes the remainder with the divisor’s sign, as Ruby', () => {
    expect(html('{{ 3 | modulo: 2 }}|{{ 24 | modulo: 7 }}|{{ -7 | modulo: 3 }}|{{ 183.357 | modulo: 12 }}')).toBe('1|3|2|3.357');
  });

  it('reads numbers in text as Liquid does', () => {
    expect(html('{{ "3.5" | plus: 1 }}|{{ "12 items" | plus: 1 }}|{{ "abc" | plus: 1 }}|{{ missing | plus: 1 }}')).toBe('4.5|13|1|1');
  });

  it('rounds half away from zero, to an integer without places and keeping a float a float with them', () => {
    expect(html('{{ 1.2 | round }}|{{ 2.7 | round }}|{{ 183.357 | round: 2 }}|{{ -2.5 | round }}|{{ 1.005 | round: 2 }}')).toBe('1|3|183.36|-3|1.01');
    expect(html('{{ 100 | times: 1.15 | round: 2 }}|{{ 5 | round: 2 }}')).toBe('115.0|5');
    expect(html('{{ 1.2 | ceil }}|{{ 2.0 | ceil }}|{{ 1.2 | floor }}|{{ -17 | abs }}|{{ -19.86 | abs }}')).toBe('2|2|1|17|19.86');
    expect(html('{{ 4 | at_least: 5 }}|{{ 4 | at_most: 3.5 }}')).toBe('5|3.5');
  });

  it('compares a float result with numbers, and hands money and number the amount', () => {
    expect(html('{% assign t = 100 | times: 1.15 %}{% if t == 115 %}eq{% endif %} {% if t > 114.5 %}gt{% endif %} {% if 200 > t %}lt{% endif %}')).toBe('eq gt lt');
    expect(html('{{ 100 | times: 1.15 | money: "USD" }}|{{ 0.1 | plus: 0.2 | number: 2 }}')).toBe('$115.00|0.30');
  });
});

describe('text as Shopify’s Liquid', () => {
  it('adds the ellipsis to truncatewords only when it cut', () => {
    expect(html('{{ "Ground control to Major Tom." | truncatewords: 3 }}')).toBe('Ground control to...');
    expect(html('{{ "Ground control to Major Tom." | truncatewords: 3, "--" }}')).toBe('Ground control to--');
    expect(html('{{ "Ground control" | truncatewords: 2 }}')).toBe('Ground control');
    expect(html('{{ "Ground control" | truncatewords: 5 }}')).toBe('Ground control');
  });

  it('counts characters as a reader sees them: an emoji, a flag or an accented letter is one', () => {
    const name = 'Zoë 👍🏽🇫🇷'; // ë as e and a combining diaeresis
    expect(html('{{ "Ground control to Major Tom." | size }}')).toBe('28');
    expect(html('{{ first_name | size }}|{{ first_name.size }}', { first_name: name })).toBe('6|6');
    expect(html('{{ "🎉" | size }}|{{ "🎉".size }}')).toBe('1|1');
    expect(html('{{ tags | size }}', { tags: ['a', 'b'] })).toBe('2');
  });

  it('truncates to characters, the ellipsis included, without cutting an emoji in half', () => {
    expect(html('{{ "Ground control to Major Tom." | truncate: 20 }}')).toBe('Ground control to...');
    expect(html('{{ "Ground control to Major Tom." | truncate: 25, ", and so on" }}')).toBe('Ground control, and so on');
    expect(html('{{ "Ground control" | truncate: 14 }}')).toBe('Ground control');
    expect(html('{{ "Party 🇫🇷🎉 tonight" | truncate: 10 }}')).toBe('Party 🇫🇷...');
  });

  it('writes %U %W %V %G %r and %R in dates', () => {
    expect(html('{{ "2026-01-05T13:04:05Z" | date: "%U %W %V %G %g|%r|%R" }}')).toBe('01 01 02 2026 26|01:04:05 PM|13:04');
  });
});

describe('escaping in an auto-escaped body', () => {
  it('escapes once with escape and escape_once, as Shopify prints them', () => {
    const who = { company: 'Ben & Jerry’s <Ice>' };
    expect(html('{{ company | escape }}', who)).toBe('Ben &amp; Jerry’s &lt;Ice&gt;');
    expect(html('{{ "1 < 2 &amp; 3" | escape_once }}')).toBe('1 &lt; 2 &amp; 3');
    expect(html('{{ "Have you read \'James & the Giant Peach\'?" | escape }}')).toBe('Have you read &#39;James &amp; the Giant Peach&#39;?');
    // the subject is not HTML: the filters do what Shopify's do, and nothing else escapes
    expect(subject('{{ company | escape }}', who)).toBe('Ben &amp; Jerry’s &lt;Ice&gt;');
  });

  it('turns newlines into line breaks with newline_to_br, escaping the text it wraps', () => {
    const note = { note: 'Leave it at the door\n<b>Thanks</b>' };
    expect(html('{{ note | newline_to_br }}', note)).toBe('Leave it at the door<br />\n&lt;b&gt;Thanks&lt;/b&gt;');
    expect(html('{{ note | escape | newline_to_br }}', note)).toBe('Leave it at the door<br />\n&lt;b&gt;Thanks&lt;/b&gt;');
    expect(subject('{{ "a\nb" | newline_to_br }}')).toBe('a<br /> b');
  });

  it('keeps what they give as it is through assign and default, and still escapes anything else', () => {
    expect(html('{% assign n = note | newline_to_br %}{{ n }}', { note: 'a\n&b' })).toBe('a<br />\n&amp;b');
    expect(html('{{ note | newline_to_br | default: "none" }}|{{ "" | escape | default: "none" }}', { note: 'a\nb' })).toBe('a<br />\nb|none');
    // another filter after them works on their HTML as text, and its result is escaped: never markup let through
    expect(html('{{ note | escape | append: "<script>" }}', { note: '<i>' })).toBe('&amp;lt;i&amp;gt;&lt;script&gt;');
  });

  it('prints a capture as the HTML it collected, its values escaped once', () => {
    const out = html('{% capture greeting %}<b>Hi {{ first_name }}</b>{% endcapture %}{{ greeting }}', { first_name: 'Tom & <Jerry>' });
    expect(out).toBe('<b>Hi Tom &amp; &lt;Jerry&gt;</b>');
    expect(subject('{% capture g %}Hi {{ first_name }}{% endcapture %}{{ g }}', { first_name: 'Tom & Jerry' })).toBe('Hi Tom & Jerry');
  });
});
