import { afterEach, describe, expect, it, vi } from 'vitest';
import { TemplateRenderer, TemplateError, type RenderLimits } from './render.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { Template } from '../../../shared/templates/template.ts';
import { cpuMillis } from '../../../test/helpers/cpuTime.ts';

/**
 * A template can never freeze the process: whatever a template holds, rendering one email ends soon, with the email
 * or with an error saying why. Sizes are those of the limits (a body of 2,000,000 characters, the output limit);
 * times are this process's CPU time, with a wide margin over what it takes here and far under what it took before.
 */

const NOW = Date.UTC(2026, 5, 1, 12);
const contact: ContactView = { id: 7, email: 'ada@example.com', attributes: { first_name: 'Ada' }, tags: new Set(), events: [] };

function template(body: string, more: { preheader?: string; subject?: string } = {}): Template {
  return {
    id: 't_hostile',
    name: 'Hostile',
    document: { fromName: '', fromEmail: '', replyTo: '', format: 'html', locale: 'en', variants: {}, content: { subject: more.subject ?? 'Hi', preheader: more.preheader ?? '', body, text: '' } },
  };
}

/** A renderer whose clock never stops the render: these tests measure how long the work itself takes. */
const patient = (limits: Partial<RenderLimits> = {}) => new TemplateRenderer({ snippet: () => undefined, limits: { timeMs: 600_000, ...limits } });
const render = (renderer: TemplateRenderer, tpl: Template, trigger?: Record<string, unknown>) => renderer.render({ template: tpl, contact, trigger, unsubscribeUrl: '', now: NOW });

/** `unit` repeated up to `size` characters. */
const fill = (unit: string, size: number) => unit.repeat(Math.floor(size / unit.length));

function errorOf(work: () => unknown): TemplateError {
  try {
    work();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('the HTML after Liquid is handled in time linear in its size', () => {
  it('puts the preheader after the body tag however often `<body` repeats without closing', () => {
    const renderer = patient();
    for (const body of [fill('<body', 256_000), fill('<body ', 256_000), fill('<BODY', 256_000), `<body class="x">${fill('<body', 256_000)}`]) {
      let html = '';
      // 41 s at 128,000 characters and 104 s at 256,000 before: the search retried from every `<body`
      expect(cpuMillis(() => (html = render(renderer, template(body, { preheader: 'Your cart is saved' })).html))).toBeLessThan(1_000);
      expect(html.indexOf('<div data-preheader')).toBe(body.startsWith('<body class') ? '<body class="x">'.length : 0);
    }
  }, 30_000);

  it('writes the plain text of a body full of links, one after another or nested, at the size limit', () => {
    const renderer = patient();
    const paragraphs = fill('<p>Hello <b>there</b>, see <a href="https://shop.example/a">our shop</a></p>\n', 1_990_000);
    let text = '';
    // 25 s before: each link's label was sliced off the text written so far, which copied all of it
    expect(cpuMillis(() => (text = render(renderer, template(paragraphs)).text))).toBeLessThan(3_000);
    expect(text.slice(0, 60)).toBe('Hello there, see our shop (https://shop.example/a)\n\nHello th');

    const half = 990_000;
    const nested = `${fill('<a href="https://shop.example/p">', half)}x${fill('</a>', half)}`;
    // 27 s before: a stack of open links, each label holding all the inner ones
    expect(cpuMillis(() => (text = render(renderer, template(nested)).text))).toBeLessThan(3_000);
    expect(text.endsWith('x (https://shop.example/p)')).toBe(true);
  }, 60_000);

  it('takes other hostile HTML at the size limit in stride: attribute runs, unclosed and stormy comments, styles, entities', () => {
    const renderer = patient();
    const bodies = {
      'long attribute run': `<a${fill(' href="x', 1_990_000)}>label</a>`,
      'alt run': `<img${fill(' alt=', 1_990_000)}>`,
      'unclosed comment': `<!--${fill('x', 1_990_000)}`,
      'comment storm': fill('<!--', 1_990_000),
      'closed comment storm': fill('<!-- -->', 1_990_000),
      'unclosed style storm': fill('<style>', 1_990_000),
      'lone brackets': fill('<', 1_990_000),
      'entity storm': fill('&#1', 1_990_000),
      'preheader divs': fill('<div data-preheader>', 1_990_000),
    };
    for (const [name, body] of Object.entries(bodies)) {
      expect(cpuMillis(() => render(renderer, template(body, { preheader: 'p' }))), name).toBeLessThan(3_000);
    }
  }, 120_000);
});

describe('Liquid parses in time linear in the source, and at most so many tags', () => {
  it('parses and analyses a body of 60,000 outputs in linear time', () => {
    const renderer = patient({ maxTags: 1_000_000, maxSteps: 1_000_000 });
    const body = fill('{{ first_name }}\n', 60_000 * 17);
    let html = '';
    // minutes before: each token was shifted off the front of a large array, and each variable's line was counted
    // from the start of the source
    expect(cpuMillis(() => (html = render(renderer, template(body)).html))).toBeLessThan(8_000);
    expect(html.slice(0, 8)).toBe('Ada\nAda\n');
  }, 120_000);

  it('refuses a source with more than 10,000 tags and outputs before parsing it, in the body, a snippet or a liquid tag', () => {
    const renderer = new TemplateRenderer({ snippet: (name) => (name === 'big' ? fill('{{ first_name }}', 10_001 * 16) : undefined) });
    expect(() => render(renderer, template(fill('{{ first_name }}', 10_000 * 16)))).not.toThrow();
    for (const body of [fill('{{ first_name }}', 10_001 * 16), 'Hi {% render "big" %}', `{% liquid\n${fill('echo first_name\n', 10_001 * 16)} %}`]) {
      const error = errorOf(() => render(renderer, template(body)));
      expect(error).toMatchObject({ kind: 'limit', part: 'body' });
      expect(error.message).toMatch(/^Liquid tag limit exceeded \(more than 10,000 tags and outputs/);
    }
  });
});

describe('one time limit for the whole email', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fails an email whose parts together take longer than the limit, though no part alone does', () => {
    // a clock that moves only when the template reads trigger.slow: 1.2 s each time
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const trigger = {
      get slow() {
        clock += 1_200;
        return 'slow';
      },
    };
    const renderer = new TemplateRenderer({ snippet: () => undefined });
    const tpl = template('<p>{{ trigger.slow }}</p>', { subject: 'Hi {{ trigger.slow }}' });
    const error = errorOf(() => render(renderer, tpl, trigger));
    expect(error).toMatchObject({ kind: 'limit', part: 'body' });
    expect(error.message).toBe('the template took longer than 2 s to render (the time limit for one email)');
    expect(clock).toBe(2_400);

    clock = 0;
    expect(render(renderer, template('<p>{{ trigger.slow }}</p>'), trigger).html).toBe('<p>slow</p>');
  });

  it('stops a loop where it is when the time is up', () => {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    const renderer = new TemplateRenderer({ snippet: () => undefined, limits: { timeMs: 500 } });
    const error = errorOf(() => render(renderer, template('<p>x</p>\n{% for a in (1..100000) %}{{ a }}{% endfor %}')));
    expect(error).toMatchObject({ kind: 'limit', part: 'body', line: 2 });
    expect(error.message).toBe('the template took longer than 500 ms to render (the time limit for one email)');
    expect(clock).toBeLessThan(1_000);
  });
});
