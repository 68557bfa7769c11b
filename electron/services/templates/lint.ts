import type { Template, TemplateContent } from '../../../shared/templates/template.ts';
import type { LintFinding } from '../../../shared/api/calls/templates.ts';
import { computedFieldNames } from './computedFields.ts';
import type { TemplateRenderer } from './render.ts';
import { ForwardSearch, liquidTokenAt, type LiquidToken } from './liquidScan.ts';
import { builtInContactFields, reservedRoots } from './scope.ts';
import { TemplateError, type TemplatePart } from './templateError.ts';
import { LineIndex } from '../../../shared/format/lineIndex.ts';

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

/** Each Liquid tag and output of a source, in order (liquidScan.ts: in one pass, whatever is left unclosed). */
function* liquidTokens(source: string): Generator<LiquidToken & { start: number }> {
  const search = new ForwardSearch(source);
  for (let at = source.indexOf('{'); at !== -1; at = source.indexOf('{', at + 1)) {
    const token = liquidTokenAt(source, at, search);
    if (!token) continue;
    yield { ...token, start: at };
    at = token.end - 1;
  }
}

const variableAtStart = /^\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)/;

const namesInTag = /[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*/g;

/**
 * The names the open `if`, `unless` and `case` tags (with their `elsif` and `when`) mention: each variable path in
 * them, whole and by its segments (`contact.first_name`, `contact`, `first_name`), counted so that closing a block
 * takes its names away. Asking costs the same however many blocks are open: looking through every open tag's text
 * for each output took time growing with the square of the template (a `case` with thousands of `when`).
 */
class OpenGuards {
  private readonly blocks: string[][] = [];
  private readonly counts = new Map<string, number>();

  get open(): boolean {
    return this.blocks.length > 0;
  }

  /** An if, unless or case opens a block. */
  start(tag: string) {
    this.blocks.push([]);
    this.add(tag);
  }

  /** An elsif or when tests more in the innermost block. */
  add(tag: string) {
    const block = this.blocks[this.blocks.length - 1];
    for (const [path] of tag.matchAll(namesInTag)) {
      for (const name of path.includes('.') ? [path, ...path.split('.')] : [path]) {
        block.push(name);
        this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
      }
    }
  }

  end() {
    for (const name of this.blocks.pop() ?? []) {
      const count = this.counts.get(name)! - 1;
      if (count) this.counts.set(name, count);
      else this.counts.delete(name);
    }
  }

  mention(name: string): boolean {
    return this.counts.has(name);
  }
}

/**
 * Outputs of an optional field with no `default` and no `if` around them that tests it: the sentence would read
 * "Hi ," for a contact without a first name. A block tests a field when its tags name it: `{% if first_name %}`,
 * `{% if contact.first_name != blank %}`, `{% if trigger.cart %}` for `trigger.cart.total`.
 */
function missingFallbacks(source: string, part: TemplatePart, locale: string, context: LintContext): LintFinding[] {
  const findings: LintFinding[] = [];
  const guards = new OpenGuards();
  const lines = new LineIndex(source);
  for (const token of liquidTokens(source)) {
    const inner = source.slice(token.innerStart, token.innerEnd);
    if (token.kind === 'tag') {
      const tag = inner.trim();
      const name = /^\S*/.exec(tag)![0];
      if (name === 'if' || name === 'unless' || name === 'case') guards.start(tag);
      else if ((name === 'elsif' || name === 'when') && guards.open) guards.add(tag);
      else if ((name === 'endif' || name === 'endunless' || name === 'endcase') && guards.open) guards.end();
      continue;
    }
    const variable = variableAtStart.exec(inner)?.[1];
    if (!variable) continue;
    const path = variable.split('.');
    if (!isOptional(path, context)) continue;
    if (/\|\s*default\b/.test(inner)) continue;
    const field = path[0] === 'trigger' ? variable : fieldOf(path);
    const bare = path[path.length - 1];
    if (guards.mention(field) || guards.mention(bare)) continue;
    findings.push({
      rule: 'missing-fallback',
      severity: 'warning',
      message: `${variable} may be empty for some contacts: add a fallback, e.g. {{ ${variable} | default: "…" }}`,
      part,
      locale,
      ...lines.at(token.start),
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

/**
 * The `<img …>` and `<mj-image …>` tags of a body: each opening, then the first `>` after it (once none follows an
 * opening, none follows a later one: `<img\b[^>]*>` searched to the end again from each).
 */
function* imageTags(body: string): Generator<{ tag: string; start: number }> {
  const opening = /<(?:img|mj-image)\b/gi;
  const search = new ForwardSearch(body);
  for (let match = opening.exec(body); match; match = opening.exec(body)) {
    const end = search.indexOf('>', opening.lastIndex);
    if (end === -1) return;
    yield { tag: body.slice(match.index, end + 1), start: match.index };
    opening.lastIndex = end + 1;
  }
}

function imagesWithoutAlt(body: string, locale: string): LintFinding[] {
  const findings: LintFinding[] = [];
  const lines = new LineIndex(body);
  for (const { tag, start } of imageTags(body)) {
    if (/\salt\s*=/i.test(tag)) continue;
    findings.push({
      rule: 'image-without-alt',
      severity: 'warning',
      message: 'an image has no alt text: readers with images off or a screen reader get nothing (alt="" for a decorative one)',
      part: 'body',
      locale,
      ...lines.at(start),
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
