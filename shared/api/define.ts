import type { z } from 'zod';

/** One call the UI can make: its input and output schemas. Declared once, served by every host. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  summary: string;
}

export function call<I extends z.ZodType, O extends z.ZodType>(summary: string, input: I, output: O): CallSpec<I, O> {
  return { input, output, summary };
}
