import type { DraftNode, Edge, JourneyDocument, StickyNote } from '../../../shared/journey/journey.ts';
import type { JourneySettings } from '../../../shared/journey/settings.ts';
import { outcomesOf } from '../../../shared/journey/outcomes.ts';
import type { JourneySelection } from '../../../shared/journey/parseSelection.ts';
import { newId } from '../../../shared/util/ids.ts';
import { NODE_HEIGHT } from '../../../shared/journey/nodeSize.ts';

/**
 * Pure edits of a journey document. Each returns a new document and leaves untouched parts shared, so the
 * canvas re-renders only what changed and the history can keep every version cheaply.
 */
export type XY = { x: number; y: number };

export interface ElementIds {
  nodes: readonly string[];
  edges: readonly string[];
  notes: readonly string[];
}

const edgeId = () => newId('e');

export function addNode(doc: JourneyDocument, node: DraftNode, position: XY): JourneyDocument {
  return {
    ...doc,
    nodes: [...doc.nodes, node],
    layout: { ...doc.layout, positions: { ...doc.layout.positions, [node.id]: position } },
  };
}

/** The outcome a new step after `node` hangs from: the first one not yet connected, else the first. */
export function freeOutcome(doc: JourneyDocument, node: DraftNode): string | undefined {
  const outcomes = outcomesOf(node);
  const taken = new Set(doc.edges.filter((e) => e.source === node.id).map((e) => e.sourceHandle));
  return (outcomes.find((o) => !taken.has(o.id)) ?? outcomes[0])?.id;
}

/** Connects an outcome to a step. An outcome leads to one step, so a new edge replaces the old one. */
export function connect(doc: JourneyDocument, link: Omit<Edge, 'id'>): JourneyDocument {
  if (link.source === link.target) return doc;
  const target = doc.nodes.find((n) => n.id === link.target);
  if (!target || target.kind === 'trigger') return doc;
  const kept = doc.edges.filter((e) => !(e.source === link.source && e.sourceHandle === link.sourceHandle));
  return { ...doc, edges: [...kept, { id: edgeId(), ...link }] };
}

export function disconnect(doc: JourneyDocument, source: string, sourceHandle: string): JourneyDocument {
  return { ...doc, edges: doc.edges.filter((e) => !(e.source === source && e.sourceHandle === sourceHandle)) };
}

/** Adds `node` below `afterId`, wired from its first free outcome. */
export function addNodeAfter(doc: JourneyDocument, afterId: string, node: DraftNode): JourneyDocument {
  const after = doc.nodes.find((n) => n.id === afterId);
  const at = doc.layout.positions[afterId] ?? { x: 0, y: 0 };
  const placed = addNode(doc, node, { x: at.x, y: at.y + 140 });
  const handle = after && freeOutcome(doc, after);
  return handle ? connect(placed, { source: afterId, sourceHandle: handle, target: node.id }) : placed;
}

/** Drops `node` onto an edge: source → node → target, the node's first outcome leading on. */
export function insertOnEdge(doc: JourneyDocument, edgeIdToSplit: string, node: DraftNode, position: XY): JourneyDocument {
  const edge = doc.edges.find((e) => e.id === edgeIdToSplit);
  if (!edge) return addNode(doc, node, position);
  const at = belowSource(doc, edge, position);
  const placed = addNode(makeRoom(doc, edge, at), node, at);
  const next = outcomesOf(node)[0];
  const edges = placed.edges.filter((e) => e.id !== edge.id);
  edges.push({ id: edgeId(), source: edge.source, sourceHandle: edge.sourceHandle, target: node.id });
  if (next) edges.push({ id: edgeId(), source: node.id, sourceHandle: next.id, target: edge.target });
  return { ...placed, edges };
}

/** The space between a step and the next one in a column, as Add after leaves it (a row is 140). */
const GAP = 140 - NODE_HEIGHT;

/**
 * Where the dropped step goes: where it was dropped, but never over the step the arrow comes from (a drop near the
 * top of a short arrow would cover it).
 */
function belowSource(doc: JourneyDocument, edge: Edge, dropped: XY): XY {
  const source = doc.layout.positions[edge.source];
  const target = doc.layout.positions[edge.target];
  if (!source || !target || target.y <= source.y) return dropped;
  return { x: dropped.x, y: Math.max(dropped.y, source.y + NODE_HEIGHT + GAP) };
}

/**
 * Room for a step placed at `at` on an arrow going down: the arrow's target, and every step from its row down,
 * move down together (keeping their layout) until the target is a gap below the new step. Steps above the
 * target's row stay, and an arrow going up or sideways moves nothing.
 */
function makeRoom(doc: JourneyDocument, edge: Edge, at: XY): JourneyDocument {
  const source = doc.layout.positions[edge.source];
  const target = doc.layout.positions[edge.target];
  if (!source || !target || target.y <= source.y) return doc;
  const shift = at.y + NODE_HEIGHT + GAP - target.y;
  if (shift <= 0) return doc;
  const positions: Record<string, XY> = {};
  for (const [id, p] of Object.entries(doc.layout.positions)) positions[id] = p.y >= target.y && id !== edge.source ? { x: p.x, y: p.y + shift } : p;
  const notes = doc.layout.notes.map((n) => (n.position.y >= target.y ? { ...n, position: { x: n.position.x, y: n.position.y + shift } } : n));
  return { ...doc, layout: { positions, notes } };
}

export function removeElements(doc: JourneyDocument, ids: ElementIds): JourneyDocument {
  if (ids.nodes.length + ids.edges.length + ids.notes.length === 0) return doc;
  const nodes = new Set(ids.nodes);
  const edges = new Set(ids.edges);
  const notes = new Set(ids.notes);
  const positions = { ...doc.layout.positions };
  for (const id of nodes) delete positions[id];
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
    layout: { positions, notes: doc.layout.notes.filter((n) => !notes.has(n.id)) },
  };
}

/** Moves steps and notes (ids of either) to new positions. */
export function moveElements(doc: JourneyDocument, moves: Record<string, XY>): JourneyDocument {
  const positions = { ...doc.layout.positions };
  let notesChanged = false;
  const notes = doc.layout.notes.map((note) => {
    const to = moves[note.id];
    if (!to) return note;
    notesChanged = true;
    return { ...note, position: to };
  });
  for (const [id, to] of Object.entries(moves)) if (id in positions) positions[id] = to;
  return { ...doc, layout: { positions, notes: notesChanged ? notes : doc.layout.notes } };
}

export function nudge(doc: JourneyDocument, ids: readonly string[], dx: number, dy: number): JourneyDocument {
  const moves: Record<string, XY> = {};
  for (const id of ids) {
    const at = doc.layout.positions[id] ?? doc.layout.notes.find((n) => n.id === id)?.position;
    if (at) moves[id] = { x: at.x + dx, y: at.y + dy };
  }
  return moveElements(doc, moves);
}

export function updateNode(doc: JourneyDocument, id: string, patch: Partial<Pick<DraftNode, 'name' | 'config'>>): JourneyDocument {
  const nodes = doc.nodes.map((n) => (n.id === id ? { ...n, ...patch } : n));
  const node = nodes.find((n) => n.id === id);
  if (!node) return doc;
  // A branch or variant that disappears takes its edge with it, so no edge hangs from a missing handle.
  const handles = new Set(outcomesOf(node).map((o) => o.id));
  const edges = doc.edges.filter((e) => e.source !== id || handles.has(e.sourceHandle));
  return { ...doc, nodes, edges: edges.length === doc.edges.length ? doc.edges : edges };
}

export function updateSettings(doc: JourneyDocument, settings: JourneySettings): JourneyDocument {
  return { ...doc, settings };
}

export function addNote(doc: JourneyDocument, note: StickyNote): JourneyDocument {
  return { ...doc, layout: { ...doc.layout, notes: [...doc.layout.notes, note] } };
}

export function updateNote(doc: JourneyDocument, id: string, patch: Partial<Omit<StickyNote, 'id'>>): JourneyDocument {
  return { ...doc, layout: { ...doc.layout, notes: doc.layout.notes.map((n) => (n.id === id ? { ...n, ...patch } : n)) } };
}

/** The selected steps with the edges between them and their notes, ready for the clipboard. */
export function extractSelection(doc: JourneyDocument, ids: ElementIds): Omit<JourneySelection, 'format' | 'version'> {
  const chosen = new Set(ids.nodes);
  const notes = new Set(ids.notes);
  const nodes = doc.nodes.filter((n) => chosen.has(n.id));
  const positions: Record<string, XY> = {};
  for (const node of nodes) positions[node.id] = doc.layout.positions[node.id] ?? { x: 0, y: 0 };
  return {
    nodes,
    edges: doc.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)),
    positions,
    notes: doc.layout.notes.filter((n) => notes.has(n.id)),
  };
}

/** Adds a copied selection under fresh ids, shifted by `offset`; returns the document and the new ids. */
export function pasteSelection(doc: JourneyDocument, selection: Omit<JourneySelection, 'format' | 'version'>, offset: XY): { doc: JourneyDocument; ids: ElementIds } {
  const fresh = new Map<string, string>();
  for (const node of selection.nodes) fresh.set(node.id, newId('n'));
  const nodes = selection.nodes.map((n) => ({ ...n, id: fresh.get(n.id)! }));
  const edges = selection.edges
    .filter((e) => fresh.has(e.source) && fresh.has(e.target))
    .map((e) => ({ ...e, id: edgeId(), source: fresh.get(e.source)!, target: fresh.get(e.target)! }));
  const positions = { ...doc.layout.positions };
  for (const node of selection.nodes) {
    const at = selection.positions[node.id] ?? { x: 0, y: 0 };
    positions[fresh.get(node.id)!] = { x: at.x + offset.x, y: at.y + offset.y };
  }
  const notes = selection.notes.map((n) => ({ ...n, id: newId('note'), position: { x: n.position.x + offset.x, y: n.position.y + offset.y } }));
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges], layout: { positions, notes: [...doc.layout.notes, ...notes] } },
    ids: { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id), notes: notes.map((n) => n.id) },
  };
}
