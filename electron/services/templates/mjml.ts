import mjml2html from 'mjml';

export interface MjmlResult {
  html: string;
  /** MJML's validation warnings, e.g. an unknown attribute, with their line. */
  warnings: Array<{ line: number; message: string }>;
}

/**
 * MJML to responsive HTML. The Liquid inside stays as it is ({{ }} and {% %} pass through), and the HTML is
 * then parsed as a Liquid template. mj-include is refused so a template never reads the disk. MJML 5 compiles
 * asynchronously, so compiled bodies are cached here and rendering stays synchronous.
 */
export class MjmlCompiler {
  private readonly compiled = new Map<string, MjmlResult>();

  get(source: string): MjmlResult | undefined {
    return this.compiled.get(source);
  }

  async compile(source: string): Promise<MjmlResult> {
    const cached = this.compiled.get(source);
    if (cached) return cached;
    const output = await mjml2html(source, {
      validationLevel: 'soft',
      ignoreIncludes: true,
      keepComments: false,
      minify: false,
      beautify: false,
    } as Parameters<typeof mjml2html>[1]);
    const result: MjmlResult = {
      html: output.html,
      warnings: (output.errors ?? []).map((e: { line?: number; message?: string; formattedMessage?: string }) => ({ line: e.line ?? 1, message: e.message ?? e.formattedMessage ?? 'MJML error' })),
    };
    if (this.compiled.size >= 200) this.compiled.clear();
    this.compiled.set(source, result);
    return result;
  }
}
