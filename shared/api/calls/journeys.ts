import { z } from 'zod';
import { call } from '../define.ts';
import { Id, JourneyDocument, JourneyDocumentInput, JourneyStatus } from '../../journey/journey.ts';
import { MAX_NAME_CHARS } from '../../limits.ts';

const ProblemShape = z.object({
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
});

export const JourneySummary = z.object({
  id: Id,
  name: z.string(),
  status: JourneyStatus,
  nodeCount: z.number().int(),
  /** Epoch milliseconds. */
  updatedAt: z.number(),
  createdAt: z.number(),
  liveVersion: z.number().int().nullable(),
});
export type JourneySummary = z.infer<typeof JourneySummary>;

export const Journey = JourneySummary.extend({ document: JourneyDocument });
export type Journey = z.infer<typeof Journey>;

const JourneyName = z.string().trim().min(1, 'a journey needs a name').max(MAX_NAME_CHARS);
const ById = z.object({ id: Id });

export const journeyCalls = {
  'journeys.list': call(
    'Every journey, newest change first, optionally filtered by name.',
    z.object({ search: z.string().max(200).optional() }),
    z.array(JourneySummary),
  ),
  'journeys.get': call('One journey with its draft document.', ById, Journey),
  'journeys.create': call(
    'A new draft journey, empty unless a document is given.',
    z.object({ name: JourneyName, document: JourneyDocumentInput.optional() }),
    Journey,
  ),
  'journeys.rename': call('Rename a journey.', z.object({ id: Id, name: JourneyName }), JourneySummary),
  'journeys.saveDraft': call(
    'Replace the draft document (the canvas autosaves through this).',
    z.object({ id: Id, document: JourneyDocumentInput }),
    JourneySummary,
  ),
  'journeys.duplicate': call('A copy of a journey, as a new draft.', ById, Journey),
  'journeys.delete': call('Delete a journey with its versions.', ById, z.object({ deleted: z.literal(true) })),
  'journeys.validate': call(
    'The problems of a document, checked against the templates and segments in the store.',
    z.object({ document: z.unknown() }),
    z.array(ProblemShape),
  ),
  'journeys.publish': call(
    'Make the draft the live version; refused while the validator reports problems.',
    ById,
    z.object({ version: z.number().int(), journey: JourneySummary }),
  ),
};
