import dagre from '@dagrejs/dagre';
import type { JourneyDocument } from './journey.ts';
import { outcomesOf } from './outcomes.ts';

import { NODE_HEIGHT, NODE_WIDTH } from './nodeSize.ts';

export { NODE_HEIGHT, NODE_WIDTH };

/** Positions for every step, top to bottom, branches side by side in outcome order (dagre). */
export function autoLayout(doc: JourneyDocument, measured: ReadonlyMap<string, { width: number; height: number }> = new Map()): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  // dagre's first ordering follows insertion order, so insert in walking order from the trigger, outcomes in
  // their order: 'Yes' lands left of 'No' and branches keep their order.
  const ordered = walkOrder(doc);
  for (const node of ordered) {
    const size = measured.get(node.id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
    g.setNode(node.id, { width: size.width, height: size.height });
  }
  const ids = new Set(doc.nodes.map((n) => n.id));
  for (const node of ordered) {
    const order = outcomesOf(node).map((o) => o.id);
    const out = doc.edges.filter((e) => e.source === node.id && ids.has(e.target)).sort((a, b) => order.indexOf(a.sourceHandle) - order.indexOf(b.sourceHandle));
    for (const edge of out) g.setEdge(edge.source, edge.target, {}, edge.id);
  }
  // dagre knows nothing of ports, so say which child goes left: 'Yes' before 'No', branches in their order.
  const constraints: Array<{ left: string; right: string }> = [];
  for (const node of ordered) {
    const targets = outcomesOf(node)
      .map((o) => doc.edges.find((e) => e.source === node.id && e.sourceHandle === o.id)?.target)
      .filter((t, i, all): t is string => t !== undefined && ids.has(t) && all.indexOf(t) === i);
    for (let i = 1; i < targets.length; i++) constraints.push({ left: targets[i - 1], right: targets[i] });
  }
  try {
    dagre.layout(g, { constraints });
  } catch {
    dagre.layout(g); // constraints that cannot hold (children on different ranks): lay out without them
  }
  const positions: Record<string, { x: number; y: number }> = {};
  for (const node of doc.nodes) {
    const laid = g.node(node.id);
    positions[node.id] = { x: Math.round(laid.x - laid.width / 2), y: Math.round(laid.y - laid.height / 2) };
  }
  return positions;
}

function walkOrder(doc: JourneyDocument): JourneyDocument['nodes'] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const out: JourneyDocument['nodes'] = [];
  const visit = (id: string) => {
    const node = byId.get(id);
    if (!node || seen.has(id)) return;
    seen.add(id);
    out.push(node);
    for (const outcome of outcomesOf(node)) {
      for (const edge of doc.edges) if (edge.source === id && edge.sourceHandle === outcome.id) visit(edge.target);
    }
  };
  for (const node of doc.nodes) if (node.kind === 'trigger') visit(node.id);
  for (const node of doc.nodes) visit(node.id);
  return out;
}
