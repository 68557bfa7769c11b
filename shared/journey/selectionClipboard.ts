import { z } from 'zod';
import { DraftNode, Edge, Position, StickyNote } from './journey.ts';
import { formatPath } from './problems.ts';

/**
 * A piece of a journey on the clipboard: the selected steps, the edges between them, their positions and any
 * sticky notes. It carries a marker and a format version so a paste can tell a journey selection from any
 * other text, and a selection written by a newer app from one this app understands.
 */
export const SELECTION_FORMAT = 'journey-studio/selection';
export const SELECTION_VERSION = 1;

export const JourneySelection = z.object({
  format: z.literal(SELECTION_FORMAT),
  version: z.literal(SELECTION_VERSION),
  nodes: z.array(DraftNode),
  /** Only edges whose two ends are both in the selection. */
  edges: z.array(Edge),
  positions: z.record(z.string(), Position),
  notes: z.array(StickyNote).default([]),
});
export type JourneySelection = z.infer<typeof JourneySelection>;

export function serializeSelection(selection: Omit<JourneySelection, 'format' | 'version'>): string {
  return JSON.stringify({ format: SELECTION_FORMAT, version: SELECTION_VERSION, ...selection });
}

export type ParsedSelection = { ok: true; selection: JourneySelection } | { ok: false; message: string };

/** Reads clipboard text; anything that is not a selection this version can read gets a message saying why. */
export function parseSelection(text: string): ParsedSelection {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The clipboard does not hold journey steps (it is not a copied selection).' };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== SELECTION_FORMAT) {
    return { ok: false, message: 'The clipboard does not hold journey steps (it is not a copied selection).' };
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > SELECTION_VERSION) {
    return {
      ok: false,
      message: `These steps were copied from a newer Journey Studio (selection format ${version}); this one reads format ${SELECTION_VERSION}. Update the app to paste them.`,
    };
  }
  const parsed = JourneySelection.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `The copied steps are damaged: ${formatPath(issue.path) || 'selection'}: ${issue.message}.` };
  }
  return { ok: true, selection: parsed.data };
}
