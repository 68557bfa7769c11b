export const errorCodes = ['unknown-call', 'invalid-input', 'not-found', 'conflict', 'refused', 'unsupported', 'internal'] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** An error as it crosses a transport. Hosts build it (never parse it), so it has no schema. */
export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  /** Where the input was wrong: JSON paths and what is wrong there. */
  issues?: Array<{ path: string; message: string }>;
}

/** An error a handler means the user to read. Anything else thrown is reported as 'internal'. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ApiErrorShape['issues'];

  constructor(code: ErrorCode, message: string, issues?: ApiErrorShape['issues']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }

  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.issues);
  }
}

/** What crosses every transport: a value or an error, never a thrown exception. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
