import { describe, expect, it } from 'vitest';
import { maxMjmlChars, protectLiquid } from './mjml.ts';
import { TemplateError, TemplateRenderer } from './render.ts';
import type { Template } from '../../../shared/templates/template.ts';
import { cpuMillis } from '../../../test/helpers/cpuTime.ts';

const endingTags = new Set(['mj-text', 'mj-button', 'mj-raw', 'mj-table', 'mj-navbar-link', 'mj-accordion-title', 'mj-accordion-text', 'mj-social-element', 'mj-style', 'mj-title', 'mj-preview', 'mj-attributes', 'mj-html-attributes', 'mj-font', 'mj-breakpoint']);

/** What protectLiquid did with a regular expression, whose time grew with the square of the source: the reference. */
function byExpression(source: string): string {
  let inside: string | null = null;
  return source.replace(/<(\/?)(mj-[a-z-]+)\b[^>]*?(\/?)>|\{%-?[\s\S]*?-?%\}|\{\{-?[\s\S]*?-?\}\}/g, (match, closing: string | undefined, name: string | undefined, selfClosing: string | undefined) => {
    if (name) {
      if (!inside && !closing && !selfClosing && endingTags.has(name)) inside = name;
      else if (inside === name && closing) inside = null;
      return match;
    }
    return inside ? match : `<mj-raw>${match}</mj-raw>`;
  });
}

describe('Liquid between MJML components', () => {
  it('is wrapped as the regular expression wrapped it, on 20,000 random mixes of components, Liquid and stray brackets', () => {
    const pieces = ['<', '>', '/', '/>', 'mj-', 'mj-text', 'mj-raw', 'mj-column', 'text-', 'X', '2', '_', ' ', '{', '}', '%', '{%', '%}', '{{', '}}', '-%}', '{%-', 'if a', '<mj-text>', '</mj-text>', '<mj-column>', '</mj-column>', '\n'];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let i = 0; i < 20_000; i++) {
      let source = '';
      for (let k = 1 + Math.floor(random() * 30); k > 0; k--) source += pieces[Math.floor(random() * pieces.length)];
      expect(protectLiquid(source), JSON.stringify(source)).toBe(byExpression(source));
    }
  });

  it('is found in time linear in the source, whatever is left unclosed', () => {
    for (const unit of ['{%', '{{', '<mj-text', '{% if a %']) {
      const source = `<mjml><mj-body>${unit.repeat(128_000 / unit.length)}</mj-body></mjml>`;
      // 4 to 7 s before: the expression searched to the end again from every opening
      expect(cpuMillis(() => protectLiquid(source)), unit).toBeLessThan(500);
    }
  });
});

describe('the MJML size limit', () => {
  const mjml = (body: string): Template => ({
    id: 't_mjml',
    name: 'MJML',
    document: { fromName: '', fromEmail: '', replyTo: '', format: 'mjml', locale: 'en', variants: {}, content: { subject: 'Hi', preheader: '', body, text: '' } },
  });

  it(`refuses to compile a body longer than ${maxMjmlChars.toLocaleString('en-US')} characters, as a template error`, async () => {
    const renderer = new TemplateRenderer({ snippet: () => undefined });
    const text = '<mj-section><mj-column><mj-text>Hello {{ first_name }}</mj-text></mj-column></mj-section>\n';
    const body = (size: number) => `<mjml><mj-body>${text.repeat(Math.floor(size / text.length))}</mj-body></mjml>`;
    await expect(renderer.prepare(mjml(body(maxMjmlChars - 100)))).resolves.toBeUndefined();
    const error = await renderer.prepare(mjml(body(maxMjmlChars + 200))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ kind: 'limit', part: 'body', line: 1, column: 1 });
    expect((error as TemplateError).message).toMatch(/^MJML size limit exceeded: the body has 50,\d{3} characters, MJML bodies at most 50,000 \(write a longer email as HTML\)$/);
  }, 60_000); // the first compile loads MJML
});
