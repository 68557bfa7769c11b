import { z } from 'zod';
import { AttributeValues, EventProperties } from '../contacts/storedValues.ts';
import { TimeZone } from '../journey/waits.ts';
import { isMoment, spanMs } from './offset.ts';
import { Consent } from '../contacts/consent.ts';

/**
 * What a marketer sets up to test one contact: who (a real contact or a made-up one), from when, what they do
 * and when, which choices are forced, and where to stop. The simulator resolves it into a ContactView and a
 * list of timed changes, then runs the engine's advance() on a virtual clock.
 */

/**
 * The seed the live runner assigns A/B variants with by default (0x5eed, electron/services/engine/runner.ts):
 * simulating with it predicts the variant a contact will really get.
 */
export const liveSeed = 0x5eed;

/** '+30h', '-2d', '+1d6h' (relative to the start) or an ISO date and time. */
export const Moment = z.string().trim().refine(isMoment, 'expected an offset such as +30h, +2d, -1w or an ISO date and time');

/** A length of virtual time such as '21d', '36h' or '2w'. */
export const Span = z
  .string()
  .trim()
  .refine((text) => spanMs(text) !== undefined && spanMs(text)! > 0, 'expected a length such as 21d, 36h or 2w');

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A contact that exists only in this simulation. */
export const MadeUpContact = z.object({
  email: z.email('expected an email address').default('test.contact@example.com'),
  /** Built-in fields (first_name, country, locale...) and custom attributes. */
  attributes: AttributeValues.default({}),
  tags: z.array(z.string().min(1)).default([]),
  timezone: TimeZone.nullable().default(null),
  consent: Consent.default('subscribed'),
  /** On the suppression list (bounced, complained). */
  suppressed: z.boolean().default(false),
  /** What the contact did before the start (at negative offsets or past dates). */
  history: z
    .array(z.object({ name: z.string().min(1), at: Moment, properties: EventProperties.default({}) }))
    .default([]),
});
export type MadeUpContact = z.infer<typeof MadeUpContact>;

export const SimulationContact = z.discriminatedUnion('type', [
  /** A contact of the workspace, by id or email: their real attributes, tags, events and consent. */
  z.object({ type: z.literal('existing'), ref: z.string().trim().min(1, 'give a contact id or email') }),
  z.object({ type: z.literal('made-up'), contact: MadeUpContact }),
]);
export type SimulationContact = z.infer<typeof SimulationContact>;

/** Something that happens to the contact during the simulation, at a chosen moment. */
export const SimulationEvent = z.discriminatedUnion('type', [
  /** A behavioural event: 'purchased at +30h'. */
  z.object({
    type: z.literal('event'),
    at: Moment,
    name: z.string().trim().min(1, 'name the event'),
    properties: EventProperties.default({}),
  }),
  /** Forced engagement: the email of this step is opened (or clicked) this long after it was sent. */
  z.object({
    type: z.enum(['email-opened', 'email-clicked']),
    nodeId: z.string().min(1, 'choose an email step'),
    after: Moment.default('+1h'),
  }),
  z.object({ type: z.literal('unsubscribe'), at: Moment }),
  z.object({ type: z.enum(['tag-added', 'tag-removed']), at: Moment, tag: z.string().trim().min(1, 'name the tag') }),
  z.object({ type: z.literal('attribute-set'), at: Moment, attribute: z.string().trim().min(1), value: Scalar.nullable() }),
]);
export type SimulationEvent = z.infer<typeof SimulationEvent>;

/** Which journey document: the draft being edited, the live version, a published version, or one given whole. */
export const JourneySource = z.union([z.literal('draft'), z.literal('live'), z.number().int().positive()]);
export type JourneySource = z.infer<typeof JourneySource>;

/**
 * The event that admits the contact into an event-triggered journey, and whose properties its emails read (the
 * cart's items). A stored contact's own event by id, or a payload given here. Omitted: a stored contact's latest
 * matching event up to the start, else (and for a made-up contact) the trigger's event with the property values
 * its filters ask for. Either way the trigger's property filters are checked, exactly as the live engine does.
 */
export const EntryEvent = z.union([
  z.object({ eventId: z.number().int().positive() }),
  z.object({ properties: EventProperties }),
]);
export type EntryEvent = z.infer<typeof EntryEvent>;

export const SimulationRequest = z.object({
  journeyId: z.string().min(1),
  version: JourneySource.default('draft'),
  contact: SimulationContact,
  entryEvent: EntryEvent.optional(),
  /** ISO date and time the contact enters; default: now. */
  start: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date and time' }).optional(),
  /** How much virtual time to run. */
  until: Span.default('60d'),
  seed: z.number().int().default(liveSeed),
  events: z.array(SimulationEvent).default([]),
  /** A/B split node id -> the variant id this contact gets. */
  abVariants: z.record(z.string(), z.string()).default({}),
  /**
   * Stop as soon as the contact arrives at one of these steps, before it acts (before the email goes out, before
   * the exit): status 'breakpoint', with the result's nodeId the step arrived at.
   */
  breakpoints: z.array(z.string()).default([]),
  /**
   * Stop after this many decisions (status 'paused'): a decision is everything the engine does for the contact
   * at one moment, one call of its interpreter. A stop at a breakpoint falls inside a decision and going on from
   * it finishes that decision, so the count is the same whatever the breakpoints. Stepping: from a decision's end
   * ask for one more; from a breakpoint, for the decision it interrupted (the result's `decisions`).
   */
  maxDecisions: z.number().int().positive().optional(),
  /**
   * Continuing from a breakpoint: the length of the timeline there. Breakpoints reached with no more steps than
   * this are gone through; the next one stops. (The timeline does not depend on where a run stops, so this names
   * the same place even when the breakpoints have changed since.)
   */
  resumeAfterSteps: z.number().int().nonnegative().optional(),
});
export type SimulationRequest = z.infer<typeof SimulationRequest>;
export type SimulationRequestInput = z.input<typeof SimulationRequest>;

export const ForecastRequest = z.object({
  journeyId: z.string().min(1),
  version: JourneySource.default('draft'),
  /** Days of virtual time from the start. */
  days: z.number().int().min(1).max(366).default(30),
  /** A seeded random sample of this many admitted contacts; omitted: all of them. */
  sample: z.number().int().positive().optional(),
  seed: z.number().int().default(liveSeed),
  /** ISO date and time the forecast starts; default: now. */
  start: z.iso.datetime({ offset: true }).optional(),
});
export type ForecastRequest = z.infer<typeof ForecastRequest>;
export type ForecastRequestInput = z.input<typeof ForecastRequest>;
