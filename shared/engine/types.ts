import type { JourneyDocument } from '../journey/journey.ts';
import type { NodeKind } from '../journey/nodes.ts';
import type { EventMatch } from '../rules/propertyFilter.ts';
import type { ContactView } from '../rules/contactView.ts';
import type { PopulationStats } from '../rules/population.ts';
import type { SegmentLookup } from '../rules/evaluate.ts';

/**
 * The interpreter's input and output. One pure function, `advance()` (advance.ts), decides what happens to
 * one contact in one journey run; the live runner, the single-contact simulator and the audience forecast
 * all call it and differ only in where the ContactView comes from, which clock they pass and what they do
 * with the effects. All times are epoch milliseconds.
 */

/** Identifies one pass of one contact through one journey: the nth time they entered it. */
export interface RunKey {
  journeyId: string;
  /** The published version the contact entered on; they stay on it even when a newer one is published. */
  version: number;
  contactId: number | string;
  /** 1 for the first entry, 2 for the first re-entry... */
  entry: number;
}

/** One email this run has sent (or is sending), kept so that opens and clicks can be tied back to it. */
export interface SentEmail {
  nodeId: string;
  messageKey: string;
  sentAt: number;
}

/** Why a contact is resting at a node, and until when. */
export type PendingWait =
  | { type: 'wait'; until: number }
  /** Waiting for an event since `since`; gives up at `until`. */
  | { type: 'wait-for-event'; since: number; until: number; event: EventMatch }
  /** An email held back by quiet hours, a send window or the frequency cap; it is reconsidered at `until`. */
  | { type: 'deferred-email'; until: number; reason: string };

export interface RunState {
  run: RunKey;
  status: 'active' | 'exited';
  /** The node the contact is at (for an exited run: the last node). */
  nodeId: string;
  /** When this run entered the journey. */
  enteredAt: number;
  /** When the contact arrived at the current node. */
  nodeEnteredAt: number;
  /** How many times the contact has arrived at each node in this run (loops through a wait revisit). */
  visits: Record<string, number>;
  /** A/B split node id -> variant id. Sticky: once assigned, kept. */
  abAssignments: Record<string, string>;
  /** Present while the contact rests at a node. */
  wait: PendingWait | null;
  emails: SentEmail[];
  /** Goal node ids reached in this run (each goal jumps a contact at most once). */
  goalsReached: string[];
  exit: { at: number; nodeId: string; reason: string } | null;
}

/** A marketing email sent by this contact's runs in any journey: what the frequency cap counts. */
export interface RecentSend {
  at: number;
  messageKey: string;
}

export interface AdvanceInput {
  document: JourneyDocument;
  state: RunState;
  contact: ContactView;
  /** The moment of this decision. */
  now: number;
  /** A/B assignment comes from this seed, the journey, the contact and the node: same seed, same variants. */
  seed: number;
  /**
   * Marketing emails to this contact from every journey, for the frequency cap and engagement by time, reaching
   * back sendHistoryReach() (sendHistory.ts) from `now`, in time order.
   */
  recentSends: readonly RecentSend[];
  /** The address is on the suppression list (hard bounce, complaint, manual). */
  suppressed: boolean;
  /** RFM cuts and percentiles over all contacts, for rules that rank a contact against everybody. */
  population?: PopulationStats;
  /** The workspace's segments, for 'is in segment' rules and segment goals (dynamic ones are evaluated at `now`). */
  segments?: SegmentLookup;
  /** The zone for contacts without one when the node has no fallback of its own. Default UTC. */
  defaultTimezone?: string;
  /**
   * The caller hands `state` over and uses only the result's from now on, so the decision may change it in
   * place instead of working on a copy (the simulator's loop, millions of times in a forecast). By default
   * the input state is left untouched.
   */
  handOverState?: boolean;
  /**
   * The simulator's breakpoints: the decision stops as soon as the contact arrives at one of these nodes (or is
   * about to jump to one of these goals), before the node acts; the result's `pausedBefore` names it and the
   * caller calls again to go on. The live engine never passes it.
   */
  pauseBefore?: ReadonlySet<string>;
  /** The node the previous call stopped before: this call goes through it instead of stopping there again. */
  pauseTakenAt?: string;
}

export type StepOutcome =
  | 'entered'
  | 'passed'
  | 'waiting'
  | 'resumed'
  | 'branched'
  | 'sent'
  | 'deferred'
  | 'suppressed'
  | 'skipped'
  | 'updated'
  | 'goal'
  | 'exited';

/** One thing that happened, in words a marketer can read in the contact's timeline. */
export interface Step {
  at: number;
  nodeId: string;
  nodeKind: NodeKind;
  nodeName: string;
  outcome: StepOutcome;
  /** The outcome handle taken out of the node ('yes', a branch id, a variant id, 'timed-out'...). */
  branch?: string;
  reason: string;
  /** Present on 'sent' steps. */
  messageKey?: string;
}

export interface EmailToSend {
  messageKey: string;
  nodeId: string;
  templateId: string;
  /** The visit of the node within the run that produced it (part of the key). */
  visit: number;
}

export type ContactChange =
  | { op: 'set-attribute'; attribute: string; value: string | number | boolean }
  | { op: 'clear-attribute'; attribute: string }
  | { op: 'add-tag'; tag: string }
  | { op: 'remove-tag'; tag: string };

export interface AdvanceResult {
  state: RunState;
  steps: Step[];
  emails: EmailToSend[];
  contactChanges: ContactChange[];
  /** When to call advance() again if nothing happens first; null once the run has exited. */
  wakeAt: number | null;
  /**
   * Events that should wake the contact before wakeAt (a wait-for-event, exit criteria, goals). The runner
   * may simply wake a contact on any new event of theirs; this narrows it.
   */
  wakeOnEvents: EventMatch[];
  /**
   * Present only when the decision stopped before a node of `pauseBefore`: that node. The contact is about to
   * arrive there (the state's node, not yet acted) or to jump to that goal; wakeAt is now.
   */
  pausedBefore?: string;
}

/** What may admit a contact into a journey. */
export type EntrySignal =
  | { type: 'event'; event: { name: string; at: number; properties: Record<string, unknown> } }
  | { type: 'segment-entered'; segmentId: string; at: number }
  | { type: 'tag-added'; tag: string; at: number }
  | { type: 'contact-created'; at: number }
  /** The date-attribute trigger's day has come (the runner computes which contacts are due). */
  | { type: 'date-attribute'; attribute: string; at: number };

/** The contact's past runs of this journey, for the re-entry rules and the entry limit. */
export interface EntryHistory {
  entries: number;
  lastEnteredAt: number | null;
  /** Null while the latest run is still active. */
  lastExitedAt: number | null;
  activeRuns: number;
}

export type EntryDecision = { admit: true; reason: string } | { admit: false; reason: string };
