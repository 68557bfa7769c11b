import { useEffect, useState } from 'react';
import type { NodeResults } from '../../../shared/api/calls/results.ts';
import type { NodeKind } from '../../../shared/journey/nodes.ts';
import { api } from '../api/client.ts';
import { formatCount, formatProportion } from './format.ts';

/**
 * Per-node numbers for the canvas: `useNodeResults(journeyId)` gives { [nodeId]: { reached, counts, rates } }
 * (null while loading or on error), and `nodeResultsLabel` the one-line badge a node can show.
 */
export function useNodeResults(journeyId: string, range: { from?: number; to?: number } = {}): NodeResults | null {
  const [results, setResults] = useState<NodeResults | null>(null);
  const { from, to } = range;
  useEffect(() => {
    let current = true;
    const load = api()['results.nodes'];
    load({ journeyId, from, to }).then(
      (r) => current && setResults(r),
      () => current && setResults(null),
    );
    return () => {
      current = false;
    };
  }, [journeyId, from, to]);
  return results;
}

export function nodeResultsLabel(kind: NodeKind, node: NodeResults[string] | undefined): string {
  if (!node) return '';
  switch (kind) {
    case 'trigger':
      return `${formatCount(node.counts.entered)} entered`;
    case 'email':
      return `${formatCount(node.counts.sent)} sent · ${formatProportion(node.rates.open)} opened · ${formatProportion(node.rates.click)} clicked`;
    case 'goal':
      return `${formatCount(node.counts.converted)} converted`;
    default:
      return `${formatCount(node.reached)} reached`;
  }
}
