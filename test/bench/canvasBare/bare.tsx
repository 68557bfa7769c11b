import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, applyNodeChanges, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

/** The reference for the canvas benchmark: React Flow's own nodes and state handling, showing the same graph. */
interface Graph {
  nodes: Array<{ id: string; name: string }>;
  edges: Array<{ id: string; source: string; target: string }>;
  positions: Record<string, { x: number; y: number }>;
}

function Bare({ graph }: { graph: Graph }) {
  const [nodes, setNodes] = useState<Node[]>(() => graph.nodes.map((n) => ({ id: n.id, position: graph.positions[n.id], data: { label: n.name } })));
  const edges: Edge[] = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
  return (
    <div style={{ height: '100%' }}>
      <ReactFlow nodes={nodes} edges={edges} onNodesChange={(changes) => setNodes((ns) => applyNodeChanges(changes, ns))} fitView fitViewOptions={{ padding: 0.2, maxZoom: 1 }} minZoom={0.1} />
    </div>
  );
}

const graph = (await (await fetch('graph.json')).json()) as Graph;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Bare graph={graph} />
  </StrictMode>,
);
