import type { DraftNode, Edge, StickyNote } from './journey.ts';

/**
 * A piece of a journey on the clipboard: the selected steps, the edges between them, their positions and any
 * sticky notes. It carries a marker and a format version so a paste can tell a journey selection from any
 * other text, and a selection written by a newer app from one this app understands. Reading one back is in
 * parseSelection.ts, apart, because it needs the journey's schemas and copying does not.
 */
export const SELECTION_FORMAT = 'journey-studio/selection';
export const SELECTION_VERSION = 1;

export interface SelectionContent {
  nodes: DraftNode[];
  /** Only edges whose two ends are both in the selection. */
  edges: Edge[];
  positions: Record<string, { x: number; y: number }>;
  notes: StickyNote[];
}

export function serializeSelection(selection: SelectionContent): string {
  return JSON.stringify({ format: SELECTION_FORMAT, version: SELECTION_VERSION, ...selection });
}
