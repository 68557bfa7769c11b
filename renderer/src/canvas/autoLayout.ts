import dagre from '@dagrejs/dagre';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { outcomesOf } from '../../../shared/journey/outcomes.ts';

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 92;

/** Positions for every step, top to bottom, branches side by side in outcome order (dagre). */
export function autoLayout(doc: JourneyDocument, measured: ReadonlyMap<string, { width: number; height: number }> = new Map()): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) {
    const size = measured.get(node.id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
    g.setNode(node.id, { width: size.width, height: size.height });
  }
  const ids = new Set(doc.nodes.map((n) => n.id));
  // Edges in outcome order, so 'yes' lands left of 'no' and branches keep their order.
  for (const node of doc.nodes) {
    const order = outcomesOf(node).map((o) => o.id);
    const out = doc.edges.filter((e) => e.source === node.id && ids.has(e.target)).sort((a, b) => order.indexOf(a.sourceHandle) - order.indexOf(b.sourceHandle));
    for (const edge of out) g.setEdge(edge.source, edge.target, {}, edge.id);
  }
  dagre.layout(g);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const node of doc.nodes) {
    const laid = g.node(node.id);
    positions[node.id] = { x: Math.round(laid.x - laid.width / 2), y: Math.round(laid.y - laid.height / 2) };
  }
  return positions;
}
