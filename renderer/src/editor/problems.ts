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
  /** The journey was just opened and is not checked yet (see checkAfterFirstPaint). */
  pending?: boolean;
}

const noProblems: JourneyProblems = { all: [], byNode: new Map() };
const notChecked: JourneyProblems = { all: [], byNode: new Map(), pending: true };

/**
 * Checking a 500-step journey takes tens of milliseconds, which the first paint of a journey just opened should not
 * wait for: the editor holds the check when it opens a journey, and the canvas lets it go once the steps are on screen
 * (a second at most, should the canvas never say so).
 */
const useCheckHold = create<{ held: boolean }>(() => ({ held: false }));
let holdLimit: ReturnType<typeof setTimeout> | undefined;

export function checkAfterFirstPaint(): void {
  clearTimeout(holdLimit);
  useCheckHold.setState({ held: true });
  holdLimit = setTimeout(checkNow, 1000);
}

export function checkNow(): void {
  clearTimeout(holdLimit);
  if (useCheckHold.getState().held) useCheckHold.setState({ held: false });
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
  const held = useCheckHold((s) => s.held);
  return held ? notChecked : sharedProblems(doc, templateIds, segmentIds);
}
