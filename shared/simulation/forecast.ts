import type { JourneyDocument } from '../journey/journey.ts';
import { nodeName } from '../journey/kinds.ts';
import type { CountName, ForecastResult, NodeCounts } from './output.ts';
import type { SimulateOutput } from './simulate.ts';

const DAY = 86_400_000;

/** What a count behind a node is: one of the named counts, or a branch (outcome handle) taken there. */
export type CountKey = CountName | `branch:${string}`;

/** A tally as plain data: counts by node and key with the contacts behind them, in first-counted order. */
export interface TallySnapshot {
  behind: Array<[nodeId: string, counts: Array<[key: CountKey, ids: Array<number | string>]>]>;
  perDay: number[];
  refused: Array<[reason: string, count: number]>;
  simulated: number;
  sent: number;
}

/** The contacts behind one count, each once. */
interface Counted {
  ids: Array<number | string>;
  /** The add() call that last counted someone here (a contact counts once per node and count). */
  lastContact: number;
}

/**
 * Adds up many contacts' simulations into per-node counts, keeping the contact ids behind every count so the
 * marketer can see who they are. A contact counts once per node and count, however often they did it there.
 */
export class ForecastTally {
  private readonly document: JourneyDocument;
  private readonly start: number;
  private readonly days: number;
  private readonly behind = new Map<string, Map<CountKey, Counted>>();
  /** Which add() call is running: a count already stamped with it has this contact. */
  private contact = 0;
  /** Emails per UTC calendar day, from the start's day to the end's. */
  private readonly perDay: number[];
  private readonly firstDay: number;
  readonly refused = new Map<string, number>();
  simulated = 0;
  private sentTotal = 0;

  constructor(document: JourneyDocument, start: number, days: number) {
    this.document = document;
    this.start = start;
    this.days = days;
    this.firstDay = Math.floor(start / DAY) * DAY;
    const end = start + days * DAY;
    this.perDay = new Array<number>(Math.ceil((end - this.firstDay) / DAY)).fill(0);
    for (const node of document.nodes) this.behind.set(node.id, new Map());
  }

  private countsAt(nodeId: string): Map<CountKey, Counted> {
    let counts = this.behind.get(nodeId);
    if (!counts) this.behind.set(nodeId, (counts = new Map()));
    return counts;
  }

  private mark(counts: Map<CountKey, Counted>, key: CountKey, id: number | string) {
    let counted = counts.get(key);
    if (!counted) counts.set(key, (counted = { ids: [], lastContact: 0 }));
    if (counted.lastContact === this.contact) return;
    counted.lastContact = this.contact;
    counted.ids.push(id);
  }

  add(contactId: number | string, out: SimulateOutput): void {
    this.simulated++;
    this.contact++;
    const cancelled = out.emails.some((e) => e.cancelled) ? new Set(out.emails.filter((e) => e.cancelled).map((e) => e.messageKey)) : undefined;
    for (const step of out.steps) {
      const counts = this.countsAt(step.nodeId);
      this.mark(counts, 'entered', contactId);
      switch (step.outcome) {
        case 'sent': {
          // Queued, but delivery will not send it (the same decision unsubscribed them): as good as suppressed.
          if (cancelled?.has(step.messageKey!)) {
            this.mark(counts, 'suppressed', contactId);
            break;
          }
          this.mark(counts, 'sent', contactId);
          const day = Math.floor((step.at - this.firstDay) / DAY);
          if (day >= 0 && day < this.perDay.length) this.perDay[day]++;
          this.sentTotal++;
          break;
        }
        case 'deferred':
        case 'suppressed':
        case 'skipped':
        case 'goal':
          this.mark(counts, step.outcome, contactId);
          break;
        default:
          break;
      }
      // Branches are the ways out of a decision: a condition, a split, an A/B test, a wait for an event.
      if (step.branch !== undefined && step.branch !== 'next' && (step.outcome === 'branched' || step.outcome === 'resumed')) {
        this.mark(counts, `branch:${step.branch}`, contactId);
      }
    }
    this.mark(this.countsAt(out.nodeId), out.status === 'exited' ? 'exited' : 'waiting', contactId);
  }

  /** Everything counted so far, as plain data (to send from a worker thread). */
  snapshot(): TallySnapshot {
    return {
      behind: [...this.behind].map(([nodeId, counts]) => [nodeId, [...counts].map(([key, { ids }]) => [key, ids])]),
      perDay: [...this.perDay],
      refused: [...this.refused],
      simulated: this.simulated,
      sent: this.sentTotal,
    };
  }

  /**
   * Adds the counts of another part of the same forecast, as if its contacts had been added here after the
   * ones already counted: parts absorbed in their contacts' order give exactly the single tally's numbers and lists.
   */
  absorb(part: TallySnapshot): void {
    for (const [nodeId, counts] of part.behind) {
      let mine = this.behind.get(nodeId);
      if (!mine) this.behind.set(nodeId, (mine = new Map()));
      for (const [key, ids] of counts) {
        const counted = mine.get(key);
        if (counted) for (const id of ids) counted.ids.push(id);
        else mine.set(key, { ids: [...ids], lastContact: 0 });
      }
    }
    part.perDay.forEach((sent, day) => (this.perDay[day] += sent));
    for (const [reason, count] of part.refused) this.refused.set(reason, (this.refused.get(reason) ?? 0) + count);
    this.simulated += part.simulated;
    this.sentTotal += part.sent;
  }

  refuse(reason: string): void {
    this.refused.set(reason, (this.refused.get(reason) ?? 0) + 1);
  }

  /** The contact ids behind one count at one node. */
  contactsBehind(nodeId: string, key: CountKey): Array<number | string> {
    return this.behind.get(nodeId)?.get(key)?.ids ?? [];
  }

  nodeCounts(): NodeCounts[] {
    return this.document.nodes.map((node) => {
      const counts = this.behind.get(node.id) ?? new Map<CountKey, Counted>();
      const size = (key: CountKey) => counts.get(key)?.ids.length ?? 0;
      const branches: Record<string, number> = {};
      for (const [key, { ids }] of counts) if (key.startsWith('branch:')) branches[key.slice('branch:'.length)] = ids.length;
      return {
        nodeId: node.id,
        nodeKind: node.kind,
        nodeName: nodeName(node),
        entered: size('entered'),
        waiting: size('waiting'),
        exited: size('exited'),
        sent: size('sent'),
        deferred: size('deferred'),
        suppressed: size('suppressed'),
        skipped: size('skipped'),
        goal: size('goal'),
        branches,
      };
    });
  }

  result(meta: { journeyId: string; version: 'draft' | number; seed: number; audience: number; elapsedMs: number }): ForecastResult {
    const nodes = this.nodeCounts();
    const sum = (pick: (n: NodeCounts) => number) => nodes.reduce((total, n) => total + pick(n), 0);
    return {
      ...meta,
      start: this.start,
      days: this.days,
      simulated: this.simulated,
      refused: Object.fromEntries(this.refused),
      nodes,
      emailsPerDay: this.perDay.map((sent, day) => ({ day, date: new Date(this.firstDay + day * DAY).toISOString().slice(0, 10), sent })),
      totals: { sent: this.sentTotal, exited: sum((n) => n.exited), active: sum((n) => n.waiting), goal: sum((n) => n.goal) },
    };
  }
}
