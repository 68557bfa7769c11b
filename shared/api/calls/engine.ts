import { z } from 'zod';
import { call } from '../define.ts';
import { Id } from '../../journey/journey.ts';
import { JourneySummary } from './journeys.ts';
import { SendingSettings, SendingSettingsInput } from '../../engine/sendingSettings.ts';
import { SendingPauseState } from '../../engine/sendingPause.ts';

const ById = z.object({ id: Id });

export const StepView = z.object({
  at: z.number(),
  nodeId: z.string(),
  nodeKind: z.string(),
  outcome: z.string(),
  branch: z.string().nullable(),
  reason: z.string(),
  messageKey: z.string().nullable(),
});
export type StepView = z.infer<typeof StepView>;

/** One contact's pass through one journey: where they are, why, and what happened so far. */
export const RunView = z.object({
  runId: z.string(),
  journeyId: z.string(),
  journeyName: z.string(),
  version: z.number().int(),
  entry: z.number().int(),
  status: z.enum(['active', 'exited']),
  nodeId: z.string(),
  nodeName: z.string(),
  enteredAt: z.number(),
  /** When the engine looks at this contact again (end of a wait, a deferred email); null once exited. */
  dueAt: z.number().nullable(),
  exitedAt: z.number().nullable(),
  exitReason: z.string().nullable(),
  /** One sentence: 'Waiting at "Wait 24 hours" until ...' or 'Left at "Done": reached the exit'. */
  summary: z.string(),
  steps: z.array(StepView),
});
export type RunView = z.infer<typeof RunView>;

export const NodeCounts = z.object({
  nodeId: z.string(),
  /** Contacts at this node now (waiting, or with a deferred email). */
  now: z.number().int(),
  /** Contacts who have reached this node, over every run. */
  passed: z.number().int(),
  /** Per outcome handle ('yes', a branch id, a variant id...): how many left that way. */
  branches: z.record(z.string(), z.number().int()),
  sent: z.number().int(),
  queued: z.number().int(),
  failed: z.number().int(),
  suppressed: z.number().int(),
  skipped: z.number().int(),
});
export type NodeCounts = z.infer<typeof NodeCounts>;

export const OutboundEmail = z.object({
  messageKey: z.string(),
  messageId: z.string(),
  journeyId: z.string(),
  nodeId: z.string(),
  contactId: z.number().int(),
  to: z.string(),
  subject: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'failed', 'cancelled']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
});
export type OutboundEmail = z.infer<typeof OutboundEmail>;

const SendingView = z.object({
  settings: SendingSettings,
  passwordStored: z.boolean(),
  /** The bounce mailbox's IMAP password is known (stored, or in JOURNEY_STUDIO_IMAP_PASSWORD). */
  bounceMailboxPasswordStored: z.boolean(),
  /** Where the passwords are kept in this mode (keychain, environment). */
  secretStore: z.string(),
  canStorePassword: z.boolean(),
});

/** Whether the workspace sends: null while it does; the pause (why, since when, the refusals) while it does not. */
export const SendingStatus = z.object({ paused: SendingPauseState.nullable() });
export type SendingStatus = z.infer<typeof SendingStatus>;

/** The process that runs a workspace's engine (holds its lease), and since when (wall-clock milliseconds). */
export const EngineHolder = z.object({
  /** What kind of process, as people know it: "journey-studio run", "the desktop app". */
  kind: z.string(),
  pid: z.number().int(),
  host: z.string(),
  /** When it took the lease. */
  since: z.number(),
  heartbeatAt: z.number(),
  /** When the lease lapses unless renewed; another engine may take it then. */
  expiresAt: z.number(),
});
export type EngineHolder = z.infer<typeof EngineHolder>;

/**
 * Who runs the engine on this workspace: this process, another one (which stands by here, if this process runs an
 * engine, and takes over when that one stops), or none; then `last` is the holder whose lease lapsed, if any.
 */
export const EngineStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running-here'), holder: EngineHolder }),
  z.object({ state: z.literal('running-elsewhere'), holder: EngineHolder }),
  z.object({ state: z.literal('not-running'), last: EngineHolder.nullable() }),
]);
export type EngineStatus = z.infer<typeof EngineStatus>;

export const engineCalls = {
  'journeys.pause': call('Pause a live journey: no one enters or moves on; their work stays queued.', ById, JourneySummary),
  'journeys.resume': call('Resume a paused journey: queued work runs, late emails follow the late-send setting.', ById, JourneySummary),
  'journeys.stop': call(
    'Stop a journey: every contact in it leaves with the reason "stopped" and their unsent emails are cancelled.',
    ById,
    z.object({ journey: JourneySummary, contactsStopped: z.number().int() }),
  ),
  'engine.nodeCounts': call(
    'Live counts on each node of a journey: in the node now, passed through, per branch, emails sent, failed, suppressed.',
    z.object({ journeyId: Id }),
    z.object({ journeyId: Id, at: z.number(), nodes: z.array(NodeCounts) }),
  ),
  'engine.whereIs': call(
    'Where a contact is in each journey (or one) and why, with the timeline of every run.',
    z.object({ contactId: z.number().int().positive(), journeyId: Id.optional() }),
    z.array(RunView),
  ),
  'engine.outbox': call(
    'The emails the engine has queued, sent or failed, newest first.',
    z.object({ status: z.enum(['queued', 'sent', 'failed', 'cancelled']).optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    z.array(OutboundEmail),
  ),
  'engine.status': call(
    'Which process runs the engine on this workspace (one engine per workspace): this one, another one (which, since when), or none.',
    z.object({}),
    EngineStatus,
  ),
  'engine.sendingSettings': call('How this workspace sends email (outbox or SMTP).', z.object({}), SendingView),
  'engine.saveSendingSettings': call(
    'Save the sending settings; a password given (SMTP, bounce mailbox) is kept in the keychain (never in the database), or refused where there is none.',
    z.object({ settings: SendingSettingsInput, password: z.string().min(1).max(1000).optional(), bounceMailboxPassword: z.string().min(1).max(1000).optional() }),
    SendingView,
  ),
  'engine.sendingStatus': call(
    'Whether the workspace is sending, or paused after refusals that were not the recipients\' fault (and why).',
    z.object({}),
    SendingStatus,
  ),
  'engine.resumeSending': call(
    'Resume the workspace\'s sending after a pause: the queued emails go out again at the next pass of the engine.',
    z.object({}),
    SendingStatus,
  ),
  'engine.unsubscribe': call(
    'Unsubscribe the contact an unsubscribe link was made for.',
    z.object({ token: z.string().min(1).max(200) }),
    z.object({ email: z.string() }),
  ),
};
