import { z } from 'zod';
import { ID_PATTERN } from '../limits.ts';

/** The id of a journey, a step, a connection, a segment or a template (shared/limits.ts says what one may be). */
export const Id = z.string().regex(ID_PATTERN, 'expected an id of letters, digits, _ or - (at most 64)');
