import { WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, WorkspaceFile } from './workspaceFile.ts';
import { parseJsonText, type FileProblem } from './jsonText.ts';
import { capProblems, fileIssueMessages, problemsFromIssues } from './issues.ts';
import { checkJourneyGraph } from './graphCheck.ts';
import { checkHeader, checkResourceReferences, duplicateResources, guarded, knownTo, noResources, type ParseOutcome, type WorkspaceResources } from './parse.ts';

/** A backup with contacts and events can be large, but not without bound: the whole text is held in memory. */
export const MAX_WORKSPACE_FILE_BYTES = 512 * 1024 * 1024;

/** Checks a workspace backup like a journey file: every problem by JSON path, or the backup. */
export function checkWorkspaceFile(value: unknown, workspace: WorkspaceResources = noResources): ParseOutcome<WorkspaceFile> {
  return guarded(() => checkWorkspaceFileUnguarded(value, workspace));
}

function checkWorkspaceFileUnguarded(value: unknown, workspace: WorkspaceResources): ParseOutcome<WorkspaceFile> {
  const header = checkHeader(value, { format: WORKSPACE_FORMAT, version: WORKSPACE_FORMAT_VERSION, what: 'workspace backup' });
  if (!header.ok) return header;
  const parsed = WorkspaceFile.safeParse(value, { error: fileIssueMessages });
  if (!parsed.success) return { ok: false, problems: capProblems(problemsFromIssues(parsed.error)) };
  const file = parsed.data;
  const known = knownTo(workspace, file);
  const problems: FileProblem[] = [...duplicateResources(file), ...checkResourceReferences(file, known)];
  const notes: FileProblem[] = [];
  const journeyIds = new Set<string>();
  file.journeys.forEach((journey, i) => {
    if (journeyIds.has(journey.id)) problems.push({ path: `journeys[${i}].id`, message: `another journey has the id ${journey.id}` });
    journeyIds.add(journey.id);
    const graph = checkJourneyGraph(journey, known, `journeys[${i}]`);
    problems.push(...graph.errors);
    notes.push(...graph.notes);
  });
  const emails = new Set((file.contacts ?? []).map((c) => c.email.toLowerCase()));
  (file.events ?? []).forEach((event, i) => {
    if (!emails.has(event.email.toLowerCase())) problems.push({ path: `events[${i}].email`, message: `no contact with the email ${event.email} in the backup` });
  });
  if (problems.length > 0) return { ok: false, problems: capProblems(problems) };
  return { ok: true, file, notes, migratedFrom: null };
}

export function parseWorkspaceFile(text: string, workspace: WorkspaceResources = noResources): ParseOutcome<WorkspaceFile> {
  if (text.length > MAX_WORKSPACE_FILE_BYTES) {
    return { ok: false, problems: [{ path: '', message: `the file is larger than ${MAX_WORKSPACE_FILE_BYTES / 1024 / 1024} MB, the most a backup can be` }] };
  }
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: [json.problem] };
  return checkWorkspaceFile(json.value, workspace);
}
