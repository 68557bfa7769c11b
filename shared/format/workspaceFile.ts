import { z } from 'zod';
import { ConnectionList, Id, Layout, StepList } from '../journey/journey.ts';
import { JourneySettings } from '../journey/settings.ts';
import { SegmentEntry, SnippetEntry, TemplateEntry } from './journeyFile.ts';
import { MAX_NAME_CHARS } from '../limits.ts';
import { Consent } from '../contacts/consent.ts';
import { TagName } from '../contacts/tags.ts';
import { AttributeValues, EventProperties } from '../contacts/storedValues.ts';

/**
 * A workspace backup: every journey, template, segment, snippet and setting, and, when asked for, the
 * contacts and their events. Restoring it writes each item under its own id (or email), replacing what is
 * there; it adds and replaces, it never deletes.
 */
export const WORKSPACE_FORMAT = 'journey-studio/workspace';
export const WORKSPACE_FORMAT_VERSION = 1;

export const BackupJourney = z.object({
  id: Id,
  name: z.string().trim().min(1, 'a journey needs a name').max(MAX_NAME_CHARS),
  nodes: StepList,
  edges: ConnectionList,
  settings: JourneySettings,
  layout: Layout,
});
export type BackupJourney = z.infer<typeof BackupJourney>;

/** As the store keeps it: a backup restores what was there, even an address an importer let through. */
const Email = z.string().min(1, 'a contact needs an email').max(320);

export const BackupContact = z.object({
  email: Email,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  country: z.string().nullable(),
  timezone: z.string().nullable(),
  locale: z.string().nullable(),
  consent: Consent,
  attributes: AttributeValues,
  tags: z.array(TagName),
  /** Epoch milliseconds. */
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type BackupContact = z.infer<typeof BackupContact>;

export const BackupEvent = z.object({
  /** The contact, by email: ids are the store's own and differ between workspaces. */
  email: Email,
  name: z.string().min(1),
  occurredAt: z.number().int(),
  properties: EventProperties,
  /** Kept so that restoring twice, or over a workspace that has the events, adds nothing twice. */
  dedupeKey: z.string().min(1),
});
export type BackupEvent = z.infer<typeof BackupEvent>;

export const WorkspaceFile = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.literal(WORKSPACE_FORMAT_VERSION),
  journeys: z.array(BackupJourney),
  templates: z.array(TemplateEntry),
  snippets: z.array(SnippetEntry),
  segments: z.array(SegmentEntry),
  /**
   * The settings on the backup list (electron/services/exchange/backupSettings.ts), each as its stored text: never
   * the unsubscribe signing key nor a secret. A restore writes no other key, whatever the file holds.
   */
  settings: z.record(z.string(), z.string()),
  contacts: z.array(BackupContact).optional(),
  events: z.array(BackupEvent).optional(),
});
export type WorkspaceFile = z.infer<typeof WorkspaceFile>;
