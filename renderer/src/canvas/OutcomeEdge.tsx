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
}, sameEdge);

const ends = new Set(['sourceX', 'sourceY', 'targetX', 'targetY']);
/** In canvas units: a fiftieth of a screen pixel at React Flow's largest zoom (2). */
const UNSEEN = 0.01;

/**
 * React Flow re-measures every step's handles from the page once they are on screen, and at a fitted zoom such as
 * 0.1 the measured places differ from the ones the steps came with (stepGeometry.ts) by a few ten-thousandths of a
 * pixel. Redrawing 500 arrows for that would be work nobody can see, in the frame that first shows the journey.
 */
export function sameEdge(before: EdgeProps<OutcomeFlowEdge>, after: EdgeProps<OutcomeFlowEdge>): boolean {
  for (const key of Object.keys(after) as Array<keyof typeof after>) {
    if (before[key] === after[key]) continue;
    if (!ends.has(key) || Math.abs((before[key] as number) - (after[key] as number)) >= UNSEEN) return false;
  }
  return Object.keys(before).length === Object.keys(after).length;
}
