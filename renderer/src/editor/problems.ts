import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { Problem } from '../../../shared/journey/problems.ts';
import { validateJourney } from '../../../shared/journey/validate.ts';
import { useJourney } from './journeyStore.ts';
import { useTemplates } from './templatesStore.ts';
import { useSegments } from './segmentsStore.ts';

export interface JourneyProblems {
  all: Problem[];
  byNode: ReadonlyMap<string, Problem[]>;
}

const noProblems: JourneyProblems = { all: [], byNode: new Map() };

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
  return sharedProblems(doc, templateIds, segmentIds);
}
