import { useReactFlow } from '@xyflow/react';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import type { Problem } from '../../../shared/journey/problems.ts';
import { useJourney } from './journeyStore.ts';
import { useProblems } from './problems.ts';
import { useSelection } from './selectionStore.ts';

/** The shared validator's problems, live. Clicking one selects its step and centres the canvas on it. */
export function ProblemsPanel() {
  const { all, pending } = useProblems();
  const doc = useJourney((s) => s.doc);
  const flow = useReactFlow();

  const show = (problem: Problem) => {
    const nodeId = problem.nodeId ?? doc?.edges.find((e) => e.id === problem.edgeId)?.source;
    if (!nodeId) return;
    useSelection.getState().select({ nodes: [nodeId] });
    const node = flow.getNode(nodeId);
    if (node) {
      const width = node.measured?.width ?? 240;
      const height = node.measured?.height ?? 90;
      void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    }
  };

  const stepName = (problem: Problem) => {
    const node = problem.nodeId ? doc?.nodes.find((n) => n.id === problem.nodeId) : undefined;
    return node ? node.name || nodeKindInfo[node.kind].label : 'Journey';
  };

  return (
    <section className="problems" aria-label="Problems">
      <h2 className="panel-title">
        Problems <span className={`count${all.length ? ' has-problems' : ''}`}>{all.length}</span>
      </h2>
      {pending ? (
        <p className="muted">Checking…</p>
      ) : all.length === 0 ? (
        <p className="muted ok-text">No problems: this journey can go live.</p>
      ) : (
        <ul>
          {all.map((problem, i) => (
            <li key={`${problem.code}-${problem.nodeId ?? problem.edgeId ?? ''}-${problem.field ?? ''}-${i}`}>
              <button type="button" className="problem" onClick={() => show(problem)}>
                <strong>{stepName(problem)}</strong> {problem.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
