import { Context, Liquid, toValue, toValueSync, type Scope, type Template as LiquidTemplate } from 'liquidjs';
import { characterCount } from './characters.ts';
import { escapeOutput, HtmlCaptureTag } from './htmlEscaping.ts';
import { boundLiquidParse } from './boundedLiquidParse.ts';
import { registerFilters } from './liquidFilters.ts';
import { liquidText } from './liquidText.ts';
import type { RenderDeadline } from './renderDeadline.ts';
import { SnippetCache, snippetFs, type SnippetSource } from './snippetFs.ts';

export { formatKey } from './liquidFilters.ts';

/** What stops a runaway template: wall time, output size, render steps (each loop iteration is one or more). */
export interface RenderLimits {
  /** Wall time of one email's render, in ms: all its parts and the HTML's post-processing (see RenderDeadline). */
  timeMs: number;
  /** Characters one rendered part may produce. */
  maxOutputChars: number;
  /** Rendered nodes (text, outputs, tags, each loop iteration's body) in one part: bounds loop iterations. */
  maxSteps: number;
  /** liquidjs' memory counter: ranges, joins, string building. */
  maxMemory: number;
  /** Characters of template source parsed at once. */
  maxSourceChars: number;
  /** Liquid tags and outputs in one source (a part, a snippet): what a parse costs (boundedLiquidParse.ts). */
  maxTags: number;
}

export const defaultLimits: RenderLimits = {
  timeMs: 2_000,
  maxOutputChars: 2_000_000,
  maxSteps: 250_000,
  maxMemory: 20_000_000,
  maxSourceChars: 2_500_000,
  maxTags: 10_000,
};

/** Counts render steps and checks the email's deadline; liquidjs calls check() before every node it renders. */
class StepLimiter {
  private steps = 0;
  private readonly maxSteps: number;
  private readonly deadline: RenderDeadline;

  constructor(maxSteps: number, deadline: RenderDeadline) {
    this.maxSteps = maxSteps;
    this.deadline = deadline;
  }

  check(now: number) {
    if (++this.steps > this.maxSteps) throw new Error(`render step limit exceeded (${this.maxSteps.toLocaleString('en-US')} steps: a loop runs too long)`);
    this.deadline.check(now);
  }

  use() {}
}

/**
 * liquidjs' render context, with `text.size` counted as the size filter counts (characters.ts) rather than in UTF-16
 * units. Contexts spawned for snippets and filters are of this kind too.
 */
class TemplateContext extends Context {
  override readProperty(obj: Scope, key: Parameters<Context['readProperty']>[1]): unknown {
    if (key === 'size') {
      const value = toValue(obj);
      if (typeof value === 'string') return characterCount(value);
    }
    return super.readProperty(obj, key);
  }

  override spawn(scope = {}): Context {
    const { sync, globals, strictVariables, ownPropertyOnly, renderLimit, memoryLimit, liquid } = this;
    return new TemplateContext(scope, this.opts, { sync, globals, strictVariables, ownPropertyOnly }, { renderLimit, memoryLimit, liquid });
  }
}

/** Collects the output and stops the render as soon as it grows past the limit, before memory does. */
class BoundedEmitter {
  buffer = '';
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  write(html: unknown) {
    this.buffer += liquidText(html);
    if (this.buffer.length > this.max) throw new Error(`output size limit exceeded (${this.max.toLocaleString('en-US')} characters)`);
  }
}

/**
 * One configured liquidjs: our filters, snippets from the store only, the limits, and a cache of parsed templates
 * keyed by their source (a template is parsed once, then rendered for every contact).
 */
export class LiquidEngine {
  readonly liquid: Liquid;
  private readonly parsed = new Map<string, LiquidTemplate[]>();
  private readonly limits: RenderLimits;

  constructor(options: { escapeHtml: boolean; snippets: SnippetSource; limits: RenderLimits }) {
    this.limits = options.limits;
    this.liquid = new Liquid({
      fs: snippetFs(options.snippets),
      root: ['snippets'],
      partials: ['snippets'],
      relativeReference: false,
      extname: '',
      cache: new SnippetCache(options.snippets),
      outputEscape: options.escapeHtml ? escapeOutput : undefined,
      ownPropertyOnly: true,
      strictFilters: true,
      parseLimit: options.limits.maxSourceChars,
      memoryLimit: options.limits.maxMemory,
      renderLimit: options.limits.timeMs,
    });
    boundLiquidParse(this.liquid, options.limits.maxTags);
    registerFilters(this.liquid, options.escapeHtml);
    if (options.escapeHtml) this.liquid.registerTag('capture', HtmlCaptureTag);
  }

  /** Parsed once per distinct source; throws liquidjs' parse error. */
  parse(source: string): LiquidTemplate[] {
    let templates = this.parsed.get(source);
    if (!templates) {
      templates = this.liquid.parse(source);
      if (this.parsed.size >= 1_000) this.parsed.clear(); // a crude bound: editing sessions make many sources
      this.parsed.set(source, templates);
    }
    return templates;
  }

  /** Renders under the limits, until the email's deadline; `globals` is the scope, visible to snippets too. */
  render(templates: LiquidTemplate[], globals: object, strictVariables: boolean, deadline: RenderDeadline): string {
    const limiter = new StepLimiter(this.limits.maxSteps, deadline) as unknown as Context['renderLimit'];
    const ctx = new TemplateContext({}, this.liquid.options, { sync: true, globals, strictVariables }, { renderLimit: limiter, liquid: this.liquid });
    const emitter = new BoundedEmitter(this.limits.maxOutputChars);
    toValueSync(this.liquid.renderer.renderTemplates(templates, ctx, emitter as never));
    return emitter.buffer;
  }
}
