import { MarkerType } from '@xyflow/react';
import type { JourneyDocument, DraftNode, Edge, StickyNote } from '../../../shared/journey/journey.ts';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import { outcomesOf } from '../../../shared/journey/outcomes.ts';
import type { ElementIds, XY } from '../editor/documentEdits.ts';
import type { StepData, StepFlowNode } from './StepNode.tsx';
import type { NoteFlowNode } from './NoteNode.tsx';
import type { OutcomeFlowEdge } from './OutcomeEdge.tsx';
import type { PathMarks } from './pathHighlight.ts';
import { STEP_SIZE, stepHandles } from './stepGeometry.ts';

export type FlowNode = StepFlowNode | NoteFlowNode;
type Size = { width: number; height: number };
type StepEntry = { inputs: unknown[]; flow: StepFlowNode };

/**
 * Turns the document into React Flow's nodes and edges. React Flow re-renders a node when its object changes,
 * so each flow object is kept until one of its inputs changes: dragging one step out of 500 builds one object.
 * The lists themselves are kept while every element in them is: React Flow takes in a new list (every step's
 * internals checked, every subscriber of its store asked again) whenever it gets one, which for 500 steps costs tens
 * of milliseconds, for instance when a journey's problems are checked and none of its steps has any.
 */
export class FlowElementCache {
  private nodeList: FlowNode[] = [];
  private edgeList: OutcomeFlowEdge[] = [];
  private steps = new Map<string, StepEntry>();
  private notes = new Map<string, { inputs: unknown[]; flow: NoteFlowNode }>();
  private edges = new Map<string, { inputs: unknown[]; flow: OutcomeFlowEdge }>();

  /** `dragged`: where the steps being dragged are now, over their place in the document. */
  nodes(
    doc: JourneyDocument,
    selection: ElementIds,
    problems: ReadonlyMap<string, unknown[]>,
    measured: ReadonlyMap<string, Size>,
    dragged: ReadonlyMap<string, XY> | null = null,
    path: PathMarks | null = null,
  ): FlowNode[] {
    const selectedNodes = new Set(selection.nodes);
    const selectedNotes = new Set(selection.notes);
    const steps = new Map<string, StepEntry>();
    const out: FlowNode[] = [];
    for (const node of doc.nodes) {
      const position = dragged?.get(node.id) ?? doc.layout.positions[node.id] ?? { x: 0, y: 0 };
      const count = problems.get(node.id)?.length ?? 0;
      const cached = this.steps.get(node.id);
      // The data object is kept while the step and its problem count are unchanged, so the memoised StepNode skips
      // moves, selection and measuring (and a drag frame does not re-describe 500 steps).
      const unchanged = cached && cached.flow.data.node === node && cached.flow.data.problems === count;
      const data = unchanged ? cached.flow.data : { node, outcomes: outcomesOf(node), problems: count };
      const onPath = path ? path.nodes.has(node.id) : undefined;
      const inputs = [data, position, selectedNodes.has(node.id), measured.get(node.id), onPath];
      const entry = cached && same(cached.inputs, inputs) ? cached : { inputs, flow: stepNode(data, position, selectedNodes.has(node.id), measured.get(node.id), onPath) };
      steps.set(node.id, entry);
      out.push(entry.flow);
    }
    const notes = new Map<string, { inputs: unknown[]; flow: NoteFlowNode }>();
    for (const note of doc.layout.notes) {
      const inputs = [note, selectedNotes.has(note.id), measured.get(note.id)];
      const cached = this.notes.get(note.id);
      const entry = cached && same(cached.inputs, inputs) ? cached : { inputs, flow: noteNode(note, selectedNotes.has(note.id), measured.get(note.id)) };
      notes.set(note.id, entry);
      out.push(entry.flow);
    }
    this.steps = steps;
    this.notes = notes;
    if (!same(this.nodeList, out)) this.nodeList = out;
    return this.nodeList;
  }

  flowEdges(doc: JourneyDocument, selection: ElementIds, path: PathMarks | null = null): OutcomeFlowEdge[] {
    const selected = new Set(selection.edges);
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    const edges = new Map<string, { inputs: unknown[]; flow: OutcomeFlowEdge }>();
    const out: OutcomeFlowEdge[] = [];
    for (const edge of doc.edges) {
      const source = byId.get(edge.source);
      if (!source || !byId.has(edge.target)) continue;
      const label = outcomesOf(source).find((o) => o.id === edge.sourceHandle)?.label ?? '';
      const onPath = path ? path.moves.has(`${edge.source}>${edge.target}`) : undefined;
      const inputs = [edge, selected.has(edge.id), label, onPath];
      const cached = this.edges.get(edge.id);
      const entry = cached && same(cached.inputs, inputs) ? cached : { inputs, flow: flowEdge(edge, selected.has(edge.id), label, source, byId.get(edge.target)!, onPath) };
      edges.set(edge.id, entry);
      out.push(entry.flow);
    }
    this.edges = edges;
    if (!same(this.edgeList, out)) this.edgeList = out;
    return this.edgeList;
  }
}

const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const nameOf = (node: DraftNode) => node.name || nodeKindInfo[node.kind].label;

/** How a step or edge stands against a simulated path: on it, off it (dimmed), or no path shown (undefined). */
const pathState = (onPath: boolean | undefined) => (onPath === undefined ? undefined : onPath ? 'taken' : 'not-taken');
const pathText = (onPath: boolean | undefined) => (onPath === undefined ? '' : onPath ? ', on the tested path' : ', not on the tested path');

/**
 * A step not measured yet comes with the size and handles it is drawn with (stepGeometry.ts), so React Flow shows it
 * and its arrows in the commit that mounts it. Once React Flow has measured it (a card larger than a box), the
 * measured size goes in and the handles stay out: React Flow keeps the handles it measured on the page.
 */
function stepNode(data: StepData, position: { x: number; y: number }, selected: boolean, measured: Size | undefined, onPath: boolean | undefined): StepFlowNode {
  const { node, problems } = data;
  const problemText = problems ? `, ${problems} problem${problems === 1 ? '' : 's'}` : '';
  return {
    id: node.id,
    type: 'step',
    position,
    selected,
    measured: measured ?? STEP_SIZE,
    handles: measured ? undefined : stepHandles(node, data.outcomes),
    data,
    className: pathState(onPath) && `path-${pathState(onPath)}`,
    domAttributes: { 'data-path': pathState(onPath) } as StepFlowNode['domAttributes'],
    ariaLabel: `${nodeKindInfo[node.kind].label}: ${nameOf(node)}${problemText}${pathText(onPath)}`,
  };
}

function noteNode(note: StickyNote, selected: boolean, measured: Size | undefined): NoteFlowNode {
  return {
    id: note.id,
    type: 'note',
    position: note.position,
    selected,
    measured,
    width: note.width,
    height: note.height,
    zIndex: -1,
    data: { note },
    ariaLabel: `Sticky note: ${note.text.slice(0, 40) || 'empty'}`,
  };
}

function flowEdge(edge: Edge, selected: boolean, label: string, source: DraftNode, target: DraftNode, onPath: boolean | undefined): OutcomeFlowEdge {
  return {
    className: pathState(onPath) && `path-${pathState(onPath)}`,
    domAttributes: { 'data-path': pathState(onPath) } as OutcomeFlowEdge['domAttributes'],
    id: edge.id,
    type: 'outcome',
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    selected,
    data: { label },
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    ariaLabel: `${label ? `${label} ` : ''}from ${nameOf(source)} to ${nameOf(target)}${pathText(onPath)}`,
  };
}
