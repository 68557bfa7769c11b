import { z } from 'zod';
import { call } from '../define.ts';

export const WorkspaceSummary = z.object({
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  journeys: z.number().int(),
  contacts: z.number().int(),
  events: z.number().int(),
  templates: z.number().int(),
  segments: z.number().int(),
});

export const workspaceCalls = {
  'workspace.summary': call('What the open database holds.', z.object({}), WorkspaceSummary),
  'workspace.loadSample': call(
    'Load the sample workspace: contacts, events, templates and three journeys.',
    z.object({
      contacts: z.number().int().min(1).max(2_000_000).default(2000),
      seed: z.number().int().default(1),
    }),
    z.object({ contacts: z.number().int(), events: z.number().int(), journeys: z.number().int(), templates: z.number().int() }),
  ),
};
