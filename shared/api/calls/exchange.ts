import { z } from 'zod';
import { call } from '../define.ts';
import { Id } from '../../journey/journey.ts';
import { JourneySummary } from './journeys.ts';
import { PickedFileToken } from './dialogs.ts';

/**
 * Journeys as files, and the workspace backup. A file arrives either as the token of a file picked in a native
 * open dialog (the desktop app) or as its text (browser mode, from a file input or a drop on the window).
 */
export const FileProblem = z.object({ path: z.string(), message: z.string() });
export type FileProblem = z.infer<typeof FileProblem>;

/** `fileName` is only for showing; a picked file is read where the user picked it. */
export const FileSource = z.union([
  z.object({ picked: PickedFileToken, fileName: z.string().max(255).optional() }),
  z.object({ text: z.string(), fileName: z.string().max(255).optional() }),
]);
export type FileSource = z.infer<typeof FileSource>;

/** What happened to each template, segment and snippet the file carried: reused as stored, or written. */
const ResourceReport = z.object({ reused: z.array(z.string()), imported: z.array(z.string()) });

export const JourneyClash = z.object({ journeyId: Id, name: z.string(), by: z.enum(['id', 'name']) });
export type JourneyClash = z.infer<typeof JourneyClash>;

export const ImportJourneyResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('invalid'), problems: z.array(FileProblem) }),
  /** The file is fine but a journey with its id or name exists: ask, then call again with 'copy' or 'replace'. */
  z.object({ outcome: z.literal('clash'), name: z.string(), clashes: z.array(JourneyClash) }),
  z.object({
    outcome: z.literal('imported'),
    journey: JourneySummary,
    replaced: z.boolean(),
    /** Format version the file was migrated from, when it was older. */
    migratedFrom: z.number().int().nullable(),
    /** What the draft still needs (a blank choice, an unconnected step); not errors. */
    notes: z.array(FileProblem),
    templates: ResourceReport,
    segments: ResourceReport,
    snippets: ResourceReport,
  }),
]);
export type ImportJourneyResult = z.infer<typeof ImportJourneyResult>;

export const WorkspaceCounts = z.object({
  journeys: z.number().int(),
  templates: z.number().int(),
  segments: z.number().int(),
  snippets: z.number().int(),
  settings: z.number().int(),
  contacts: z.number().int(),
  events: z.number().int(),
});
export type WorkspaceCounts = z.infer<typeof WorkspaceCounts>;

export const RestoreWorkspaceResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('invalid'), problems: z.array(FileProblem) }),
  z.object({ outcome: z.literal('restored'), counts: WorkspaceCounts, notes: z.array(FileProblem) }),
]);
export type RestoreWorkspaceResult = z.infer<typeof RestoreWorkspaceResult>;

export const exchangeCalls = {
  'exchange.exportJourney': call(
    'A journey as a file, with the templates, snippets and segments it uses; written to the file picked in a save dialog when `saveTo` is given (`path` says where).',
    z.object({ id: Id, saveTo: PickedFileToken.optional() }),
    z.object({ fileName: z.string(), text: z.string(), path: z.string().nullable() }),
  ),
  'exchange.importJourney': call(
    'Import a journey file. Nothing is written when the file has a problem, or when it clashes and onClash is "ask".',
    z.object({ file: FileSource, onClash: z.enum(['ask', 'copy', 'replace']).default('ask') }),
    ImportJourneyResult,
  ),
  'exchange.exportWorkspace': call(
    'A backup of every journey, template, segment, snippet and the settings on the backup list, with contacts and events if asked; written to the file picked in a save dialog when `saveTo` is given (then text is null and `path` says where).',
    z.object({ includeContacts: z.boolean().default(false), includeEvents: z.boolean().default(false), saveTo: PickedFileToken.optional() }),
    z.object({
      fileName: z.string(),
      text: z.string().nullable(),
      path: z.string().nullable(),
      counts: WorkspaceCounts,
      /** Stored values restoring would refuse (an older version let them through: nested too deep, too large), left out. */
      leftOut: z.array(z.string()),
    }),
  ),
  'exchange.restoreWorkspace': call(
    'Restore a backup: every item is written under its own id, replacing what is there; nothing is deleted. All or nothing.',
    z.object({ file: FileSource }),
    RestoreWorkspaceResult,
  ),
};
