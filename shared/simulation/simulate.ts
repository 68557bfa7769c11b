import type { JourneyDocument } from '../journey/journey.ts';
import { nodeName } from '../journey/kinds.ts';
import type { ContactEvent, ContactView } from '../rules/contactView.ts';
import type { PopulationStats } from '../rules/population.ts';
import { advance, startRun } from '../engine/advance.ts';
import { applyContactChange } from '../engine/contactChange.ts';
import { deliveryRefusal } from '../engine/deliveryCheck.ts';
import { sendHistoryReach, sendsWithinReach } from '../engine/sendHistory.ts';
import type { SegmentLookup } from '../rules/evaluate.ts';
import { engagementEvents } from '../engine/engagement.ts';
import { messageIdOf } from '../engine/messageKey.ts';
import type { EmailToSend, RecentSend, RunState, Step } from '../engine/types.ts';
import type { SimulationStatus } from './output.ts';

/**
 * The simulator: the engine's own advance() called in a loop on a virtual clock. It never decides anything
 * itself; it only moves the clock to the next wake-up or the next set-up change, applies that change to the
 * in-memory contact, and collects what advance() says happened. Nothing is written and nothing is sent.
 */

/** A change to the contact at a moment of virtual time. */
export type TimedChange =
  | { at: number; type: 'event'; event: ContactEvent }
  | { at: number; type: 'consent'; consent: string }
  | { at: number; type: 'tag'; tag: string; add: boolean }
  | { at: number; type: 'attribute'; attribute: string; value: unknown };

/** Forced engagement: the email of a step is opened or clicked this long after it goes out. */
export interface ForcedEngagement {
  nodeId: string;
  action: 'opened' | 'clicked';
  afterMs: number;
}

export interface SimulateInput {
  document: JourneyDocument;
  journeyId: string;
  /** The version the run is keyed on (0 for a draft). */
  version: number;
  /** Which entry of the contact into the journey this run is (1 the first time). */
  entry?: number;
  contact: ContactView;
  suppressed: boolean;
  /** Marketing emails the contact already got from other journeys (for the frequency cap). */
  recentSends?: readonly RecentSend[];
  start: number;
  end: number;
  seed: number;
  changes?: readonly TimedChange[];
  engagement?: readonly ForcedEngagement[];
  /** A/B split node id -> variant id: the contact is placed in it as if the split had rolled it. */
  abVariants?: Readonly<Record<string, string>>;
  /** Stop as soon as the contact arrives at one of these nodes, before the node acts. */
  breakpoints?: readonly string[];
  /**
   * Continuing from a breakpoint: the number of timeline steps there. Breakpoints reached with no more steps
   * than this are gone through (steps do not depend on where the simulation stops, so this names the same place
   * whatever the breakpoints are).
   */
  resumeAfterSteps?: number;
  /**
   * Stop after this many decisions: calls of the interpreter that did something. Stopping at a breakpoint and
   * going on from it is one decision, so the count does not depend on the breakpoints either.
   */
  maxDecisions?: number;
  defaultTimezone?: string;
  /** RFM cuts and percentiles the journey's rules compare against (from the whole store). */
  population?: PopulationStats;
  /** The workspace's segments (dynamic ones are evaluated on the contact at each decision's moment). */
  segments?: SegmentLookup;
}

export interface SentInSimulation extends EmailToSend {
  at: number;
  /**
   * The contact as the decision that queued it left them: the live engine delivers (and renders) an email after the
   * decision, so an update-contact step anywhere in that decision shows in it.
   */
  contact: ContactView;
  /** Why delivery would not send it after all (deliveryRefusal), or undefined when it goes out. */
  cancelled?: string;
}

export interface SimulateOutput {
  steps: Step[];
  emails: SentInSimulation[];
  applied: Array<{ at: number; change: TimedChange }>;
  status: SimulationStatus;
  state: RunState;
  /** Where the contact is or left; at a breakpoint, the node they arrived at (or the goal they are about to jump to). */
  nodeId: string;
  statusReason: string;
  wakeAt: number | null;
  path: string[];
  decisions: number;
  /** The contact as the journey left them (tags and attributes it changed, events that happened). */
  contact: ContactView;
}

/** A set-up change applied to the in-memory contact. */
export function applyTimedChange(contact: ContactView, change: TimedChange): ContactView {
  switch (change.type) {
    case 'event': {
      const events = [...contact.events];
      let i = events.length;
      while (i > 0 && events[i - 1].at > change.event.at) i--;
      events.splice(i, 0, change.event);
      return { ...contact, events };
    }
    case 'consent':
      return withAttribute(contact, 'consent', change.consent);
    case 'tag':
      return withTag(contact, change.tag, change.add);
    case 'attribute':
      return withAttribute(contact, change.attribute, change.value);
  }
}

function withTag(contact: ContactView, tag: string, add: boolean): ContactView {
  const tags = new Set(contact.tags);
  if (add) tags.add(tag);
  else tags.delete(tag);
  return { ...contact, tags };
}

function withAttribute(contact: ContactView, attribute: string, value: unknown): ContactView {
  const attributes = { ...contact.attributes };
  if (value === undefined || value === null) delete attributes[attribute];
  else attributes[attribute] = value;
  return { ...contact, attributes };
}

export function simulateContact(input: SimulateInput): SimulateOutput {
  const { document, start, end, seed } = input;
  let contact = input.contact;
  const pending = [...(input.changes ?? [])].sort((a, b) => a.at - b.at);
  const sends: RecentSend[] = [...(input.recentSends ?? [])].sort((a, b) => a.at - b.at);
  const reach = sendHistoryReach(document.settings);
  const pauseBefore = input.breakpoints?.length ? new Set(input.breakpoints) : undefined;
  const steps: Step[] = [];
  const emails: SentInSimulation[] = [];
  const applied: SimulateOutput['applied'] = [];

  let state = startRun(document, { journeyId: input.journeyId, version: input.version, contactId: contact.id, entry: input.entry ?? 1 }, start);
  for (const [nodeId, variant] of Object.entries(input.abVariants ?? {})) state.abAssignments[nodeId] = variant;

  let now = start;
  let decisions = 0;
  let wakeAt: number | null;
  let status: SimulationStatus;
  /** The breakpoint just gone through: the next call of the interpreter finishes the decision it interrupted. */
  let pauseTakenAt: string | undefined;
  let stoppedBefore: string | undefined;

  const applyDue = () => {
    while (pending.length > 0 && pending[0].at <= now) {
      const change = pending.shift()!;
      contact = applyTimedChange(contact, change);
      applied.push({ at: change.at, change });
    }
  };
  const schedule = (change: TimedChange) => {
    let i = pending.length;
    while (i > 0 && pending[i - 1].at > change.at) i--;
    pending.splice(i, 0, change);
  };

  for (;;) {
    applyDue();
    const finishing = pauseTakenAt !== undefined;
    const result = advance({
      document,
      state,
      contact,
      now,
      seed,
      recentSends: sendsWithinReach(sends, now, reach),
      suppressed: input.suppressed,
      defaultTimezone: input.defaultTimezone,
      population: input.population,
      segments: input.segments,
      handOverState: true, // only ever the latest state is kept
      pauseBefore,
      pauseTakenAt,
    });
    pauseTakenAt = undefined;
    state = result.state;
    wakeAt = result.wakeAt;
    if (!finishing && (result.steps.length > 0 || result.pausedBefore !== undefined)) decisions++;
    steps.push(...result.steps);
    for (const change of result.contactChanges) contact = applyContactChange(contact, change);
    // Delivered right after the decision, as the live runner's tick does: for the contact the decision left.
    const refusal = deliveryRefusal(contact, input.suppressed);
    for (const email of result.emails) {
      emails.push(refusal ? { ...email, at: now, contact, cancelled: refusal } : { ...email, at: now, contact });
      if (refusal) continue;
      sends.push({ at: now, messageKey: email.messageKey });
      for (const forced of input.engagement ?? []) {
        if (forced.nodeId !== email.nodeId) continue;
        const name = forced.action === 'opened' ? engagementEvents.opened : engagementEvents.clicked;
        schedule({ at: now + forced.afterMs, type: 'event', event: { name, at: now + forced.afterMs, properties: { message_id: messageIdOf(email.messageKey) } } });
      }
    }

    if (state.status === 'exited') {
      status = 'exited';
      break;
    }
    if (result.pausedBefore !== undefined) {
      if (input.resumeAfterSteps === undefined || steps.length > input.resumeAfterSteps) {
        status = 'breakpoint';
        stoppedBefore = result.pausedBefore;
        break;
      }
      pauseTakenAt = result.pausedBefore;
      continue; // at the same moment: the rest of the decision
    }
    if (input.maxDecisions !== undefined && decisions >= input.maxDecisions) {
      status = 'paused';
      break;
    }
    const next = Math.min(wakeAt ?? Infinity, pending[0]?.at ?? Infinity);
    if (next > end) {
      status = 'waiting';
      break;
    }
    now = Math.max(now, next);
  }

  const finalStatus = status;
  const lastWakeAt = wakeAt;
  const nodeId = stoppedBefore ?? state.nodeId;
  const finalDecisions = decisions;
  return {
    steps,
    emails,
    applied,
    status: finalStatus,
    state,
    nodeId,
    // Worked out when asked: a forecast of many contacts never reads them.
    get statusReason() {
      return describeStatus(finalStatus, state, nameOf(document, nodeId), finalDecisions, lastWakeAt);
    },
    wakeAt: state.status === 'exited' ? null : lastWakeAt,
    get path() {
      return pathOf(steps);
    },
    decisions,
    contact,
  };
}

/** The node ids passed, each once, in order. */
function pathOf(steps: readonly Step[]): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  for (const step of steps) {
    if (!seen.has(step.nodeId)) {
      seen.add(step.nodeId);
      path.push(step.nodeId);
    }
  }
  return path;
}

function nameOf(document: JourneyDocument, nodeId: string): string {
  const node = document.nodes.find((n) => n.id === nodeId);
  return node ? nodeName(node) : nodeId;
}

/** The status in words, naming the step (as the timeline's reasons do). */
function describeStatus(status: SimulationStatus, state: RunState, step: string, decisions: number, wakeAt: number | null): string {
  switch (status) {
    case 'exited':
      return state.exit?.reason ?? 'left the journey';
    case 'breakpoint':
      return `arrived at "${step}", which has not acted yet`;
    case 'paused':
      return `at "${step}" after ${decisions} decision${decisions === 1 ? '' : 's'}`;
    case 'not-admitted':
      return 'not admitted';
    case 'waiting':
      return state.wait
        ? `still in the journey at "${step}", ${state.wait.type === 'deferred-email' ? `email deferred (${state.wait.reason})` : 'waiting'}${wakeAt !== null ? ` until ${new Date(wakeAt).toISOString()}` : ''}`
        : `still in the journey at "${step}"`;
  }
}
