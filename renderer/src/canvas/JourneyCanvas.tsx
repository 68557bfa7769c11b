import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type Viewport,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { isNodeKind } from '../../../shared/journey/kinds.ts';
import { newNode } from '../../../shared/journey/defaults.ts';
import { newId } from '../../../shared/util/ids.ts';
import { useJourney } from '../editor/journeyStore.ts';
import { useSelection } from '../editor/selectionStore.ts';
import { useProblems } from '../editor/problems.ts';
import { canvasDrawn } from '../editor/opening.ts';
import { addNode, addNote, connect, insertOnEdge, moveElements, updateNote, type XY } from '../editor/documentEdits.ts';
import { FlowElementCache, type FlowNode } from './flowElements.ts';
import { StepNode } from './StepNode.tsx';
import { NoteNode } from './NoteNode.tsx';
import { OutcomeEdge, type OutcomeFlowEdge } from './OutcomeEdge.tsx';
import { STEP_DRAG_TYPE } from './Palette.tsx';
import { pathMarks, useSimulatedPath } from './pathHighlight.ts';
import { NODE_WIDTH } from '../../../shared/journey/nodeSize.ts';
import { OVERVIEW_ZOOM, OverviewContext } from './overview.ts';
import { FIT_PADDING, MAX_ZOOM, MIN_ZOOM, openingViewport } from './openingViewport.ts';
import { STEP_SIZE } from './stepGeometry.ts';

const nodeTypes = { step: StepNode, note: NoteNode };
const edgeTypes = { outcome: OutcomeEdge };
const multiSelectKeys = ['Shift', 'Meta', 'Control'];
// Props React Flow copies into its store are kept the same from render to render: each new one is a store update that
// every step, handle and arrow subscribed to it is asked about again (thousands of calls on a 500-step journey).
const fitViewOptions = { padding: FIT_PADDING, maxZoom: MAX_ZOOM };
const proOptions = { hideAttribution: true };
const minimapClass = (n: FlowNode) => (n.type === 'note' ? 'minimap-note' : `minimap-${n.data.node.kind}`);

/** The edge under a screen point, if any: dropping a step there inserts it into that edge. */
function edgeAt(x: number, y: number): string | undefined {
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id') ?? undefined;
  }
  return undefined;
}

/** The canvas: steps, notes and edges of the open journey, read from the stores; every change goes back through them. */
export function JourneyCanvas() {
  const doc = useJourney((s) => s.doc);
  const edit = useJourney((s) => s.edit);
  const selection = useSelection(useShallow((s) => ({ nodes: s.nodes, edges: s.edges, notes: s.notes })));
  const problems = useProblems();
  const flow = useReactFlow();
  const overview = useStore((s) => s.transform[2] < OVERVIEW_ZOOM);
  // One cache per canvas, kept across renders; it only memoises, so render output depends on the inputs alone.
  const [cache] = useState(() => new FlowElementCache());
  const dragRun = useRef(0);
  // Fit the view to the journey when it opens; on an empty canvas keep the viewport still, so steps land where dropped.
  const [fitOnOpen] = useState(() => (useJourney.getState().doc?.nodes.length ?? 0) > 0);
  // The view the journey opens at, worked out from the layout and the canvas's size before React Flow draws:
  // a large journey's first paint is its overview, not 100% cards restyled once fit view has run.
  const box = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const doc = useJourney.getState().doc;
    const { width, height } = box.current!.getBoundingClientRect();
    // Once, before the first paint: React Flow reads its default viewport when it mounts.
    setOpening(doc ? openingViewport(doc, width, height) : { x: 0, y: 0, zoom: 1 });
  }, []);
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  // Where the steps being dragged are right now. A drag lives here, in React state like React Flow's own examples,
  // and reaches the document (history, autosave, every panel reading the journey) once, when it ends.
  const [dragged, setDragged] = useState<ReadonlyMap<string, XY> | null>(null);
  // Once the steps are on screen, what opening did not wait for: the minimap (it draws every step a second time)
  // and the check of the journey's problems. Steps are shown in the commit that gives them to React Flow (they come
  // with their size, see stepGeometry.ts), so that is when React Flow holds them.
  const shown = useStore((s) => s.nodeLookup.size > 0);
  const drawn = useAfterPaint(shown || doc?.nodes.length === 0);
  useEffect(() => {
    if (drawn) canvasDrawn();
  }, [drawn]);
  const draggingIds = useRef(new Set<string>());

  const simulatedPath = useSimulatedPath((s) => s.path);
  const path = useMemo(() => pathMarks(simulatedPath), [simulatedPath]);
  const nodes = useMemo(() => (doc ? cache.nodes(doc, selection, problems.byNode, measured, dragged, path) : []), [cache, doc, selection, problems, measured, dragged, path]);
  const edges = useMemo(() => (doc ? cache.flowEdges(doc, selection, path) : []), [cache, doc, selection, path]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const moves: Record<string, XY> = {};
      const dragMoves = new Map<string, XY>();
      const sizes = new Map<string, { width: number; height: number }>();
      const { toggle } = useSelection.getState();
      const noteIds = new Set(useJourney.getState().doc?.layout.notes.map((n) => n.id));
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          const to = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
          if (change.dragging) dragMoves.set(change.id, to);
          else moves[change.id] = to;
        } else if (change.type === 'select') {
          toggle(noteIds.has(change.id) ? 'notes' : 'nodes', change.id, change.selected);
        } else if (change.type === 'dimensions' && change.dimensions) {
          if (change.resizing && noteIds.has(change.id)) {
            const { width, height } = change.dimensions;
            edit((d) => updateNote(d, change.id, { width, height }), `resize:${change.id}`);
          }
          sizes.set(change.id, change.dimensions);
        }
      }
      if (dragMoves.size) {
        for (const id of dragMoves.keys()) draggingIds.current.add(id);
        setDragged((previous) => new Map([...(previous ?? []), ...dragMoves]));
      }
      const moved = Object.keys(moves);
      if (moved.length) {
        // The end of a drag (its last position comes with dragging: false), or a move from the keyboard.
        const endsDrag = moved.some((id) => draggingIds.current.has(id));
        edit((d) => moveElements(d, moves), endsDrag ? `drag:${dragRun.current}` : `keys:${moved.join(',')}`);
        if (endsDrag) {
          draggingIds.current.clear();
          setDragged(null);
        }
      }
      if (sizes.size) {
        setMeasured((previous) => {
          const next = new Map(previous);
          for (const [id, size] of sizes) next.set(id, size);
          return next;
        });
      }
    },
    [edit],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<OutcomeFlowEdge>[]) => {
    const { toggle } = useSelection.getState();
    for (const change of changes) if (change.type === 'select') toggle('edges', change.id, change.selected);
  }, []);

  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.sourceHandle) return;
      edit((d) => connect(d, { source: connection.source, sourceHandle: connection.sourceHandle!, target: connection.target }));
    },
    [edit],
  );

  const isValidConnection = useCallback((connection: { source: string; target: string }) => {
    const target = useJourney.getState().doc?.nodes.find((n) => n.id === connection.target);
    return connection.source !== connection.target && target !== undefined && target.kind !== 'trigger';
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(STEP_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(STEP_DRAG_TYPE);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const position = { x: Math.round(at.x - NODE_WIDTH / 2), y: Math.round(at.y - 30) };
      const node = newNode(kind);
      const onEdge = edgeAt(event.clientX, event.clientY);
      edit((d) => (onEdge ? insertOnEdge(d, onEdge, node, position) : addNode(d, node, position)));
      useSelection.getState().select({ nodes: [node.id] });
    },
    [edit, flow],
  );

  const onLayout = useCallback(async () => {
    // dagre loads on the first auto-layout, not with the canvas.
    const { autoLayout } = await import('../../../shared/journey/autoLayout.ts');
    const current = useJourney.getState().doc;
    if (!current) return;
    // Every step at the size it is drawn: as measured, or a box's (React Flow reports no new size for those).
    const sizes = new Map(current.nodes.map((n) => [n.id, measured.get(n.id) ?? STEP_SIZE]));
    const positions = autoLayout(current, sizes);
    edit((d) => moveElements(d, positions));
    requestAnimationFrame(() => void flow.fitView({ duration: 300, padding: 0.15 }));
  }, [edit, flow, measured]);

  const startDrag = useCallback(() => (dragRun.current += 1), []);

  const onAddNote = useCallback(() => {
    const { x, y, zoom } = flow.getViewport();
    const id = newId('note');
    edit((d) => addNote(d, { id, text: '', position: { x: Math.round((40 - x) / zoom), y: Math.round((40 - y) / zoom) }, width: 200, height: 120 }));
    useSelection.getState().select({ notes: [id] });
  }, [edit, flow]);

  return (
    <div ref={box} className={`canvas${overview ? ' is-overview' : ''}${path ? ' shows-path' : ''}`} onDragOver={onDragOver} onDrop={onDrop}>
      {opening && (
        <OverviewContext value={overview}>
          <ReactFlow<FlowNode, OutcomeFlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            onNodeDragStart={startDrag}
            onSelectionDragStart={startDrag}
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={multiSelectKeys}
            colorMode="system"
            defaultViewport={opening}
            fitView={fitOnOpen && opening.zoom >= OVERVIEW_ZOOM}
            fitViewOptions={fitViewOptions}
            minZoom={MIN_ZOOM}
            proOptions={proOptions}
            aria-label="Journey canvas"
          >
            {!overview && <Background gap={20} size={1.2} />}
            {drawn && <MiniMap pannable zoomable ariaLabel="Overview of the journey" nodeClassName={minimapClass} />}
            <Controls aria-label="Zoom controls" />
            <Panel position="top-left" className="canvas-tools">
              <button type="button" onClick={() => void onLayout()} title="Arrange the steps top to bottom">
                Auto-layout
              </button>
              <button type="button" onClick={onAddNote}>
                Add note
              </button>
            </Panel>
            {doc && doc.nodes.length === 0 && (
              <Panel position="top-center" className="canvas-empty">
                Drag a <strong>Trigger</strong> from the palette to start: it says who enters the journey.
              </Panel>
            )}
          </ReactFlow>
        </OverviewContext>
      )}
    </div>
  );
}

/** True from the frame after `ready` first holds, so what it gates is not in the same paint as what made it ready. */
function useAfterPaint(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setAfter(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, after]);
  return after;
}
