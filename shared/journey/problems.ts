import type { z } from 'zod';

export type ProblemCode =
  | 'invalid-document'
  | 'duplicate-id'
  | 'no-trigger'
  | 'several-triggers'
  | 'edge-into-trigger'
  | 'unreachable'
  | 'unconnected-outcome'
  | 'outcome-connected-twice'
  | 'missing-node'
  | 'unknown-handle'
  | 'cycle-without-wait'
  | 'invalid-config'
  | 'unknown-reference';

/** One thing wrong with a journey, located by node (or edge) and field so the UI can point at it. */
export interface Problem {
  code: ProblemCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Dotted path inside the node or the document: 'config.wait.duration.amount'. */
  field?: string;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

/** zod issues as problems, each with its JSON path relative to `prefix`. */
export function problemsFromZod(
  error: z.ZodError,
  prefix: ReadonlyArray<PropertyKey>,
  base: Omit<Problem, 'message' | 'field'>,
): Problem[] {
  return error.issues.map((issue) => {
    const field = formatPath([...prefix, ...issue.path]);
    return { ...base, field, message: `${field}: ${issue.message}` };
  });
}

export function describeProblem(problem: Problem): string {
  const where = problem.nodeId ? `node ${problem.nodeId}` : problem.edgeId ? `edge ${problem.edgeId}` : 'journey';
  return `${where}: ${problem.message}`;
}
