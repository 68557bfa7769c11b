import type { z } from 'zod';
import { formatPath } from '../journey/problems.ts';
import type { FileProblem } from './jsonText.ts';

const kindOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value === 'string' ? `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` : `${typeof value} ${String(value)}`;

/**
 * Messages for zod's generic issues that say what was expected and what the file has. Messages a schema
 * sets itself ('expected a positive number') take precedence over these.
 */
export const fileIssueMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? `missing: expected ${issue.expected}` : `expected ${issue.expected}, got ${kindOf(issue.input)}`;
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
    return `expected ${issue.values.length === 1 ? options : `one of ${options}`}, got ${issue.input === undefined ? 'nothing' : kindOf(issue.input)}`;
  }
  if (issue.code === 'invalid_union' && issue.input !== null && typeof issue.input === 'object' && 'type' in issue.input) {
    return `unknown type ${JSON.stringify((issue.input as { type: unknown }).type)}`;
  }
  return undefined;
};

/** zod issues as file problems by JSON path under `prefix`. */
export function problemsFromIssues(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): FileProblem[] {
  return error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

/** A long list of problems is cut, with a last line saying how many were left out. */
export function capProblems(problems: FileProblem[], max = 100): FileProblem[] {
  if (problems.length <= max) return problems;
  return [...problems.slice(0, max), { path: '', message: `and ${problems.length - max} more problems` }];
}
