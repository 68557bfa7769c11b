import type { DraftNode, Edge, JourneyDocument } from '../journey/journey.ts';
import { configSchemas, type NodeConfig, type NodeKind } from '../journey/nodes.ts';
import { nodeName } from '../journey/kinds.ts';
import { outcomesOf } from '../journey/outcomes.ts';
import type { JourneySettings } from '../journey/settings.ts';
import { evaluateRule, inSegment, type EvaluationContext } from '../rules/evaluate.ts';
import { matchesEvent, type EventMatch } from '../rules/propertyFilter.ts';
import type { ContactView } from '../rules/contactView.ts';
import { durationMs, formatDuration } from '../util/duration.ts';
import { hashString, seededRandom } from '../util/random.ts';
import { applyContactChange } from './contactChange.ts';
import { emailEngagement } from './engagement.ts';
import { explainRule } from './explain.ts';
import { messageKey } from './messageKey.ts';
import { addDuration, contactZone, formatLocal, leaveSpan, quietSpan, waitUntil, windowAsQuietSpan } from './time.ts';
import type {
  AdvanceInput,
  AdvanceResult,
  ContactChange,
  EmailToSend,
  RecentSend,
  RunKey,
  RunState,
  Step,
  StepOutcome,
} from './types.ts';

/** More instant steps than this in one decision means a loop the validator should have refused. */
const MAX_STEPS = 500;
const HOUR = 3_600_000;

/** The state of a run that has just entered at the journey's trigger; advance() takes it from there. */
export function startRun(document: JourneyDocument, run: RunKey, at: number): RunState {
  const trigger = document.nodes.find((n) => n.kind === 'trigger');
  if (!trigger) throw new Error(`journey ${run.journeyId} v${run.version} has no trigger`);
  return {
    run,
    status: 'active',
    nodeId: trigger.id,
    enteredAt: at,
    nodeEnteredAt: at,
    visits: { [trigger.id]: 1 },
    abAssignments: {},
    wait: null,
    emails: [],
    goalsReached: [],
    exit: null,
  };
}

/** The variant an A/B split gives a contact: a pure function of seed, journey, contact and node (so sticky). */
export function abVariant(
  variants: ReadonlyArray<{ id: string; percent: number }>,
  seed: number,
  journeyId: string,
  contactId: number | string,
  nodeId: string,
): string {
  const roll = seededRandom(hashString(`${journeyId}\u0000${contactId}\u0000${nodeId}`, seed)).next() * 100;
  let sum = 0;
  for (const v of variants) {
    sum += v.percent;
    if (roll < sum) return v.id;
  }
  return variants[variants.length - 1].id;
}

/**
 * Moves one contact through one journey run as far as it can go at `now`: every instant node is processed
 * until the contact must wait (a wait, a wait-for-event, a deferred email) or leaves. Pure: the same input
 * gives the same output; the caller applies the effects (emails, contact changes) with the new state.
 */
export function advance(input: AdvanceInput): AdvanceResult {
  return new Decision(input).run();
}

class Decision {
  private readonly input: AdvanceInput;
  private readonly nodes: Map<string, DraftNode>;
  /** Edges by source node, then by the outcome handle they leave from. */
  private readonly edges: Map<string, Map<string, Edge>>;
  /** The goal nodes, in document order. */
  private readonly goals: DraftNode[];
  private readonly settings: JourneySettings;
  private state: RunState;
  private contact: ContactView;
  private readonly sends: RecentSend[];
  private readonly steps: Step[] = [];
  private readonly emails: EmailToSend[] = [];
  private readonly changes: ContactChange[] = [];
  /** When the current node was due to be processed: lateness is measured from here. */
  private dueAt: number;
  /** The caller's taken pause (AdvanceInput.pauseTakenAt), until the decision has gone through that node. */
  private pauseTakenAt: string | undefined;
  /** Set when the decision stops before a node of AdvanceInput.pauseBefore. */
  private pausedBefore: string | undefined;

  constructor(input: AdvanceInput) {
    this.input = input;
    ({ nodes: this.nodes, edges: this.edges, goals: this.goals } = graphOf(input.document));
    this.settings = input.document.settings;
    this.state = input.handOverState ? input.state : copyState(input.state);
    this.contact = input.contact;
    this.sends = [...input.recentSends];
    this.dueAt = input.state.wait?.until ?? input.state.nodeEnteredAt;
    this.pauseTakenAt = input.pauseTakenAt;
  }

  private get now() {
    return this.input.now;
  }

  private get zoneFallback() {
    return this.settings.quietHours?.fallbackTimezone ?? this.input.defaultTimezone ?? 'UTC';
  }

  run(): AdvanceResult {
    if (this.state.status === 'exited') return this.result(null);
    const jump = this.jumpToGoal();
    if (jump === 'exited') return this.result(null);
    if (jump === 'paused') return this.result(this.now);
    const criterion = this.exitCriterionMet();
    if (criterion) return this.exitHere(criterion);

    for (let i = 0; i < MAX_STEPS; i++) {
      const node = this.nodes.get(this.state.nodeId);
      if (!node) return this.exitHere(`the step ${this.state.nodeId} no longer exists in version ${this.state.run.version}`);
      // Without a wait the contact has just arrived here and the node has not acted yet.
      if (!this.state.wait && this.pausesBefore(node.id)) return this.result(this.now);
      const wakeAt = this.state.wait ? this.resume(node) : this.process(node);
      if (wakeAt === 'continue') continue;
      return this.result(wakeAt);
    }
    return this.exitHere(`stopped after ${MAX_STEPS} steps without a wait: the journey loops`);
  }

  // ---- goals and exit criteria, checked before anything else -----------------------------------------

  private jumpToGoal(): 'jumped' | 'exited' | 'paused' | 'none' {
    for (const node of this.goals) {
      if (this.state.goalsReached.includes(node.id)) continue;
      const { goal } = config(node, 'goal');
      const met =
        goal.type === 'event'
          ? this.firstEventSince(goal.event, this.state.enteredAt)
          : inSegment(goal.segmentId, this.contact, { now: this.now, population: this.input.population, segments: this.input.segments })
            ? this.now
            : undefined;
      if (met === undefined) continue;
      if (this.pausesBefore(node.id)) return 'paused';
      const why = goal.type === 'event' ? `${goal.event.name} at ${this.when(met)}` : `joined segment ${goal.segmentId}`;
      this.state.wait = null;
      this.dueAt = this.now;
      this.moveTo(node.id);
      this.record(node, 'goal', `met the goal "${nodeName(node)}": ${why}`);
      this.state.goalsReached.push(node.id);
      const criterion = this.exitCriterionMet();
      if (criterion) {
        this.exitHere(criterion);
        return 'exited';
      }
      return this.follow(node, 'next') === 'continue' ? 'jumped' : 'exited';
    }
    return 'none';
  }

  private exitCriterionMet(): string | undefined {
    for (const match of this.settings.exitCriteria) {
      const at = this.firstEventSince(match, this.state.enteredAt);
      if (at !== undefined) return `exit criterion met: ${match.name} at ${this.when(at)}`;
    }
    return undefined;
  }

  private firstEventSince(match: EventMatch, since: number): number | undefined {
    return this.contact.events.find((e) => e.at >= since && e.at <= this.now && matchesEvent(e, match))?.at;
  }

  /**
   * Whether the decision stops before the contact arrives at (or jumps to) this node, for the simulator's
   * breakpoints; a pause the caller has already taken is gone through once. Records the node it stops before.
   */
  private pausesBefore(nodeId: string): boolean {
    if (!this.input.pauseBefore?.has(nodeId)) return false;
    if (this.pauseTakenAt === nodeId) {
      this.pauseTakenAt = undefined;
      return false;
    }
    this.pausedBefore = nodeId;
    return true;
  }

  // ---- resting nodes ------------------------------------------------------------------------------------

  private resume(node: DraftNode): number | 'continue' | null {
    const wait = this.state.wait!;
    switch (wait.type) {
      case 'wait':
        if (this.now < wait.until) return wait.until;
        this.dueAt = wait.until;
        this.state.wait = null;
        this.record(node, 'resumed', `waited until ${this.when(wait.until)}`, 'next');
        return this.follow(node, 'next');
      case 'wait-for-event': {
        const happened = this.firstEventSince(wait.event, wait.since);
        if (happened !== undefined && happened <= wait.until) {
          this.dueAt = happened;
          this.state.wait = null;
          this.record(node, 'resumed', `${wait.event.name} at ${this.when(happened)}`, 'happened');
          return this.follow(node, 'happened');
        }
        if (this.now < wait.until) return wait.until;
        this.dueAt = wait.until;
        this.state.wait = null;
        this.record(node, 'resumed', `no ${wait.event.name} by ${this.when(wait.until)}: timed out`, 'timed-out');
        return this.follow(node, 'timed-out');
      }
      case 'deferred-email':
        if (this.now < wait.until) return wait.until;
        this.dueAt = wait.until;
        this.state.wait = null;
        return this.process(node);
    }
  }

  // ---- arriving at a node -------------------------------------------------------------------------------

  private process(node: DraftNode): number | 'continue' | null {
    switch (node.kind) {
      case 'trigger':
        this.record(node, 'entered', `entered the journey (${nodeName(node)})`);
        return this.follow(node, 'next');
      case 'wait': {
        const { wait } = config(node, 'wait');
        const { until, note } = waitUntil(wait, this.state.nodeEnteredAt, this.contact, this.zoneFallback);
        if (until <= this.now) {
          this.dueAt = Math.max(until, this.state.nodeEnteredAt);
          this.record(node, 'passed', `${note}: already over at ${this.when(until)}`, 'next');
          return this.follow(node, 'next');
        }
        this.state.wait = { type: 'wait', until };
        this.record(node, 'waiting', `${note}: until ${this.when(until)}`);
        return until;
      }
      case 'wait-for-event': {
        const { event, timeout } = config(node, 'wait-for-event');
        const since = this.state.nodeEnteredAt;
        const until = addDuration(since, timeout, contactZone(this.contact, this.zoneFallback));
        this.state.wait = { type: 'wait-for-event', since, until, event };
        this.record(node, 'waiting', `waiting for ${event.name}, at most ${formatDuration(timeout)} (until ${this.when(until)})`);
        return this.resume(node);
      }
      case 'condition': {
        const { rule } = config(node, 'condition');
        const context = this.ruleContext();
        const yes = evaluateRule(rule, this.contact, context);
        const branch = yes ? 'yes' : 'no';
        this.record(node, 'branched', `condition "${nodeName(node)}" was ${yes}: ${explainRule(rule, this.contact, context, this.zone())}`, branch);
        return this.follow(node, branch);
      }
      case 'split': {
        const { branches } = config(node, 'split');
        const context = this.ruleContext();
        const hit = branches.find((b) => evaluateRule(b.rule, this.contact, context));
        const reason = hit
          ? `matched "${hit.label}": ${explainRule(hit.rule, this.contact, context, this.zone())}`
          : `matched no branch (${branches.map((b) => `"${b.label}"`).join(', ')}): everyone else`;
        this.record(node, 'branched', reason, hit?.id ?? 'else');
        return this.follow(node, hit?.id ?? 'else');
      }
      case 'ab-split': {
        const { variants } = config(node, 'ab-split');
        const known = this.state.abAssignments[node.id];
        const sticky = known !== undefined && variants.some((v) => v.id === known);
        const variant = sticky ? known : abVariant(variants, this.input.seed, this.state.run.journeyId, this.state.run.contactId, node.id);
        this.state.abAssignments[node.id] = variant;
        const name = variants.find((v) => v.id === variant)!.name;
        this.record(node, 'branched', sticky ? `variant "${name}" (assigned earlier)` : `assigned variant "${name}"`, variant);
        return this.follow(node, variant);
      }
      case 'email':
        return this.email(node);
      case 'update-contact': {
        const { actions } = config(node, 'update-contact');
        for (const action of actions) this.apply(action);
        this.record(node, 'updated', actions.map(describeChange).join(', '), 'next');
        return this.follow(node, 'next');
      }
      case 'goal':
        if (!this.state.goalsReached.includes(node.id)) this.state.goalsReached.push(node.id);
        this.record(node, 'goal', `reached the goal "${nodeName(node)}"`);
        return this.follow(node, 'next');
      case 'exit':
        this.exitHere(`reached the exit "${nodeName(node)}"`);
        return null;
    }
  }

  private email(node: DraftNode): number | 'continue' | null {
    const { templateId, sendWindow } = config(node, 'email');
    const consent = this.contact.attributes.consent;
    if (this.input.suppressed || consent === 'unsubscribed') {
      const why = this.input.suppressed ? `${this.contact.email} is on the suppression list` : 'the contact has unsubscribed';
      this.record(node, 'suppressed', `not sent: ${why}`, 'next');
      return this.follow(node, 'next');
    }
    const late = this.now - this.dueAt;
    const { maxLateHours, whenLate } = this.settings.lateSend;
    if (maxLateHours !== null && late > maxLateHours * HOUR) {
      const hours = Math.round((late / HOUR) * 10) / 10;
      if (whenLate === 'skip') {
        this.record(node, 'skipped', `not sent: ${hours} hours late (the journey skips emails more than ${maxLateHours} hours late)`, 'next');
        return this.follow(node, 'next');
      }
    }

    const blocked = this.blockedUntil(sendWindow);
    if (blocked) {
      if (blocked.capped && this.settings.frequencyCap?.whenCapped === 'skip') {
        this.record(node, 'skipped', `not sent: ${blocked.reason}`, 'next');
        return this.follow(node, 'next');
      }
      this.state.wait = { type: 'deferred-email', until: blocked.until, reason: blocked.reason };
      this.record(node, 'deferred', `${blocked.reason}: deferred to ${this.when(blocked.until)}`);
      return blocked.until;
    }

    const visit = this.state.visits[node.id] ?? 1;
    const key = messageKey(this.state.run, node.id, visit);
    this.emails.push({ messageKey: key, nodeId: node.id, templateId, visit });
    this.state.emails.push({ nodeId: node.id, messageKey: key, sentAt: this.now });
    this.sends.push({ at: this.now, messageKey: key });
    const lateNote = late > HOUR ? ` (${Math.round((late / HOUR) * 10) / 10} hours late)` : '';
    this.record(node, 'sent', `sent template ${templateId}${lateNote}`, 'next', key);
    // The next wait counts from when the email actually went out.
    this.dueAt = this.now;
    return this.follow(node, 'next');
  }

  /** The earliest time at or after now that the send window, quiet hours and frequency cap all allow. */
  private blockedUntil(sendWindow: NodeConfig<'email'>['sendWindow']): { until: number; reason: string; capped: boolean } | null {
    const quiet = this.settings.quietHours;
    const cap = this.settings.frequencyCap;
    const zone = this.zone();
    const reasons: string[] = [];
    let capped = false;
    let at = this.now;
    for (let round = 0; round < 50; round++) {
      let next = at;
      if (sendWindow) {
        const [start, end] = windowAsQuietSpan(sendWindow.startHour, sendWindow.endHour);
        const moved = leaveSpan(next, start, end, zone);
        if (moved !== next && round === 0) reasons.push(`outside the send window ${sendWindow.startHour}:00-${sendWindow.endHour}:00 in ${zone}`);
        next = moved;
      }
      if (quiet) {
        const [start, end] = quietSpan(quiet.start, quiet.end);
        const quietZone = contactZone(this.contact, quiet.fallbackTimezone);
        const moved = leaveSpan(next, start, end, quietZone);
        if (moved !== next && round === 0) reasons.push(`quiet hours ${quiet.start}-${quiet.end} in ${quietZone}`);
        next = moved;
      }
      if (cap) {
        const moved = this.capFreeAt(next, cap.limits);
        if (moved.at !== next) {
          if (round === 0) reasons.push(`frequency cap: ${moved.limit}`);
          capped ||= round === 0;
        }
        next = moved.at;
      }
      if (next === at) break;
      at = next;
    }
    if (at === this.now) return null;
    return { until: at, reason: reasons.join(' and ') || 'not allowed yet', capped };
  }

  private capFreeAt(at: number, limits: NonNullable<JourneySettings['frequencyCap']>['limits']): { at: number; limit: string } {
    let free = at;
    let limit = '';
    for (const { count, period } of limits) {
      const span = durationMs(period);
      const inWindow = this.sends.filter((s) => s.at > at - span && s.at <= at).map((s) => s.at).sort((a, b) => a - b);
      if (inWindow.length < count) continue;
      // The window frees when enough of its oldest sends have aged out.
      const opensAt = inWindow[inWindow.length - count] + span;
      if (opensAt > free) {
        free = opensAt;
        limit = `${inWindow.length} email(s) in the last ${formatDuration(period)}, at most ${count}`;
      }
    }
    return { at: free, limit };
  }

  // ---- moving, recording, leaving -----------------------------------------------------------------------

  private follow(node: DraftNode, handle: string): 'continue' | null {
    const edge = this.edges.get(node.id)?.get(handle);
    if (edge && this.nodes.has(edge.target)) {
      this.moveTo(edge.target);
      return 'continue';
    }
    const outcome = outcomesOf(node).find((o) => o.id === handle);
    this.exitHere(
      outcome && !outcome.required
        ? `finished after "${nodeName(node)}"`
        : `the "${outcome?.label || handle}" way out of "${nodeName(node)}" leads nowhere`,
    );
    return null;
  }

  private moveTo(nodeId: string) {
    this.state.nodeId = nodeId;
    this.state.nodeEnteredAt = this.dueAt;
    this.state.visits[nodeId] = (this.state.visits[nodeId] ?? 0) + 1;
  }

  private exitHere(reason: string): AdvanceResult {
    const node = this.nodes.get(this.state.nodeId);
    this.state.status = 'exited';
    this.state.wait = null;
    this.state.exit = { at: this.now, nodeId: this.state.nodeId, reason };
    this.steps.push({
      at: this.now,
      nodeId: this.state.nodeId,
      nodeKind: node?.kind ?? 'exit',
      nodeName: node ? nodeName(node) : this.state.nodeId,
      outcome: 'exited',
      reason,
    });
    return this.result(null);
  }

  private record(node: DraftNode, outcome: StepOutcome, reason: string, branch?: string, key?: string) {
    const step: Step = { at: this.now, nodeId: node.id, nodeKind: node.kind, nodeName: nodeName(node), outcome, reason };
    if (branch !== undefined) step.branch = branch;
    if (key !== undefined) step.messageKey = key;
    this.steps.push(step);
  }

  private apply(action: ContactChange) {
    this.changes.push(action);
    // Later steps in the same decision see the change.
    this.contact = applyContactChange(this.contact, action);
  }

  private ruleContext(): EvaluationContext {
    return {
      now: this.now,
      population: this.input.population,
      segments: this.input.segments,
      journey: {
        enteredAt: this.state.enteredAt,
        emailEngagement: emailEngagement(this.state.emails, this.contact.events, this.sends, this.now),
      },
    };
  }

  /** The contact's zone, worked out again only when an update-contact step has changed the contact. */
  private zone() {
    if (this.zoneOf !== this.contact) {
      this.zoneOf = this.contact;
      this.cachedZone = contactZone(this.contact, this.zoneFallback);
    }
    return this.cachedZone;
  }
  private zoneOf: ContactView | null = null;
  private cachedZone = 'UTC';

  private when(at: number) {
    return formatLocal(at, this.zone());
  }

  private result(wakeAt: number | null): AdvanceResult {
    const wakeOnEvents: EventMatch[] = [];
    if (this.state.status === 'active') {
      wakeOnEvents.push(...this.settings.exitCriteria);
      for (const node of this.goals) {
        if (this.state.goalsReached.includes(node.id)) continue;
        const { goal } = config(node, 'goal');
        if (goal.type === 'event') wakeOnEvents.push(goal.event);
      }
      if (this.state.wait?.type === 'wait-for-event') wakeOnEvents.push(this.state.wait.event);
    }
    const result: AdvanceResult = {
      state: this.state,
      steps: this.steps,
      emails: this.emails,
      contactChanges: this.changes,
      wakeAt: this.state.status === 'exited' ? null : wakeAt,
      wakeOnEvents,
    };
    // Only a paused result carries the key, so callers that never pause get exactly what they always did.
    if (this.pausedBefore !== undefined) result.pausedBefore = this.pausedBefore;
    return result;
  }
}

interface Graph {
  nodes: Map<string, DraftNode>;
  edges: Map<string, Map<string, Edge>>;
  goals: DraftNode[];
}

/**
 * A document's nodes by id and edges by source and handle, built once per document object (the forecast
 * calls advance() millions of times with one document; documents are not changed in place once loaded).
 */
function graphOf(document: JourneyDocument): Graph {
  let graph = graphs.get(document);
  if (!graph) {
    const edges = new Map<string, Map<string, Edge>>();
    for (const edge of document.edges) {
      let out = edges.get(edge.source);
      if (!out) edges.set(edge.source, (out = new Map()));
      out.set(edge.sourceHandle, edge); // the last edge from a handle wins, as it always did
    }
    graph = { nodes: new Map(document.nodes.map((n) => [n.id, n])), edges, goals: document.nodes.filter((n) => n.kind === 'goal') };
    graphs.set(document, graph);
  }
  return graph;
}
const graphs = new WeakMap<JourneyDocument, Graph>();

/**
 * A copy of the state that the decision may change without touching the caller's: every part the decision
 * changes in place (visits, assignments, the lists) is copied; the parts it only ever replaces are shared.
 */
function copyState(state: RunState): RunState {
  return {
    ...state,
    visits: { ...state.visits },
    abAssignments: { ...state.abAssignments },
    emails: [...state.emails],
    goalsReached: [...state.goalsReached],
  };
}

/** A node's config, parsed (with defaults) by its kind's schema. Published versions have passed validation. */
function config<K extends NodeKind>(node: DraftNode, kind: K): NodeConfig<K> {
  const cached = parsedConfigs.get(node);
  if (cached) return cached as NodeConfig<K>;
  const parsed = configSchemas[kind].parse(node.config) as NodeConfig<K>;
  parsedConfigs.set(node, parsed);
  return parsed;
}
const parsedConfigs = new WeakMap<DraftNode, unknown>();

function describeChange(change: ContactChange): string {
  switch (change.op) {
    case 'set-attribute':
      return `set ${change.attribute} to ${JSON.stringify(change.value)}`;
    case 'clear-attribute':
      return `cleared ${change.attribute}`;
    case 'add-tag':
      return `added the tag "${change.tag}"`;
    case 'remove-tag':
      return `removed the tag "${change.tag}"`;
  }
}
