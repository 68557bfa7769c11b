import { useEffect } from 'react';
import { create } from 'zustand';
import type { NodeCounts } from '../../../shared/api/calls/engine.ts';
import type { NodeResults } from '../../../shared/api/calls/results.ts';
import type { NodeKind } from '../../../shared/journey/nodes.ts';
import { api } from '../api/client.ts';
import { nodeResultsLabel } from '../results/useNodeResults.ts';

/** What the steps show: the engine's counts now, or the results over a number of days (null: all time). */
export type StepNumbersView = { kind: 'live' } | { kind: 'results'; days: number | null };

interface LiveCountsState {
  journeyId: string | null;
  byNode: Record<string, NodeCounts>;
  view: StepNumbersView;
  results: NodeResults | null;
}

/** What the live engine reports for each node of the open journey, refreshed while the editor is open. */
export const useLiveCounts = create<LiveCountsState>(() => ({ journeyId: null, byNode: {}, view: { kind: 'live' }, results: null }));

const DAY = 86_400_000;

/** Switches the steps between live counts and results over a range, loading the results once. */
export async function showStepNumbers(view: StepNumbersView): Promise<void> {
  useLiveCounts.setState({ view, results: null });
  const journeyId = useLiveCounts.getState().journeyId;
  if (view.kind !== 'results' || !journeyId) return;
  try {
    const results = await api()['results.nodes']({ journeyId, from: view.days === null ? undefined : Date.now() - view.days * DAY });
    if (useLiveCounts.getState().view === view) useLiveCounts.setState({ results });
  } catch {
    // The steps simply show no numbers when the results cannot be read.
  }
}

const REFRESH_MS = 5000;

/** Polls the engine's counts for a journey that has been published; a draft has none. */
export function usePollLiveCounts(journeyId: string, published: boolean): void {
  useEffect(() => {
    useLiveCounts.setState({ journeyId, byNode: {}, view: { kind: 'live' }, results: null });
    if (!published) return;
    let stopped = false;
    const refresh = async () => {
      try {
        const { nodes } = await api()['engine.nodeCounts']({ journeyId });
        if (!stopped) useLiveCounts.setState({ journeyId, byNode: Object.fromEntries(nodes.map((n) => [n.nodeId, n])) });
      } catch {
        // Counts are a nicety: a failed refresh keeps the last ones and tries again.
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [journeyId, published]);
}

/** One line for a node: who is there now and who passed; for emails, what became of them. */
export function liveCountsLine(counts: NodeCounts | undefined, isEmail: boolean): string {
  if (!counts) return '';
  const parts = [`${counts.now.toLocaleString()} here`, `${counts.passed.toLocaleString()} passed`];
  if (isEmail) {
    parts.push(`${counts.sent.toLocaleString()} sent`);
    if (counts.failed) parts.push(`${counts.failed.toLocaleString()} failed`);
    if (counts.suppressed) parts.push(`${counts.suppressed.toLocaleString()} suppressed`);
  }
  return parts.join(' · ');
}

/** A node's line for the current view, re-rendering the node only when its own text changes. */
export function useStepNumbersLine(nodeId: string, kind: NodeKind): string {
  return useLiveCounts((s) => (s.view.kind === 'live' ? liveCountsLine(s.byNode[nodeId], kind === 'email') : nodeResultsLabel(kind, s.results?.[nodeId])));
}

export function useBranchCount(nodeId: string, outcomeId: string): number | undefined {
  return useLiveCounts((s) => (s.view.kind === 'live' ? s.byNode[nodeId]?.branches[outcomeId] : undefined));
}
