import type { DraftNode, JourneyDocument } from '../journey/journey.ts';
import { formatPath, type Problem, type ProblemCode } from '../journey/problems.ts';
import { configSchemas } from '../journey/nodes.ts';
import { fileIssueMessages } from './issues.ts';
import { referencesOf, validateJourney } from '../journey/validate.ts';
import type { FileProblem } from './jsonText.ts';

/**
 * What the graph validator says about a journey in a file, split in two. Errors make the file unusable
 * (a dangling edge, a duplicate id, a value of the wrong type, a reference to nothing) and stop the import.
 * Notes are what any unfinished draft has (no trigger yet, a step not connected, a choice left blank):
 * the journey imports as a draft and the canvas shows them, exactly as before it was exported.
 */
const draftCodes: ReadonlySet<ProblemCode> = new Set(['no-trigger', 'several-triggers', 'unreachable', 'unconnected-outcome', 'cycle-without-wait']);

/** Just enough of a set to ask whether an id is known; lets a check treat every id as known. */
export interface Lookup {
  has(id: string): boolean;
}

export interface KnownResources {
  templateIds: Lookup;
  segmentIds: Lookup;
}

/** Known to either. */
export const union = (a: Lookup, b: Iterable<string>): Lookup => {
  const extra = new Set(b);
  return { has: (id) => extra.has(id) || a.has(id) };
};

export interface GraphCheck {
  errors: FileProblem[];
  notes: FileProblem[];
}

/** The value at a dotted path such as 'branches[0].label'. */
function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function locate(problem: Problem, document: JourneyDocument, prefix: string): string {
  const at = (path: string) => (prefix ? `${prefix}.${path}` : path);
  if (problem.code === 'duplicate-id') {
    const list = problem.nodeId !== undefined ? document.nodes : document.edges;
    const id = problem.nodeId ?? problem.edgeId;
    const index = list.map((item) => item.id).lastIndexOf(id!);
    return at(`${problem.nodeId !== undefined ? 'nodes' : 'edges'}[${index}].id`);
  }
  if (problem.edgeId !== undefined) {
    const index = document.edges.findIndex((e) => e.id === problem.edgeId);
    const field = problem.code === 'unknown-handle' ? '.sourceHandle' : problem.code === 'edge-into-trigger' ? '.target' : '';
    if (problem.code === 'missing-node') {
      const edge = document.edges[index];
      const missingSource = !document.nodes.some((n) => n.id === edge.source);
      return at(`edges[${index}].${missingSource ? 'source' : 'target'}`);
    }
    return at(`edges[${index}]${field}`);
  }
  if (problem.nodeId !== undefined) {
    const index = document.nodes.findIndex((n) => n.id === problem.nodeId);
    const field = problem.field?.startsWith('config') ? `.${problem.field}` : '';
    return at(`nodes[${index}]${field}`);
  }
  return at('nodes');
}

/** The validator's message without the field it already starts with (the path says where). */
const bareMessage = (problem: Problem) =>
  problem.field && problem.message.startsWith(`${problem.field}: `) ? problem.message.slice(problem.field.length + 2) : problem.message;

/** A node's config against its kind's schema: a value of the wrong type is an error, a blank choice a note. */
export function checkNodeConfig(node: Pick<DraftNode, 'kind' | 'config'>, path: string): GraphCheck {
  const errors: FileProblem[] = [];
  const notes: FileProblem[] = [];
  const config = configSchemas[node.kind].safeParse(node.config, { error: fileIssueMessages });
  if (!config.success) {
    for (const issue of config.error.issues) {
      const finding = { path: `${path}.${formatPath(['config', ...issue.path])}`, message: issue.message };
      (valueAt(node.config, formatPath(issue.path)) === '' ? notes : errors).push(finding);
    }
  }
  return { errors, notes };
}

export function checkJourneyGraph(document: JourneyDocument, known: KnownResources, prefix = ''): GraphCheck {
  const errors: FileProblem[] = [];
  const notes: FileProblem[] = [];
  document.nodes.forEach((node, index) => {
    const config = checkNodeConfig(node, `${prefix ? `${prefix}.` : ''}nodes[${index}]`);
    errors.push(...config.errors);
    notes.push(...config.notes);
    for (const ref of referencesOf(node)) {
      const ids = ref.type === 'template' ? known.templateIds : known.segmentIds;
      if (!ids.has(ref.id)) {
        errors.push({
          path: `${prefix ? `${prefix}.` : ''}nodes[${index}].${ref.field}`,
          message: `no ${ref.type} with the id ${ref.id}, in the file or in the workspace`,
        });
      }
    }
  });
  for (const problem of validateJourney(document)) {
    // Config problems were taken above, with the file's wording (what was expected, what is there).
    if (problem.code === 'invalid-config') continue;
    const finding = { path: locate(problem, document, prefix), message: bareMessage(problem) };
    (draftCodes.has(problem.code) ? notes : errors).push(finding);
  }
  return { errors, notes };
}
