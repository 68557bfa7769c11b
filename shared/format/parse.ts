import { JOURNEY_FORMAT, JOURNEY_FORMAT_VERSION, JourneyFile, documentOfFile } from './journeyFile.ts';
import { migrateJourneyFile } from './migrations.ts';
import { DraftNode } from '../journey/journey.ts';
import { parseJsonText, type FileProblem } from './jsonText.ts';
import { capProblems, fileIssueMessages, problemsFromIssues } from './issues.ts';
import { checkJourneyGraph, checkNodeConfig, union, type KnownResources, type Lookup } from './graphCheck.ts';
import { segmentIdsInRule, snippetNamesOfTemplate } from './resources.ts';
import { snippetNamesIn } from './snippets.ts';
import { WORKSPACE_FORMAT } from './workspaceFile.ts';
import { MAX_JOURNEY_FILE_BYTES, megabytes } from '../limits.ts';


export type ParseOutcome<T> =
  | { ok: true; file: T; notes: FileProblem[]; migratedFrom: number | null }
  | { ok: false; problems: FileProblem[] };

/** What the workspace already holds, so that a file may refer to templates, segments or snippets it does not carry. */
export interface WorkspaceResources extends KnownResources {
  snippetNames: Lookup;
}

export const noResources: WorkspaceResources = { templateIds: new Set(), segmentIds: new Set(), snippetNames: new Set() };

/** For checking a file on its own terms (a diff, an offline validate): every reference counts as found. */
const everything: Lookup = { has: () => true };
export const anyResources: WorkspaceResources = { templateIds: everything, segmentIds: everything, snippetNames: everything };


const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The format and version of a file; a problem when either is missing, foreign or newer than this app. */
export function checkHeader(
  value: unknown,
  expected: { format: string; version: number; what: string },
): { ok: true; version: number } | { ok: false; problems: FileProblem[] } {
  const fail = (path: string, message: string) => ({ ok: false as const, problems: [{ path, message }] });
  if (!isObject(value)) return fail('', `expected a JSON object (a ${expected.what}), got ${Array.isArray(value) ? 'a list' : typeof value}`);
  if (value.format !== expected.format) {
    if (value.format === WORKSPACE_FORMAT) return fail('format', 'this is a workspace backup, not a journey: restore it from Workspace backup');
    if (value.format === JOURNEY_FORMAT) return fail('format', 'this is a single journey, not a workspace backup: import it as a journey');
    return fail('format', `expected "${expected.format}", got ${value.format === undefined ? 'nothing' : JSON.stringify(value.format)}: is this a Journey Studio file?`);
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('version', `expected a format version (a whole number from 1), got ${JSON.stringify(version) ?? 'nothing'}`);
  }
  if (version > expected.version) {
    return fail('version', `the file is format version ${version}, newer than this app reads (up to ${expected.version}): update Journey Studio to import it`);
  }
  return { ok: true, version };
}

/**
 * Checks a journey file's JSON and returns it in the current format, or every problem found, each by JSON
 * path. Pure: `workspace` says what the store already has, for references the file does not carry.
 */
export function checkJourneyFile(value: unknown, workspace: WorkspaceResources = noResources): ParseOutcome<JourneyFile> {
  return guarded(() => checkJourneyFileUnguarded(value, workspace));
}

/**
 * A check that throws is a bug, but the user should still get a message and an untouched workspace rather
 * than a failed call.
 */
export function guarded<T>(check: () => ParseOutcome<T>): ParseOutcome<T> {
  try {
    return check();
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `the file could not be checked (${error instanceof Error ? error.message : String(error)}); nothing was written` }] };
  }
}

function checkJourneyFileUnguarded(value: unknown, workspace: WorkspaceResources): ParseOutcome<JourneyFile> {
  const header = checkHeader(value, { format: JOURNEY_FORMAT, version: JOURNEY_FORMAT_VERSION, what: 'journey file' });
  if (!header.ok) return header;
  const current = header.version < JOURNEY_FORMAT_VERSION ? migrateJourneyFile(value as Record<string, unknown>, header.version, JOURNEY_FORMAT_VERSION) : value;
  const parsed = JourneyFile.safeParse(current, { error: fileIssueMessages });
  if (!parsed.success) return { ok: false, problems: capProblems([...problemsFromIssues(parsed.error), ...configProblemsOf(current)]) };
  const file = parsed.data;

  const problems: FileProblem[] = duplicateResources(file);
  const known = knownTo(workspace, file);
  problems.push(...checkResourceReferences(file, known));
  const graph = checkJourneyGraph(documentOfFile(file), known);
  problems.push(...graph.errors);
  if (problems.length > 0) return { ok: false, problems: capProblems(problems) };
  return { ok: true, file, notes: graph.notes, migratedFrom: header.version < JOURNEY_FORMAT_VERSION ? header.version : null };
}

/**
 * When the file as a whole does not fit the schema, the configs of its well-formed nodes are checked too,
 * so that one pass reports every problem rather than the next one after each fix.
 */
function configProblemsOf(file: unknown): FileProblem[] {
  const nodes = isObject(file) && Array.isArray(file.nodes) ? file.nodes : [];
  return nodes.flatMap((raw, index) => {
    const node = DraftNode.safeParse(raw);
    return node.success ? checkNodeConfig(node.data, `nodes[${index}]`).errors : [];
  });
}

/** What a file may refer to: what it carries and what the workspace has. */
export function knownTo(workspace: WorkspaceResources, file: Pick<JourneyFile, 'templates' | 'segments' | 'snippets'>): WorkspaceResources {
  return {
    templateIds: union(workspace.templateIds, file.templates.map((t) => t.id)),
    segmentIds: union(workspace.segmentIds, file.segments.map((s) => s.id)),
    snippetNames: union(workspace.snippetNames, file.snippets.map((s) => s.name)),
  };
}

/** Two templates (or segments) with one id or one name, or two snippets with one name, in the same file. */
export function duplicateResources(file: Pick<JourneyFile, 'templates' | 'segments' | 'snippets'>): FileProblem[] {
  const problems: FileProblem[] = [];
  const duplicates = <T extends Record<F, string>, F extends string>(items: readonly T[], field: F, path: string, what: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item[field])) problems.push({ path: `${path}[${i}].${field}`, message: `another ${what} in the file has the ${field} ${JSON.stringify(item[field])}` });
      seen.add(item[field]);
    });
  };
  duplicates(file.templates, 'id', 'templates', 'template');
  duplicates(file.templates, 'name', 'templates', 'template');
  duplicates(file.segments, 'id', 'segments', 'segment');
  duplicates(file.segments, 'name', 'segments', 'segment');
  duplicates(file.snippets, 'name', 'snippets', 'snippet');
  return problems;
}

/** Segments that name segments and templates that render snippets must find them in the file or the workspace. */
export function checkResourceReferences(
  file: Pick<JourneyFile, 'templates' | 'segments' | 'snippets'>,
  known: WorkspaceResources,
  prefix = '',
): FileProblem[] {
  const problems: FileProblem[] = [];
  file.segments.forEach((segment, i) => {
    for (const id of segmentIdsInRule(segment.rule)) {
      if (!known.segmentIds.has(id)) problems.push({ path: `${prefix}segments[${i}].rule`, message: `refers to the segment ${id}, which is neither in the file nor in the workspace` });
    }
  });
  const checkSnippets = (texts: string[], path: string) => {
    for (const name of texts) {
      if (!known.snippetNames.has(name)) problems.push({ path, message: `renders the snippet "${name}", which is neither in the file nor in the workspace` });
    }
  };
  file.templates.forEach((template, i) => checkSnippets(snippetNamesOfTemplate(template), `${prefix}templates[${i}].document`));
  file.snippets.forEach((snippet, i) => checkSnippets(snippetNamesIn(snippet.body), `${prefix}snippets[${i}].body`));
  return problems;
}

/**
 * The JSON of a journey file's text: refuses what is too big, too deep or not JSON. The first half of
 * parseJourneyFile, for `journey validate`, which also takes a bare document.
 */
export function journeyFileJson(text: string, maxBytes = MAX_JOURNEY_FILE_BYTES): { ok: true; value: unknown } | { ok: false; problems: FileProblem[] } {
  if (text.length > maxBytes) {
    return { ok: false, problems: [{ path: '', message: `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a journey file is at most ${megabytes(maxBytes)}, so this is not one` }] };
  }
  const json = parseJsonText(text);
  return json.ok ? json : { ok: false, problems: [json.problem] };
}

/** From the text of a file: refuses what is too big, too deep or not JSON, then checks it as above. */
export function parseJourneyFile(text: string, workspace: WorkspaceResources = noResources, maxBytes = MAX_JOURNEY_FILE_BYTES): ParseOutcome<JourneyFile> {
  const json = journeyFileJson(text, maxBytes);
  return json.ok ? checkJourneyFile(json.value, workspace) : json;
}
