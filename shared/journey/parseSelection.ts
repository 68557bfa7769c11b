import { z } from 'zod';
import { DraftNode, Edge, Position, StickyNote } from './journey.ts';
import { formatPath } from './problems.ts';
import { SELECTION_FORMAT, SELECTION_VERSION, type SelectionContent } from './selectionClipboard.ts';

/** A selection on the clipboard (selectionClipboard.ts) as a paste reads it: checked, with defaults filled in. */
export const JourneySelection = z.object({
  format: z.literal(SELECTION_FORMAT),
  version: z.literal(SELECTION_VERSION),
  nodes: z.array(DraftNode),
  /** Only edges whose two ends are both in the selection. */
  edges: z.array(Edge),
  positions: z.record(z.string(), Position),
  notes: z.array(StickyNote).default([]),
}) satisfies z.ZodType<SelectionContent & { format: string; version: number }>;
export type JourneySelection = z.infer<typeof JourneySelection>;

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
