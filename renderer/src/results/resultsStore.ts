import { create } from 'zustand';
import type { EngagementResults, JourneyResults } from '../../../shared/api/calls/results.ts';
import type { AbMetric } from '../../../shared/results/abTest.ts';
import type { BreakdownDimension } from '../../../shared/results/journeyMetrics.ts';
import { api } from '../api/client.ts';

const DAY = 86_400_000;

export const rangePresets = {
  all: 'All time',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  custom: 'Custom dates',
} as const;
export type RangePreset = keyof typeof rangePresets;

export interface ResultsQuery {
  preset: RangePreset;
  /** Custom range, epoch ms (UTC midnight); `to` is the last day shown, inclusive. */
  from?: number;
  to?: number;
  conversion: 'goal' | 'purchase';
  /** The event that counts as a purchase (a conversion after an email): 'purchased', 'upgraded'... */
  conversionEvent: string;
  windowDays: number;
  abMetric: AbMetric;
  minimumLiftPoints: number;
}

export const defaultQuery: ResultsQuery = { preset: 'all', conversion: 'goal', conversionEvent: 'purchased', windowDays: 7, abMetric: 'conversion', minimumLiftPoints: 2 };

/** The [from, to) the service is asked for. */
export function rangeOf(query: ResultsQuery, now: number): { from?: number; to?: number } {
  switch (query.preset) {
    case 'all':
      return {};
    case 'custom':
      return { from: query.from, to: query.to === undefined ? undefined : query.to + DAY };
    default:
      return { from: now - Number.parseInt(query.preset, 10) * DAY };
  }
}

interface ResultsState {
  journeyId: string | null;
  query: ResultsQuery;
  results: JourneyResults | null;
  loading: boolean;
  error: string | null;
  breakdown: BreakdownDimension;
  engagementSegment: string | null;
  engagement: EngagementResults | null;
  open(journeyId: string): Promise<void>;
  setQuery(change: Partial<ResultsQuery>): Promise<void>;
  setBreakdown(dimension: BreakdownDimension): void;
  setEngagementSegment(segmentId: string | null): Promise<void>;
  declareWinner(splitNodeId: string, variantId: string): Promise<number>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The results screen's state: the query, what the service answered, and the engagement chart's segment. */
export const useResults = create<ResultsState>((set, get) => {
  let request = 0;
  const load = async () => {
    const { journeyId, query } = get();
    if (!journeyId) return;
    const mine = ++request;
    set({ loading: true, error: null });
    try {
      const results = await api()['results.journey']({
        journeyId,
        ...rangeOf(query, Date.now()),
        attribution: { conversion: query.conversion, windowDays: query.windowDays, purchaseEvent: query.conversionEvent.trim() || 'purchased', revenueProperty: 'amount' },
        abMetric: query.abMetric,
        minimumLiftPoints: query.minimumLiftPoints,
      });
      if (mine === request) set({ results, loading: false });
    } catch (error) {
      if (mine === request) set({ error: message(error), loading: false });
    }
  };
  const loadEngagement = async () => {
    try {
      set({ engagement: await api()['results.engagement']({ segmentId: get().engagementSegment }) });
    } catch (error) {
      set({ error: message(error) });
    }
  };
  return {
    journeyId: null,
    query: defaultQuery,
    results: null,
    loading: false,
    error: null,
    breakdown: 'variant',
    engagementSegment: null,
    engagement: null,
    async open(journeyId) {
      if (get().journeyId !== journeyId) set({ journeyId, results: null, query: defaultQuery });
      await Promise.all([load(), loadEngagement()]);
    },
    async setQuery(change) {
      set({ query: { ...get().query, ...change } });
      await load();
    },
    setBreakdown(breakdown) {
      set({ breakdown });
    },
    async setEngagementSegment(engagementSegment) {
      set({ engagementSegment });
      await loadEngagement();
    },
    async declareWinner(splitNodeId, variantId) {
      const journeyId = get().journeyId!;
      set({ error: null });
      try {
        const { version } = await api()['results.declareWinner']({ journeyId, splitNodeId, variantId });
        await load();
        return version;
      } catch (error) {
        set({ error: message(error) });
        throw error;
      }
    },
  };
});
