import { z } from 'zod';
import { durationUnits, type Duration as DurationValue } from './duration.ts';

export const Duration = z.object({
  amount: z.number().positive('expected a positive number'),
  unit: z.enum(durationUnits),
}) satisfies z.ZodType<DurationValue>;
