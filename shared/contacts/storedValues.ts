import { z } from 'zod';
import { jsonValueProblem, storedValueLimits, storedValueProblem } from '../limits.ts';

/**
 * A contact's custom attributes as a door takes them (an edit, a backup, a made-up contact): each value within
 * the stored-value limits of shared/limits.ts, refused by name otherwise. The importers check the same limits
 * with storedValueProblem(), row by row.
 */
export const AttributeValues = z.record(z.string(), z.unknown()).superRefine((attributes, context) => {
  for (const [name, value] of Object.entries(attributes)) {
    if (jsonValueProblem(value, storedValueLimits)) context.addIssue({ code: 'custom', path: [name], message: storedValueProblem(value)! });
  }
});

/** An event's properties as a door takes them (a backup, a made-up event, a trigger): the whole object within the limits. */
export const EventProperties = z.record(z.string(), z.unknown()).superRefine((properties, context) => {
  if (jsonValueProblem(properties, storedValueLimits)) context.addIssue({ code: 'custom', message: storedValueProblem(properties)! });
});
