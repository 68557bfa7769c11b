import { useEffect } from 'react';
import { create } from 'zustand';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { Problem } from '../../../shared/journey/problems.ts';
import type { validateJourney } from '../../../shared/journey/validate.ts';
import { useOpening } from './opening.ts';
import { useJourney } from './journeyStore.ts';
import { useTemplates } from './templatesStore.ts';
import { useSegments } from './segmentsStore.ts';

export interface JourneyProblems {
  all: Problem[];
  byNode: ReadonlyMap<string, Problem[]>;
  /** Not checked yet: the journey was just opened, or the validator is loading (see useCheckHold). */
  pending?: boolean;
}

const noProblems: JourneyProblems = { all: [], byNode: new Map() };
const notChecked: JourneyProblems = { all: [], byNode: new Map(), pending: true };

/**
 * Checking a 500-step journey takes tens of milliseconds and the journey's schemas, which the first paint of a journey
 * just opened should not wait for; and checked before the workspace's templates and segments have arrived, it would
 * be checked again as soon as they do. So a journey being opened is checked once the canvas has drawn it (opening.ts),
 * the validator has loaded (it starts loading then) and those lists have arrived or failed to, whichever comes last;
 * the lists are waited for a second at most.
 */
const useCheckHold = create<{ references: boolean; validator: typeof validateJourney | null }>(() => ({ references: true, validator: null }));
let opened = 0;

/** Holds the check until `references` (the templates and segments lists) settle, a second at most. */
export function holdCheckForReferences(references: Promise<unknown>): void {
  const current = ++opened;
  useCheckHold.setState({ references: false });
  const aSecond = new Promise((resolve) => setTimeout(resolve, 1000));
  void Promise.race([references, aSecond]).finally(() => {
    if (current === opened) useCheckHold.setState({ references: true });
  });
}

/** Stops waiting for the references of the journey being opened. */
export function releaseCheck(): void {
  opened++;
  useCheckHold.setState({ references: true });
}

let loading: Promise<void> | undefined;
/** Loads the validator, and with it the journey's schemas: the first time problems are wanted and nothing holds them. */
export function loadValidator(): Promise<void> {
  loading ??= import('../../../shared/journey/validate.ts').then(
    ({ validateJourney }) => useCheckHold.setState({ validator: validateJourney }),
    (error: unknown) => {
      // The panel keeps saying "Checking…"; the next render that wants problems tries again.
      loading = undefined;
      console.error('the journey validator could not be loaded', error);
    },
  );
  return loading;
}

/** The shared validator's problems for a document, grouped by step. */
function collectProblems(validate: typeof validateJourney, doc: JourneyDocument, templateIds?: ReadonlySet<string>, segmentIds?: ReadonlySet<string>): JourneyProblems {
  const all = validate(doc, { templateIds, segmentIds });
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
function sharedProblems(validate: typeof validateJourney, doc: JourneyDocument | null, templateIds: ReadonlySet<string> | undefined, segmentIds: ReadonlySet<string> | undefined): JourneyProblems {
  if (!doc) return noProblems;
  if (last && last.nodes === doc.nodes && last.edges === doc.edges && last.settings === doc.settings && last.templateIds === templateIds && last.segmentIds === segmentIds) return last.result;
  const result = collectProblems(validate, doc, templateIds, segmentIds);
  last = { nodes: doc.nodes, edges: doc.edges, settings: doc.settings, templateIds, segmentIds, result };
  return result;
}

/** Live problems of the open journey, checked against the workspace's templates and segments once they are loaded. */
export function useProblems(): JourneyProblems {
  const doc = useJourney((s) => s.doc);
  const templateIds = useTemplates((s) => s.ids);
  const segmentIds = useSegments((s) => s.ids);
  const drawn = useOpening((s) => s.drawn);
  const references = useCheckHold((s) => s.references);
  const validate = useCheckHold((s) => s.validator);
  useEffect(() => {
    if (drawn && !validate) void loadValidator();
  }, [drawn, validate]);
  return drawn && references && validate ? sharedProblems(validate, doc, templateIds, segmentIds) : notChecked;
}
