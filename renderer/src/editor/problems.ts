import { create } from 'zustand';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { Problem } from '../../../shared/journey/problems.ts';
import { validateJourney } from '../../../shared/journey/validate.ts';
import { useJourney } from './journeyStore.ts';
import { useTemplates } from './templatesStore.ts';
import { useSegments } from './segmentsStore.ts';

export interface JourneyProblems {
  all: Problem[];
  byNode: ReadonlyMap<string, Problem[]>;
  /** The journey was just opened and is not checked yet (see holdCheckWhileOpening). */
  pending?: boolean;
}

const noProblems: JourneyProblems = { all: [], byNode: new Map() };
const notChecked: JourneyProblems = { all: [], byNode: new Map(), pending: true };

/**
 * Checking a 500-step journey takes tens of milliseconds, which the first paint of a journey just opened should not
 * wait for; and checked before the workspace's templates and segments have arrived, it would be checked again as
 * soon as they do. So the editor holds the check when it opens a journey until both the canvas says its steps are on
 * screen and those lists have arrived (or failed to): one check, after the first paint. A second at most, should
 * either never happen.
 */
const useCheckHold = create<{ drawn: boolean; references: boolean }>(() => ({ drawn: true, references: true }));
let holdLimit: ReturnType<typeof setTimeout> | undefined;
let opening = 0;

export function holdCheckWhileOpening(references: Promise<unknown>): void {
  clearTimeout(holdLimit);
  const current = ++opening;
  useCheckHold.setState({ drawn: false, references: false });
  void references.finally(() => {
    if (current === opening) useCheckHold.setState({ references: true });
  });
  holdLimit = setTimeout(releaseCheck, 1000);
}

/** The canvas has drawn the journey's steps. */
export function canvasDrawn(): void {
  if (!useCheckHold.getState().drawn) useCheckHold.setState({ drawn: true });
}

/** Checks now, whatever is still awaited. */
export function releaseCheck(): void {
  clearTimeout(holdLimit);
  opening++;
  useCheckHold.setState({ drawn: true, references: true });
}

/** The shared validator's problems for a document, grouped by step. */
export function collectProblems(doc: JourneyDocument | null, templateIds?: ReadonlySet<string>, segmentIds?: ReadonlySet<string>): JourneyProblems {
  if (!doc) return noProblems;
  const all = validateJourney(doc, { templateIds, segmentIds });
  const byNode = new Map<string, Problem[]>();
  for (const problem of all) if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
  return { all, byNode };
}

let last: { nodes: unknown; edges: unknown; settings: unknown; templateIds: unknown; segmentIds: unknown; result: JourneyProblems } | null = null;

/**
 * The problems of the open journey, computed once per change of its logic and shared by every panel that
 * shows them. Moving steps changes only the layout, which the validator does not read, so a drag does not
 * re-validate.
 */
function sharedProblems(doc: JourneyDocument | null, templateIds: ReadonlySet<string> | undefined, segmentIds: ReadonlySet<string> | undefined): JourneyProblems {
  if (!doc) return noProblems;
  if (last && last.nodes === doc.nodes && last.edges === doc.edges && last.settings === doc.settings && last.templateIds === templateIds && last.segmentIds === segmentIds) return last.result;
  const result = collectProblems(doc, templateIds, segmentIds);
  last = { nodes: doc.nodes, edges: doc.edges, settings: doc.settings, templateIds, segmentIds, result };
  return result;
}

/** Live problems of the open journey, checked against the workspace's templates and segments once they are loaded. */
export function useProblems(): JourneyProblems {
  const doc = useJourney((s) => s.doc);
  const templateIds = useTemplates((s) => s.ids);
  const segmentIds = useSegments((s) => s.ids);
  const held = useCheckHold((s) => !s.drawn || !s.references);
  return held ? notChecked : sharedProblems(doc, templateIds, segmentIds);
}
