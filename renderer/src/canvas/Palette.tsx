import { memo, type DragEvent } from 'react';
import type { NodeKind } from '../../../shared/journey/nodes.ts';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import { paletteOrder } from './kindStyle.ts';
import { KindIcon } from './KindIcon.tsx';

/** The drag type a palette item carries, so the canvas ignores any other drop. */
export const STEP_DRAG_TYPE = 'application/x-journey-step';

/**
 * Every kind of step, with its icon and a one-line description. Drag one onto the canvas, or click (or press
 * Enter on) one to add it after the selected step.
 */
export const Palette = memo(function Palette({ onAdd }: { onAdd(kind: NodeKind): void }) {
  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(STEP_DRAG_TYPE, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Steps">
      <h2 className="panel-title">Steps</h2>
      <ul>
        {paletteOrder.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className={`palette-item kind-${kind}`}
              draggable
              onDragStart={(e) => onDragStart(e, kind)}
              onClick={() => onAdd(kind)}
              aria-label={`Add ${nodeKindInfo[kind].label}`}
              aria-description={nodeKindInfo[kind].description}
            >
              <KindIcon kind={kind} className="palette-icon" />
              <span className="palette-text">
                <span className="palette-label">{nodeKindInfo[kind].label}</span>
                <span className="palette-description">{nodeKindInfo[kind].description}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="palette-hint muted">Drag a step onto the canvas or onto an arrow to insert it; click to add it after the selected step.</p>
    </nav>
  );
});
