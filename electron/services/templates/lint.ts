import type { Template, TemplateContent } from '../../../shared/templates/template.ts';
import type { LintFinding } from '../../../shared/api/calls/templates.ts';
import { computedFieldNames } from './computedFields.ts';
import type { TemplateRenderer } from './render.ts';
import { builtInContactFields, reservedRoots } from './scope.ts';
import { TemplateError, type TemplatePart } from './templateError.ts';

export interface LintContext {
  renderer: TemplateRenderer;
  snippet(name: string): string | undefined;
  /** Custom attribute names the workspace's contacts have: known, but optional. */
  knownAttributes: ReadonlySet<string>;
}

/** Fields a contact may lack: every built-in but the email, the computed fields that can be empty, custom ones. */
const optionalBuiltIns = new Set<string>(builtInContactFields.filter((f) => f !== 'email' && f !== 'created_at' && f !== 'consent'));
const optionalComputed = new Set(['last_product', 'last_purchase_date', 'last_engagement_date', 'rfm_group']);
const knownJourneyFields = new Set(['id', 'name', 'step_id']);

function position(source: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/** `contact.first_name` and `first_name` name the same field. */
const fieldOf = (path: ReadonlyArray<string | number>) => String(path[0] === 'contact' ? (path[1] ?? '') : path[0]);

function isKnown(path: ReadonlyArray<string | number>, context: LintContext): boolean {
  const [root, child] = path.map(String);
  const contactField = (name: string) =>
    (builtInContactFields as readonly string[]).includes(name) || (computedFieldNames as readonly string[]).includes(name) || context.knownAttributes.has(name);
  if (root === 'contact') return child === undefined || child === 'id' || child === 'tags' || contactField(child);
  if (root === 'journey') return child === undefined || knownJourneyFields.has(child);
  return (reservedRoots as readonly string[]).includes(root) || contactField(root);
}

function isOptional(path: ReadonlyArray<string | number>, context: LintContext): boolean {
  if (path[0] === 'trigger') return path.length > 1;
  if (path[0] !== 'contact' && (reservedRoots as readonly string[]).includes(String(path[0]))) return false;
  const field = fieldOf(path);
  return optionalBuiltIns.has(field) || optionalComputed.has(field) || context.knownAttributes.has(field);
}

const tokenPattern = /\{%-?([\s\S]*?)-?%\}|\{\{-?([\s\S]*?)-?\}\}/g;
const variableAtStart = /^\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)/;

/**
 * Outputs of an optional field with no `default` and no `if` around them that tests it: the sentence would read
 * "Hi ," for a contact without a first name.
 */
function missingFallbacks(source: string, part: TemplatePart, locale: string, context: LintContext): LintFinding[] {
  const findings: LintFinding[] = [];
  const guards: string[][] = [];
  for (const match of source.matchAll(tokenPattern)) {
    if (match[1] !== undefined) {
      const tag = match[1].trim();
      const name = tag.split(/\s+/)[0];
      if (name === 'if' || name === 'unless' || name === 'case') guards.push([tag]);
      else if ((name === 'elsif' || name === 'when') && guards.length) guards[guards.length - 1].push(tag);
      else if ((name === 'endif' || name === 'endunless' || name === 'endcase') && guards.length) guards.pop();
      continue;
    }
    const output = match[2] ?? '';
    const variable = variableAtStart.exec(output)?.[1];
    if (!variable) continue;
    const path = variable.split('.');
    if (!isOptional(path, context)) continue;
    if (/\|\s*default\b/.test(output)) continue;
    const field = path[0] === 'trigger' ? variable : fieldOf(path);
    const bare = path[path.length - 1];
    if (guards.some((tags) => tags.some((tag) => tag.includes(field) || tag.includes(bare)))) continue;
    findings.push({
      rule: 'missing-fallback',
      severity: 'warning',
      message: `${variable} may be empty for some contacts: add a fallback, e.g. {{ ${variable} | default: "…" }}`,
      part,
      locale,
      ...position(source, match.index),
    });
  }
  return findings;
}

const snippetRefs = /\{%-?\s*(?:render|include)\s+['"]([^'"]+)['"]/g;

/** The body and the snippets it renders (one level is what marketers use; deeper ones are followed too). */
function withSnippets(body: string, context: LintContext): string {
  const seen = new Set<string>();
  let all = body;
  const queue = [body];
  while (queue.length) {
    for (const match of queue.pop()!.matchAll(snippetRefs)) {
      if (seen.has(match[1])) continue;
      seen.add(match[1]);
      const snippet = context.snippet(match[1]);
      if (snippet !== undefined) {
        all += `\n${snippet}`;
        queue.push(snippet);
      }
    }
  }
  return all;
}

function imagesWithoutAlt(body: string, locale: string): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const match of body.matchAll(/<(img|mj-image)\b[^>]*>/gi)) {
    if (/\salt\s*=/i.test(match[0])) continue;
    findings.push({
      rule: 'image-without-alt',
      severity: 'warning',
      message: 'an image has no alt text: readers with images off or a screen reader get nothing (alt="" for a decorative one)',
      part: 'body',
      locale,
      ...position(body, match.index),
    });
  }
  return findings;
}

async function lintContent(template: Template, content: TemplateContent, locale: string, context: LintContext): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  const parts: Array<[TemplatePart, string]> = [['subject', content.subject], ['preheader', content.preheader], ['body', content.body], ['text', content.text]];
  for (const [part, source] of parts) {
    if (!source) continue;
    let variables;
    try {
      variables = context.renderer.variables(source);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      findings.push({ rule: 'template-error', severity: 'error', message: error.message, part, locale, line: error.line, column: error.column, ...(error.snippet ? { snippet: error.snippet } : {}) });
      continue;
    }
    const reported = new Set<string>();
    for (const variable of variables) {
      const key = variable.path.join('.');
      if (isKnown(variable.path, context) || reported.has(key)) continue;
      reported.add(key);
      findings.push({
        rule: 'unknown-variable',
        severity: 'error',
        message: `unknown variable ${key}: no contact field, computed field or template variable has this name`,
        part,
        locale,
        line: variable.line,
        column: variable.column,
        ...(variable.snippet ? { snippet: variable.snippet } : {}),
      });
    }
    findings.push(...missingFallbacks(source, part, locale, context));
  }
  if (!/unsubscribe_url/.test(withSnippets(content.body, context))) {
    findings.push({
      rule: 'no-unsubscribe',
      severity: 'error',
      message: 'the body has no unsubscribe link: add <a href="{{ unsubscribe_url }}">Unsubscribe</a> (or a snippet that has one)',
      part: 'body',
      locale,
      line: 1,
      column: 1,
    });
  }
  findings.push(...imagesWithoutAlt(content.body, locale));
  if (template.document.format === 'mjml') {
    try {
      const compiled = await context.renderer.compileMjml(content.body);
      for (const warning of compiled.warnings) findings.push({ rule: 'mjml', severity: 'warning', message: warning.message, part: 'body', locale, line: warning.line, column: 1 });
    } catch (error) {
      findings.push({ rule: 'mjml', severity: 'error', message: error instanceof Error ? error.message : String(error), part: 'body', locale, line: 1, column: 1 });
    }
  }
  return findings;
}

/** Every finding for a template, default content first, then each locale variant. */
export async function lintTemplate(template: Template, context: LintContext): Promise<LintFinding[]> {
  const findings = await lintContent(template, template.document.content, template.document.locale, context);
  for (const [locale, content] of Object.entries(template.document.variants)) findings.push(...(await lintContent(template, content, locale, context)));
  return findings;
}
