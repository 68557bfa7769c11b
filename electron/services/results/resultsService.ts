import type { Db } from '../../store/database.ts';
import type { JourneyStore } from '../journeys/journeyStore.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { AbTestResult, EngagementResults, JourneyResults, NodeResults } from '../../../shared/api/calls/results.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { Attribution } from '../../../shared/results/attribution.ts';
import { engagementEventNames } from '../../../shared/results/attribution.ts';
import { analyseAbTest, type AbMetric } from '../../../shared/results/abTest.ts';
import { journeyMetrics, type DateRange, type JourneyMetrics } from '../../../shared/results/journeyMetrics.ts';
import { declaredWinner } from '../../../shared/results/declareWinner.ts';
import { engagementMatrix, usualEngagementHour } from '../../../shared/results/sendTime.ts';
import { SegmentEvaluator } from '../segments/segmentEvaluator.ts';
import { TallyReader } from './journeyTallies.ts';

export interface JourneyResultsQuery {
  journeyId: string;
  from?: number;
  to?: number;
  attribution: Attribution;
  abMetric: AbMetric;
  minimumLiftPoints: number;
  confidence: number;
  segmentIds?: string[];
}

/** Metrics (for 64-bit ms) beyond any date the app will see: an open end of the range. */
const END_OF_TIME = 8_640_000_000_000_000;

/** What journeys, emails and A/B tests achieved, read from the engine's records. */
export class ResultsService {
  private readonly db: Db;
  private readonly journeys: JourneyStore;
  private readonly now: () => number;
  private segmentEvaluator: SegmentEvaluator | undefined;
  private tallyReader: TallyReader | undefined;

  constructor(db: Db, journeys: JourneyStore, now: () => number) {
    this.db = db;
    this.journeys = journeys;
    this.now = now;
  }

  journey(query: JourneyResultsQuery): JourneyResults {
    const journey = this.journeys.get(query.journeyId);
    const document = this.layoutDocument(journey.id, journey.liveVersion, journey.document);
    const metrics = this.metrics(query.journeyId, document, { from: query.from ?? 0, to: query.to ?? END_OF_TIME }, query.attribution, query.segmentIds);
    return { journeyId: journey.id, name: journey.name, version: journey.liveVersion, metrics, abTests: abTestResults(document, metrics, query) };
  }

  /** The document the numbers are laid out on: the live version's (what contacts ran), else the draft. */
  layoutDocument(journeyId: string, liveVersion: number | null, draft: JourneyDocument): JourneyDocument {
    return liveVersion === null ? draft : this.journeys.version(journeyId, liveVersion);
  }

  nodes(journeyId: string, range: { from?: number; to?: number }, attribution: Attribution): NodeResults {
    const journey = this.journeys.get(journeyId);
    const document = this.layoutDocument(journey.id, journey.liveVersion, journey.document);
    const metrics = this.metrics(journeyId, document, { from: range.from ?? 0, to: range.to ?? END_OF_TIME }, attribution, []);
    return Object.fromEntries(metrics.steps.map((s) => [s.nodeId, { reached: s.reached, counts: s.counts, rates: s.rates }]));
  }

  engagement(segmentId: string | null, fallbackTimezone: string): EngagementResults {
    const segments = this.db.prepare('SELECT id, name FROM segments ORDER BY name').all() as Array<{ id: string; name: string }>;
    if (segmentId !== null && !segments.some((s) => s.id === segmentId)) throw new ApiError('not-found', `no segment with the id ${segmentId}`);
    const members = segmentId === null ? null : new Set(this.segmentMembers(segmentId));
    const rows = this.db
      .prepare(
        `SELECT e.contact_id AS contactId, c.timezone AS zone, e.occurred_at AS at FROM events e JOIN contacts c ON c.id = e.contact_id
          WHERE e.name IN (?, ?) ORDER BY e.contact_id`,
      )
      .all(engagementEventNames.opened, engagementEventNames.clicked) as Array<{ contactId: number; zone: string | null; at: number }>;
    const byContact = new Map<number, { zone: string; times: number[] }>();
    for (const row of rows) {
      if (members && !members.has(row.contactId)) continue;
      const entry = byContact.get(row.contactId) ?? { zone: validZone(row.zone) ?? fallbackTimezone, times: [] };
      entry.times.push(row.at);
      byContact.set(row.contactId, entry);
    }
    const usualHours = new Array<number>(24).fill(0);
    for (const { zone, times } of byContact.values()) {
      const usual = usualEngagementHour(times, zone);
      if (usual) usualHours[usual.hour]++;
    }
    return { segmentId, matrix: engagementMatrix(byContact.values()), usualHours, segments };
  }

  private metrics(journeyId: string, document: JourneyDocument, range: DateRange, attribution: Attribution, segmentIds?: string[]): JourneyMetrics {
    if (range.from >= range.to) throw new ApiError('invalid-input', 'the date range ends before it starts');
    const allSegments = this.db.prepare('SELECT id, name FROM segments ORDER BY name').all() as Array<{ id: string; name: string }>;
    const segments = segmentIds === undefined ? allSegments : allSegments.filter((s) => segmentIds.includes(s.id));
    const now = this.now();
    this.tallyReader ??= new TallyReader(this.db);
    const tallies = this.tallyReader.journey({
      journeyId,
      document,
      range,
      attribution,
      segments: segments.map((s) => ({ id: s.id, condition: this.evaluator().membershipSql(s.id, now) })),
    });
    return journeyMetrics({ document, range, attribution, segments, tallies });
  }

  private evaluator(): SegmentEvaluator {
    this.segmentEvaluator ??= new SegmentEvaluator(this.db);
    return this.segmentEvaluator;
  }

  private segmentMembers(segmentId: string): number[] {
    return this.evaluator().members(segmentId, this.now());
  }
}

/** Each A/B split's statistics and verdict on the chosen metric, from the metrics' variant counts. */
export function abTestResults(
  document: JourneyDocument,
  metrics: JourneyMetrics,
  query: Pick<JourneyResultsQuery, 'abMetric' | 'minimumLiftPoints' | 'confidence'>,
): AbTestResult[] {
  const successesOf = { conversion: 'converted', open: 'opened', click: 'clicked' } as const;
  return metrics.splits.map((split) => ({
    nodeId: split.nodeId,
    name: split.name,
    declaredWinner: declaredWinner(document, split.nodeId),
    analysis: analyseAbTest(
      split.variants.map((v) => ({ id: v.id, name: v.name, trials: v.contacts, successes: v[successesOf[query.abMetric]] })),
      { metric: query.abMetric, minimumLift: query.minimumLiftPoints / 100, confidence: query.confidence },
    ),
  }));
}

function validZone(zone: string | null): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}
