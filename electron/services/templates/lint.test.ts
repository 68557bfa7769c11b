import { describe, expect, it } from 'vitest';
import { lintTemplate } from './lint.ts';
import { TemplateRenderer } from './render.ts';
import type { Template } from '../../../shared/templates/template.ts';
import { cpuMillisAsync } from '../../../test/helpers/cpuTime.ts';

/**
 * Lint runs beside every preview in the editor, on the thread that answers the app: like the render, it must take
 * time linear in the template, whatever the template holds. (What each rule finds is tested through the API, in
 * test/integration/templates.test.ts.)
 */

const renderer = new TemplateRenderer({ snippet: () => undefined });
const unsubscribe = '<a href="{{ unsubscribe_url }}">Unsubscribe</a>';
const template = (body: string): Template => ({
  id: 't_lint',
  name: 'Lint',
  document: { fromName: '', fromEmail: '', replyTo: '', format: 'html', locale: 'en', variants: {}, content: { subject: 'Hi', preheader: '', body, text: '' } },
});
const lint = (body: string) => lintTemplate(template(body), { renderer, snippet: () => undefined, knownAttributes: new Set() });
const fill = (unit: string, size: number) => unit.repeat(Math.floor(size / unit.length));

/** The findings of one rule, and the CPU time the lint took. */
async function timed(body: string, rule?: string) {
  let findings: Awaited<ReturnType<typeof lint>> = [];
  const ms = await cpuMillisAsync(async () => (findings = await lint(body)));
  return { findings: findings.filter((f) => !rule || f.rule === rule), ms };
}

describe('lint on hostile templates', () => {
  it('reads Liquid left unclosed inside a raw block, and image tags left open, at the size limit in linear time', async () => {
    for (const [name, body] of Object.entries({
      'outputs left open': `${unsubscribe}{% raw %}${fill('{{', 1_990_000)}{% endraw %}`,
      'tags left open': `${unsubscribe}{% raw %}${fill('{%', 1_990_000)}{% endraw %}`,
      'images left open': `${unsubscribe}${fill('<img', 1_990_000)}`,
      'MJML images left open': `${unsubscribe}${fill('<mj-image src=x ', 1_990_000)}`,
    })) {
      // minutes before: a regular expression searched to the end from every opening
      expect((await timed(body)).ms, name).toBeLessThan(3_000);
    }
  }, 120_000);

  it('places thousands of findings in a large template by line and column, in linear time', async () => {
    const line = `<p>${'x'.repeat(200)} {{ first_name }}</p>\n`;
    const body = `${unsubscribe}\n${line.repeat(9_000)}`;
    const { findings, ms } = await timed(body, 'missing-fallback');
    expect(ms).toBeLessThan(3_000);
    expect(findings).toHaveLength(9_000);
    expect(findings[8_999]).toMatchObject({ line: 9_001, column: 205 });
  }, 60_000);

  it('knows an if or case guards a field however many blocks and branches are open', async () => {
    // a case with 30,000 branches (in a raw block, which Liquid does not parse and lint still reads)
    const branches = Array.from({ length: 30_000 }, (_, i) => `{% when "${i}" %}{{ last_name }}`).join('');
    const body = `${unsubscribe}{% raw %}{% case first_name %}${branches}{% endcase %}{{ first_name }}{% endraw %}{% if contact.last_name != blank %}{{ last_name }}{% endif %}`;
    const { findings, ms } = await timed(body, 'missing-fallback');
    expect(ms).toBeLessThan(3_000);
    // last_name inside the case (which tests first_name) is flagged each time; first_name after it is not guarded
    expect(findings.map((f) => f.message.split(' ')[0])).toEqual([...Array(30_000).fill('last_name'), 'first_name']);
  }, 60_000);
});
