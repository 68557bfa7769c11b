import { getViewportForBounds, type Viewport } from '@xyflow/react';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../shared/journey/nodeSize.ts';

/** How the canvas frames a journey: the same padding and zoom range whenever it fits the view. */
export const FIT_PADDING = 0.2;
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 1;

/**
 * The view a journey opens at: all of it, framed like React Flow's fit view, worked out from the layout before
 * anything is drawn (steps at their layout size; notes at theirs). Opening at the fitted zoom, rather than at 100%
 * and fitting once the steps are measured, means a large journey's first paint is already its overview.
 * An empty journey opens at 100%, so the first steps land where they are dropped.
 */
export function openingViewport(doc: JourneyDocument, width: number, height: number): Viewport {
  const boxes = [
    ...doc.nodes.flatMap((n) => {
      const at = doc.layout.positions[n.id];
      return at ? [{ x: at.x, y: at.y, width: NODE_WIDTH, height: NODE_HEIGHT }] : [];
    }),
    ...doc.layout.notes.map((n) => ({ x: n.position.x, y: n.position.y, width: n.width, height: n.height })),
  ];
  if (boxes.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return getViewportForBounds({ x: left, y: top, width: right - left, height: bottom - top }, width, height, MIN_ZOOM, MAX_ZOOM, FIT_PADDING);
}
