import { useEffect } from 'react';
import { create } from 'zustand';
import type { NodeCounts } from '../../../shared/api/calls/engine.ts';
import { api } from '../api/client.ts';

interface LiveCountsState {
  journeyId: string | null;
  byNode: Record<string, NodeCounts>;
}

/** What the live engine reports for each node of the open journey, refreshed while the editor is open. */
export const useLiveCounts = create<LiveCountsState>(() => ({ journeyId: null, byNode: {} }));

const REFRESH_MS = 5000;

/** Polls the engine's counts for a journey that has been published; a draft has none. */
export function usePollLiveCounts(journeyId: string, published: boolean): void {
  useEffect(() => {
    useLiveCounts.setState({ journeyId, byNode: {} });
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

/** A node's line, re-rendering the node only when its own text changes. */
export function useLiveCountsLine(nodeId: string, isEmail: boolean): string {
  return useLiveCounts((s) => liveCountsLine(s.byNode[nodeId], isEmail));
}

export function useBranchCount(nodeId: string, outcomeId: string): number | undefined {
  return useLiveCounts((s) => s.byNode[nodeId]?.branches[outcomeId]);
}
