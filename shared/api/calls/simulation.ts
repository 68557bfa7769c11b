import { z } from 'zod';
import { call } from '../define.ts';
import { ForecastRequest, JourneySource, SimulationRequest } from '../../simulation/input.ts';
import { ForecastResult, SimulationResult, countNames } from '../../simulation/output.ts';

export const ForecastJob = z.object({
  jobId: z.string(),
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  done: z.number(),
  total: z.number(),
  result: ForecastResult.nullable(),
  comparison: ForecastResult.nullable(),
  error: z.string().nullable(),
});
export type ForecastJob = z.infer<typeof ForecastJob>;

export const ContactPick = z.object({ id: z.number(), email: z.string(), name: z.string() });
export type ContactPick = z.infer<typeof ContactPick>;

const JobId = z.object({ jobId: z.string().min(1) });

export const simulationCalls = {
  'simulation.run': call(
    'Simulates one contact through a journey on a virtual clock with the live interpreter; writes and sends nothing.',
    SimulationRequest,
    SimulationResult,
  ),
  'simulation.findContacts': call(
    'Contacts whose email or name contains the search, for the simulator’s contact picker.',
    z.object({ search: z.string().max(200).default(''), limit: z.number().int().min(1).max(100).default(20) }),
    z.array(ContactPick),
  ),
  'simulation.forecastStart': call(
    'Starts a forecast of the audience in the background (optionally compared with another version); returns a job id.',
    ForecastRequest.extend({ compareWith: JourneySource.optional() }),
    z.object({ jobId: z.string() }),
  ),
  'simulation.forecastStatus': call('Progress of a forecast, with its results once done.', JobId, ForecastJob),
  'simulation.forecastCancel': call('Stops a running forecast.', JobId, z.object({ cancelled: z.boolean() })),
  'simulation.forecastContacts': call(
    'The contacts behind one count of a finished forecast.',
    JobId.extend({
      which: z.enum(['result', 'comparison']).default('result'),
      nodeId: z.string().min(1),
      /** A count name, or 'branch:<id>' for a branch. */
      count: z.union([z.enum(countNames), z.string().regex(/^branch:.+$/)]),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.object({ total: z.number(), contacts: z.array(ContactPick) }),
  ),
};
