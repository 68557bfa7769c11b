import { useMemo } from 'react';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { Problem } from '../../../shared/journey/problems.ts';
import { validateJourney } from '../../../shared/journey/validate.ts';
import { useJourney } from './journeyStore.ts';
import { useTemplates } from './templatesStore.ts';

export interface JourneyProblems {
  all: Problem[];
  byNode: ReadonlyMap<string, Problem[]>;
}

const noProblems: JourneyProblems = { all: [], byNode: new Map() };

/** The shared validator's problems for a document, grouped by step. */
export function collectProblems(doc: JourneyDocument | null, templateIds?: ReadonlySet<string>): JourneyProblems {
  if (!doc) return noProblems;
  const all = validateJourney(doc, { templateIds });
  const byNode = new Map<string, Problem[]>();
  for (const problem of all) if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
  return { all, byNode };
}

/** Live problems of the open journey, checked against the workspace's templates once they are loaded. */
export function useProblems(): JourneyProblems {
  const doc = useJourney((s) => s.doc);
  const templates = useTemplates((s) => s.templates);
  const templateIds = useMemo(() => (templates ? new Set(templates.map((t) => t.id)) : undefined), [templates]);
  return useMemo(() => collectProblems(doc, templateIds), [doc, templateIds]);
}
