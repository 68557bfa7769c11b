import { z } from 'zod';
import { call } from '../define.ts';
import { Id } from '../../journey/journey.ts';
import { TimeZone } from '../../journey/waits.ts';
import { JourneySummary } from './journeys.ts';
import { Attribution } from '../../results/attribution.ts';
import { abMetrics, type AbAnalysis } from '../../results/abTest.ts';
import type { JourneyMetrics, StepMetrics } from '../../results/journeyMetrics.ts';
import type { EngagementMatrix } from '../../results/sendTime.ts';

/** Epoch ms; `to` is exclusive. Left out, the range is open on that side. */
const Range = z.object({
  from: z.number().int().optional(),
  to: z.number().int().optional(),
});

export interface AbTestResult {
  nodeId: string;
  name: string;
  /** The variant a declared winner sends everyone down in the live version, if one was declared. */
  declaredWinner: string | null;
  analysis: AbAnalysis;
}

export interface JourneyResults {
  journeyId: string;
  name: string;
  /** The published version whose nodes the numbers are laid out on (null: the draft's). */
  version: number | null;
  metrics: JourneyMetrics;
  abTests: AbTestResult[];
}

export interface EngagementResults {
  segmentId: string | null;
  matrix: EngagementMatrix;
  /** How many contacts have each usual engagement hour (local, 0-23); contacts with too little history are left out. */
  usualHours: number[];
  segments: Array<{ id: string; name: string }>;
}

export type NodeResults = Record<string, Pick<StepMetrics, 'reached' | 'counts' | 'rates'>>;

/*
 * The outputs are produced by our own services from the types in shared/results (the single definition of
 * their shape) and are not re-validated by the hosts, so they are declared by type rather than rebuilt as
 * parallel zod schemas that could drift.
 */
export const resultsCalls = {
  'results.journey': call(
    'What a journey achieved over a date range: per step, per A/B split (with the statistics and a verdict), breakdowns and a daily series.',
    Range.extend({
      journeyId: Id,
      attribution: Attribution.default(Attribution.parse({})),
      abMetric: z.enum(abMetrics).default('conversion'),
      /** The smallest lift worth detecting, in points (2 = 2 percentage points). */
      minimumLiftPoints: z.number().positive().max(50).default(2),
      confidence: z.number().min(0.5).max(0.999).default(0.95),
      /** Segments to break the results down by; all segments when left out. */
      segmentIds: z.array(Id).optional(),
    }),
    z.custom<JourneyResults>(),
  ),
  'results.nodes': call(
    'Per-node numbers for a journey over a date range, keyed by node id (for the canvas).',
    Range.extend({ journeyId: Id, attribution: Attribution.default(Attribution.parse({})) }),
    z.custom<NodeResults>(),
  ),
  'results.engagement': call(
    'Opens and clicks by local weekday and hour for a segment (or everyone), and the spread of usual engagement hours.',
    z.object({ segmentId: Id.nullable().default(null), fallbackTimezone: TimeZone.default('UTC') }),
    z.custom<EngagementResults>(),
  ),
  'results.declareWinner': call(
    'Publish a new version in which an A/B split sends everyone down the winning variant.',
    z.object({ journeyId: Id, splitNodeId: Id, variantId: z.string().min(1) }),
    z.object({ version: z.number().int(), journey: JourneySummary }),
  ),
};
