import { Context, Liquid, toValue, toValueSync, type Scope, type Template as LiquidTemplate } from 'liquidjs';
import { characterCount } from './characters.ts';
import { escapeOutput, HtmlCaptureTag } from './htmlEscaping.ts';
import { registerFilters } from './liquidFilters.ts';
import { liquidText } from './liquidText.ts';
import { SnippetCache, snippetFs, type SnippetSource } from './snippetFs.ts';

export { formatKey } from './liquidFilters.ts';

/** What stops a runaway template: wall time, output size, render steps (each loop iteration is one or more). */
export interface RenderLimits {
  /** Wall time of one part's render, in ms. */
  timeMs: number;
  /** Characters one rendered part may produce. */
  maxOutputChars: number;
  /** Rendered nodes (text, outputs, tags, each loop iteration's body) in one part: bounds loop iterations. */
  maxSteps: number;
  /** liquidjs' memory counter: ranges, joins, string building. */
  maxMemory: number;
  /** Characters of template source parsed at once. */
  maxSourceChars: number;
}

export const defaultLimits: RenderLimits = {
  timeMs: 1_000,
  maxOutputChars: 2_000_000,
  maxSteps: 250_000,
  maxMemory: 20_000_000,
  maxSourceChars: 2_500_000,
};

/** Counts render steps and checks the clock; liquidjs calls check() before every node it renders. */
class StepLimiter {
  private steps = 0;
  private readonly maxSteps: number;
  private readonly deadline: number;

  constructor(limits: RenderLimits) {
    this.maxSteps = limits.maxSteps;
    this.deadline = performance.now() + limits.timeMs;
  }

  check(now: number) {
    if (++this.steps > this.maxSteps) throw new Error(`render step limit exceeded (${this.maxSteps.toLocaleString('en-US')} steps: a loop runs too long)`);
    if (now > this.deadline) throw new Error('render time limit exceeded');
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

  /** Renders under the limits; `globals` is the scope, visible to snippets too. */
  render(templates: LiquidTemplate[], globals: object, strictVariables: boolean): string {
    const limiter = new StepLimiter(this.limits) as unknown as Context['renderLimit'];
    const ctx = new TemplateContext({}, this.liquid.options, { sync: true, globals, strictVariables }, { renderLimit: limiter, liquid: this.liquid });
    const emitter = new BoundedEmitter(this.limits.maxOutputChars);
    toValueSync(this.liquid.renderer.renderTemplates(templates, ctx, emitter as never));
    return emitter.buffer;
  }
}
