/** How a time reads in an error: `2 s`, `1.5 s`, `50 ms`. */
const duration = (ms: number) => (ms >= 1_000 ? `${ms / 1_000} s` : `${ms} ms`);

/** One email's render ran out of time; the renderer reports it as a TemplateError of kind `limit`. */
export class RenderTimeLimitError extends Error {
  constructor(timeMs: number) {
    super(`the template took longer than ${duration(timeMs)} to render (the time limit for one email)`);
    this.name = 'RenderTimeLimitError';
  }
}

/**
 * The time one email's render may take, counted from its start: the parse on first use, the Liquid parts, and the
 * HTML's post-processing (plain text, preheader) together, so that no template holds the thread longer whatever
 * it does. Liquid checks it before every node it renders; the renderer between its steps.
 */
export class RenderDeadline {
  private readonly timeMs: number;
  private readonly at: number;

  constructor(timeMs: number) {
    this.timeMs = timeMs;
    this.at = performance.now() + timeMs;
  }

  /** Throws RenderTimeLimitError once the time is up; `now` is performance.now(), when the caller has it. */
  check(now = performance.now()): void {
    if (now > this.at) throw new RenderTimeLimitError(this.timeMs);
  }
}
