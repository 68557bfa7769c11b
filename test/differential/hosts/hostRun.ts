import type { Step } from '../../../shared/engine/types.ts';
import { messageIdOf } from '../../../shared/engine/messageKey.ts';

/** What one host did with the case's contact, in one shape for the three hosts. */
export type HostName = 'simulator' | 'forecast' | 'live';
export const hostNames: readonly HostName[] = ['simulator', 'forecast', 'live'];

export interface HostStep {
  at: number;
  nodeId: string;
  nodeKind: string;
  outcome: string;
  branch: string | null;
  reason: string;
  /** The Message-ID of a sent step's email. */
  messageId: string | null;
}

/** An email as the host shows it (the forecast renders nothing: it only has the Message-ID). */
export interface HostEmail {
  /** When the host sent it (live: the clock when the sender was given it). */
  at: number;
  messageId: string;
  to?: string;
  subject?: string;
  html?: string | null;
  text?: string | null;
  /** Why the simulator could not render it. */
  note?: string | null;
}

export interface HostRun {
  host: HostName;
  /** Why the contact did not enter the journey; absent when they did. */
  notAdmitted?: string;
  steps: HostStep[];
  emails: HostEmail[];
  /** The host threw, or reported an error. */
  error?: string;
  /** Why this host's run cannot be compared (live: a second entry ran beside the first). */
  incomparable?: string;
}

/** A step as each host gives it: the interpreter's Step, the simulator's timeline entry, a journey_steps row. */
type StepLike = Pick<Step, 'at' | 'nodeId' | 'reason'> & { nodeKind: string; outcome: string; branch?: string | null; messageKey?: string | null };

export function hostStep(step: StepLike): HostStep {
  return {
    at: step.at,
    nodeId: step.nodeId,
    nodeKind: step.nodeKind,
    outcome: step.outcome,
    branch: step.branch ?? null,
    reason: step.reason,
    messageId: step.messageKey ? messageIdOf(step.messageKey) : null,
  };
}

export const failed = (host: HostName, error: unknown): HostRun => ({
  host,
  steps: [],
  emails: [],
  error: error instanceof Error ? error.message : String(error),
});
