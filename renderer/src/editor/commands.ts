import { serializeSelection } from '../../../shared/journey/selectionClipboard.ts';
import { extractSelection, nudge, pasteSelection, removeElements, type ElementIds } from './documentEdits.ts';
import { useJourney } from './journeyStore.ts';
import { selectionSize, useSelection } from './selectionStore.ts';
import { useNotice } from './notices.ts';

/**
 * The editor's commands, shared by the keyboard, the Edit menu and the toolbar. They read and write the
 * stores directly, so every way in behaves the same.
 */
const PASTE_STEP = 40;
let pasteCount = 0;
let lastCopied = '';

/** The selection as clipboard text, or null when nothing is selected. */
export function copySelection(): string | null {
  const { doc } = useJourney.getState();
  const selection = useSelection.getState();
  if (!doc || selection.nodes.length + selection.notes.length === 0) return null;
  lastCopied = serializeSelection(extractSelection(doc, selection));
  pasteCount = 0;
  return lastCopied;
}

export function deleteSelection(): void {
  const selection = useSelection.getState();
  if (selectionSize(selection) === 0) return;
  useJourney.getState().edit((doc) => removeElements(doc, selection));
  useSelection.getState().clear();
}

export function cutSelection(): string | null {
  const text = copySelection();
  if (text) deleteSelection();
  return text;
}

/**
 * Pastes clipboard text; text that is not a selection this app can read changes nothing and says why. Reading it
 * needs the journey's schemas, which load on the first paste rather than with the journey page.
 */
export async function pasteText(text: string): Promise<boolean> {
  const { parseSelection } = await import('../../../shared/journey/parseSelection.ts');
  const parsed = parseSelection(text);
  if (!parsed.ok) {
    useNotice.getState().show(parsed.message, 'error');
    return false;
  }
  if (text === lastCopied) pasteCount += 1;
  else {
    lastCopied = text;
    pasteCount = 1;
  }
  const offset = { x: PASTE_STEP * pasteCount, y: PASTE_STEP * pasteCount };
  let ids: ElementIds = { nodes: [], edges: [], notes: [] };
  useJourney.getState().edit((doc) => {
    const pasted = pasteSelection(doc, parsed.selection, offset);
    ids = pasted.ids;
    return pasted.doc;
  });
  useSelection.getState().select(ids);
  useNotice.getState().dismiss();
  return true;
}

/** Copy and paste in one step, without touching the system clipboard. */
export async function duplicateSelection(): Promise<void> {
  const text = copySelection();
  if (text) await pasteText(text);
}

export function selectAll(): void {
  const { doc } = useJourney.getState();
  if (!doc) return;
  useSelection.getState().select({ nodes: doc.nodes.map((n) => n.id), notes: doc.layout.notes.map((n) => n.id) });
}

let nudgeRun = 0;
/** Moves the selection by a few pixels; a burst of nudges is one undo step. */
export function nudgeSelection(dx: number, dy: number): void {
  const { nodes, notes } = useSelection.getState();
  const ids = [...nodes, ...notes];
  if (ids.length === 0) return;
  useJourney.getState().edit((doc) => nudge(doc, ids, dx, dy), `nudge:${nudgeRun}:${ids.join(',')}`);
}
/** Ends a burst of nudges (called on key up). */
export function endNudge(): void {
  nudgeRun += 1;
}

export function undo(): void {
  useJourney.getState().undo();
  dropStaleSelection();
}

export function redo(): void {
  useJourney.getState().redo();
  dropStaleSelection();
}

/** After undo/redo, forget selected things that no longer exist. */
function dropStaleSelection(): void {
  const { doc } = useJourney.getState();
  if (!doc) return;
  const s = useSelection.getState();
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  const notes = new Set(doc.layout.notes.map((n) => n.id));
  s.select({ nodes: s.nodes.filter((id) => nodes.has(id)), edges: s.edges.filter((id) => edges.has(id)), notes: s.notes.filter((id) => notes.has(id)) });
}
