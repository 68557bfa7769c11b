import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';

export interface OutcomeEdgeData extends Record<string, unknown> {
  label: string;
}
export type OutcomeFlowEdge = Edge<OutcomeEdgeData, 'outcome'>;

/** An edge from a step's outcome, carrying the outcome's label (Yes, No, Happened, a branch…) on it. */
export const OutcomeEdge = memo(function OutcomeEdge(props: EdgeProps<OutcomeFlowEdge>) {
  const [path, labelX, labelY] = getSmoothStepPath({ ...props, borderRadius: 10, offset: 18 });
  const label = props.data?.label;
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} interactionWidth={24} className={props.selected ? 'edge-selected' : undefined} />
      {label && (
        <EdgeLabelRenderer>
          <div className={`edge-label${props.selected ? ' is-selected' : ''}`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
