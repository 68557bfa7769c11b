import { z } from 'zod';

/**
 * What a simulation and a forecast give back: the API's output schemas and the documented JSON of
 * `journey-studio simulate --json` and `journey-studio forecast --json` (docs/simulation.md).
 */

const stepOutcomes = [
  'entered',
  'passed',
  'waiting',
  'resumed',
  'branched',
  'sent',
  'deferred',
  'suppressed',
  'skipped',
  'updated',
  'goal',
  'exited',
] as const;

/** An email as the simulated contact would get it. */
export const SimulatedEmail = z.object({
  messageKey: z.string(),
  templateId: z.string(),
  to: z.string(),
  subject: z.string(),
  html: z.string().nullable(),
  text: z.string().nullable(),
  /** False when only the template's raw subject could be shown (the reason is in `note`). */
  rendered: z.boolean(),
  note: z.string().nullable(),
  /**
   * Why delivery would not send it after all (the contact unsubscribed in the decision that queued it, or is on
   * the suppression list), as the live delivery cancels it; null when it goes out.
   */
  cancelled: z.string().nullable(),
});
export type SimulatedEmail = z.infer<typeof SimulatedEmail>;

/** One step of the timeline: the interpreter's Step, plus the email when one was sent. */
export const TimelineEntry = z.object({
  at: z.number(),
  nodeId: z.string(),
  nodeKind: z.string(),
  nodeName: z.string(),
  outcome: z.enum(stepOutcomes),
  branch: z.string().optional(),
  reason: z.string(),
  messageKey: z.string().optional(),
  email: SimulatedEmail.optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** Something the test set up, applied to the contact at its time (shown between the steps). */
export const AppliedEvent = z.object({ at: z.number(), description: z.string() });
export type AppliedEvent = z.infer<typeof AppliedEvent>;

export const SimulationStatus = z.enum(['exited', 'waiting', 'breakpoint', 'paused', 'not-admitted']);
export type SimulationStatus = z.infer<typeof SimulationStatus>;

export const SimulationResult = z.object({
  journeyId: z.string(),
  /** 'draft' or the published version number simulated. */
  version: z.union([z.literal('draft'), z.number()]),
  contact: z.object({ id: z.union([z.string(), z.number()]), email: z.string(), timezone: z.string().nullable() }),
  start: z.number(),
  end: z.number(),
  seed: z.number(),
  timeline: z.array(TimelineEntry),
  applied: z.array(AppliedEvent),
  /**
   * exited: the contact left the journey; waiting: still in it when the virtual time ran out; breakpoint:
   * stopped on arriving at a breakpoint; paused: stopped after the requested number of decisions; not-admitted:
   * the trigger (its property filters), the re-entry rules or the entry limit keep the contact out, as live.
   */
  status: SimulationStatus,
  /** Where the contact is (or left); at a breakpoint, the step they arrived at. */
  nodeId: z.string(),
  /** The status in words, naming the step. */
  statusReason: z.string(),
  /** When the interpreter would look at the contact again (null once exited). */
  wakeAt: z.number().nullable(),
  /** Node ids in the order the contact passed them, each once: what the canvas highlights. */
  path: z.array(z.string()),
  /** Decisions the engine made for the contact (counting the one a breakpoint interrupted): see SimulationRequest.maxDecisions. */
  decisions: z.number(),
});
export type SimulationResult = z.infer<typeof SimulationResult>;

export const countNames = ['entered', 'waiting', 'exited', 'sent', 'deferred', 'suppressed', 'skipped', 'goal'] as const;
export type CountName = (typeof countNames)[number];

/** Per node: how many contacts did each thing there; branches by outcome handle. */
export const NodeCounts = z.object({
  nodeId: z.string(),
  nodeKind: z.string(),
  nodeName: z.string(),
  entered: z.number(),
  /** Still resting here when the forecast ends. */
  waiting: z.number(),
  exited: z.number(),
  sent: z.number(),
  deferred: z.number(),
  suppressed: z.number(),
  skipped: z.number(),
  goal: z.number(),
  branches: z.record(z.string(), z.number()),
});
export type NodeCounts = z.infer<typeof NodeCounts>;

export const ForecastResult = z.object({
  journeyId: z.string(),
  version: z.union([z.literal('draft'), z.number()]),
  start: z.number(),
  days: z.number(),
  seed: z.number(),
  /** Contacts the trigger would admit, before sampling. */
  audience: z.number(),
  /** Contacts run through the journey (the sample, or everyone). */
  simulated: z.number(),
  /** Not admitted, by reason (re-entry, entry limit). */
  refused: z.record(z.string(), z.number()),
  nodes: z.array(NodeCounts),
  /** Emails sent per UTC calendar day, day 0 = the start's day (so days + 1 entries when the start is not midnight). */
  emailsPerDay: z.array(z.object({ day: z.number(), date: z.string(), sent: z.number() })),
  totals: z.object({ sent: z.number(), exited: z.number(), active: z.number(), goal: z.number() }),
  elapsedMs: z.number(),
});
export type ForecastResult = z.infer<typeof ForecastResult>;
