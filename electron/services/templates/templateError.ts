import { LiquidError } from 'liquidjs';
import { RenderTimeLimitError } from './renderDeadline.ts';

/** Which part of the template the error is in. */
export type TemplatePart = 'subject' | 'preheader' | 'body' | 'text';

/** A template that cannot be parsed or rendered, with where: part, line and column (1-based), snippet if in one. */
export class TemplateError extends Error {
  readonly line: number;
  readonly column: number;
  readonly part: TemplatePart;
  /** The snippet the error is in, when it is in one. */
  readonly snippet?: string;
  /** syntax: cannot be parsed; render: failed while rendering; limit: a render limit stopped it; undefined-variable. */
  readonly kind: 'syntax' | 'render' | 'limit' | 'undefined-variable';

  constructor(message: string, where: { line: number; column: number; part: TemplatePart; snippet?: string; kind: TemplateError['kind'] }) {
    super(message);
    this.name = 'TemplateError';
    this.line = where.line;
    this.column = where.column;
    this.part = where.part;
    this.snippet = where.snippet;
    this.kind = where.kind;
  }

  toJSON() {
    return { message: this.message, line: this.line, column: this.column, part: this.part, kind: this.kind, ...(this.snippet ? { snippet: this.snippet } : {}) };
  }
}

/** liquidjs' own limits (memory, parse) and ours (steps, output size) say so; the time limit is its own error. */
const limitPattern = /limit exceeded/;
const isLimit = (error: unknown, message: string) => error instanceof RenderTimeLimitError || limitPattern.test(message);

/** liquidjs' error, re-stated as ours: the message without its position suffix, the position as fields. */
export function toTemplateError(error: unknown, part: TemplatePart): TemplateError {
  if (error instanceof TemplateError) return error;
  if (!LiquidError.is(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new TemplateError(message, { line: 1, column: 1, part, kind: isLimit(error, message) ? 'limit' : 'render' });
  }
  const liquidError = error as LiquidError & { token?: { getPosition(): [number, number]; file?: string }; originalError?: Error };
  const [line, column] = liquidError.token?.getPosition() ?? [1, 1];
  const original = liquidError.originalError?.message ?? liquidError.message;
  const message = original.replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, '');
  const kind: TemplateError['kind'] =
    liquidError.name === 'UndefinedVariableError' ? 'undefined-variable'
      : isLimit(liquidError.originalError, message) ? 'limit'
        : liquidError.name === 'ParseError' || liquidError.name === 'TokenizationError' ? 'syntax'
          : 'render';
  const file = liquidError.token?.file;
  return new TemplateError(message, { line, column, part, kind, ...(file ? { snippet: file } : {}) });
}
