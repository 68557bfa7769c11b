import { Position, type NodeHandle } from '@xyflow/react';
import type { DraftNode } from '../../../shared/journey/journey.ts';
import type { Outcome } from '../../../shared/journey/outcomes.ts';

/**
 * A step's size and handles as canvas.css draws them, known before anything is on screen. The overview's box is
 * exactly this size and a card at least this size (`.step`: border-box, 240px wide, --step-height 86px tall).
 * Given to React Flow up front, a step is shown, and its arrows drawn, in the commit that first mounts it, instead
 * of hidden until a ResizeObserver has measured it and a second round has placed the arrows. A card that turns out
 * larger is measured as before (its size then differs from this one) and takes over from these figures.
 */
export const STEP_SIZE = { width: 240, height: 86 } as const;
/** `.step .react-flow__handle`: 11px square (border-box), centred on the step's edge by React Flow's styles. */
const HANDLE_SIZE = 11;

/** Where along the bottom edge outcome `index` of `count` sits, as a fraction of the step's width. */
export const outcomeHandleAt = (index: number, count: number) => (index + 1) / (count + 1);

/** The handles StepNode draws (see StepHandles), where React Flow would measure them on a step of STEP_SIZE. */
export function stepHandles(node: DraftNode, outcomes: readonly Outcome[]): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  const handles: NodeHandle[] = outcomes.map((outcome, i) => ({
    id: outcome.id,
    type: 'source',
    position: Position.Bottom,
    x: outcomeHandleAt(i, outcomes.length) * STEP_SIZE.width - half,
    y: STEP_SIZE.height - half,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  }));
  if (node.kind !== 'trigger') {
    handles.push({ id: null, type: 'target', position: Position.Top, x: STEP_SIZE.width / 2 - half, y: -half, width: HANDLE_SIZE, height: HANDLE_SIZE });
  }
  return handles;
}
