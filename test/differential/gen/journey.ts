import { JourneyDocument, type DraftNode, type Edge } from '../../../shared/journey/journey.ts';
import type { NodeConfig, NodeKind } from '../../../shared/journey/nodes.ts';
import { outcomesOf } from '../../../shared/journey/outcomes.ts';
import type { JourneySettings } from '../../../shared/journey/settings.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import { weekdays, type Wait } from '../../../shared/journey/waits.ts';
import type { ContactChange } from '../../../shared/engine/types.ts';
import type { Duration } from '../../../shared/util/duration.ts';
import { DateTime } from 'luxon';
import { MINUTE } from '../case.ts';
import { countries, firstNames, isoDay, locales, plans, sources, tagPool, zones } from './contact.ts';
import { behaviourNames, eventMatch } from './events.ts';
import type { Dice } from './random.ts';
import { journeyRule } from './rules.ts';

/**
 * A random valid journey: a trigger of any type, then a graph of every node kind (waits of every variant,
 * waits for an event, conditions, splits, A/B splits, emails, contact updates, goals inline and reached by
 * jumping, exits), sometimes with a loop back through a wait of a day or more, and random settings (quiet
 * hours, frequency caps of up to 90 days, re-entry, an entry limit, exit criteria, late sending).
 */

export interface JourneyContext {
  seed: number;
  start: number;
  days: number;
  segmentIds: readonly string[];
  templateIds: readonly string[];
}

const hhmm = (dice: Dice) => `${String(dice.int(0, 23)).padStart(2, '0')}:${dice.pick(['00', '15', '30', '45'])}`;

function duration(dice: Dice, units: Partial<Record<Duration['unit'], number>>): Duration {
  const unit = dice.weighted(units as Record<Duration['unit'], number>);
  switch (unit) {
    case 'minutes':
      return { amount: dice.int(1, 48) * 5, unit };
    case 'hours':
      return { amount: dice.chance(0.15) ? dice.int(1, 9) / 2 : dice.int(1, 72), unit };
    case 'days':
      return { amount: dice.chance(0.1) ? 1.5 : dice.int(1, 10), unit };
    case 'weeks':
      return { amount: dice.int(1, 3), unit };
  }
}

export function generateTrigger(dice: Dice, context: JourneyContext): Trigger {
  switch (dice.weighted({ event: 35, segment: 15, tag: 18, created: 12, date: 20 })) {
    case 'event':
      return { type: 'event', event: eventMatch(dice, dice.pick(behaviourNames), 0.45) };
    case 'segment':
      return { type: 'segment-entered', segmentId: dice.pick(context.segmentIds) };
    case 'tag':
      return { type: 'tag-added', tag: dice.pick(tagPool) };
    case 'created':
      return { type: 'contact-created' };
    case 'date':
      return { type: 'date-attribute', attribute: dice.pick(['renewal_date', 'birthday']), offsetDays: dice.int(-3, 3), yearly: dice.chance(0.5) };
  }
}

export function generateSettings(dice: Dice): JourneySettings {
  return {
    exitCriteria: dice.chance(0.3) ? Array.from({ length: dice.int(1, 2) }, () => eventMatch(dice)) : [],
    quietHours: dice.maybe(0.35, () => {
      const start = hhmm(dice);
      let end = hhmm(dice);
      if (end === start) end = start === '08:00' ? '09:00' : '08:00';
      return { start, end, fallbackTimezone: dice.pick(zones) };
    }),
    frequencyCap: dice.maybe(0.35, () => ({
      limits: Array.from({ length: dice.int(1, 2) }, () => ({
        count: dice.int(1, 3),
        period: dice.pick<Duration>([{ amount: dice.int(1, 48), unit: 'hours' }, { amount: dice.int(1, 90), unit: 'days' }, { amount: dice.int(1, 12), unit: 'weeks' }]),
      })),
      whenCapped: dice.pick(['defer', 'skip'] as const),
    })),
    entryLimit: dice.chance(0.2) ? dice.int(1, 3) : null,
    reentry: { mode: dice.pick(['never', 'after-exit', 'always'] as const), minGap: dice.maybe(0.3, () => duration(dice, { hours: 1, days: 1 })) },
    lateSend: { maxLateHours: dice.chance(0.2) ? null : dice.pick([1, 6, 24, 48]), whenLate: dice.pick(['send', 'skip'] as const) },
  };
}

function waitConfig(dice: Dice, context: JourneyContext): Wait {
  switch (dice.weighted({ duration: 10, until: 2, timeOfDay: 3, relative: 2, usual: 2 })) {
    case 'duration':
      return { type: 'duration', duration: duration(dice, { minutes: 2, hours: 4, days: 4, weeks: 1 }) };
    case 'until': {
      const at = context.start + dice.int(-2 * 24 * 60, context.days * 24 * 60) * MINUTE;
      const iso = dice.chance(0.5) ? new Date(at).toISOString() : DateTime.fromMillis(at, { zone: dice.pick(['Europe/Paris', 'America/New_York', 'Asia/Kolkata']) }).toISO()!;
      return { type: 'until-datetime', at: iso };
    }
    case 'timeOfDay':
      return { type: 'time-of-day', time: hhmm(dice), weekdays: dice.some(weekdays, 1, 7), fallbackTimezone: dice.pick(zones) };
    case 'relative':
      return {
        type: 'relative-to-attribute',
        attribute: dice.pick(['renewal_date', 'birthday', 'plan']),
        direction: dice.pick(['before', 'after'] as const),
        offset: duration(dice, { hours: 1, days: 2 }),
      };
    case 'usual':
      return { type: 'usual-hour', fallbackHour: dice.int(0, 23), fallbackTimezone: dice.pick(zones) };
  }
}

function contactChange(dice: Dice, start: number): ContactChange {
  const attributeValue = (attribute: string): string | number | boolean => {
    switch (attribute) {
      case 'plan':
        return dice.pick(plans);
      case 'lifetime_value':
        return dice.int(0, 2000);
      case 'vip_flag':
        return dice.chance(0.5);
      case 'signup_source':
        return dice.pick(sources);
      case 'renewal_date':
        return isoDay(start, dice.int(-10, 40));
      case 'first_name':
        return dice.pick(firstNames);
      case 'country':
        return dice.pick(countries);
      case 'locale':
        return dice.pick(locales);
      case 'timezone':
        return dice.pick(zones);
      default:
        return dice.pick(['subscribed', 'unsubscribed', 'never-asked']);
    }
  };
  const attributes = ['plan', 'lifetime_value', 'vip_flag', 'signup_source', 'renewal_date', 'first_name', 'country', 'locale', 'timezone', 'consent'];
  switch (dice.weighted({ set: 4, clear: 1, add: 3, remove: 2 })) {
    case 'set': {
      const attribute = dice.pick(attributes);
      return { op: 'set-attribute', attribute, value: attributeValue(attribute) };
    }
    case 'clear':
      // Consent is never empty (its column is NOT NULL): it is set, never cleared.
      return { op: 'clear-attribute', attribute: dice.pick(attributes.filter((a) => a !== 'consent')) };
    case 'add':
      return { op: 'add-tag', tag: dice.pick(tagPool) };
    case 'remove':
      return { op: 'remove-tag', tag: dice.pick(tagPool) };
  }
}

/** Builds the graph depth first; see `subgraph` for why it cannot make a loop without a wait. */
class GraphBuilder {
  readonly nodes: DraftNode[] = [];
  readonly edges: Edge[] = [];
  private readonly dice: Dice;
  private readonly context: JourneyContext;
  private budget: number;
  /** Nodes whose whole subgraph is built: an edge to one of them cannot close a loop. */
  private readonly finished: string[] = [];
  /** Waits of a day or more on the way here: an edge back to one makes a loop that rests a day each time. */
  private readonly loopable: string[] = [];
  private readonly emailSteps: string[] = [];
  private count = 0;

  constructor(dice: Dice, context: JourneyContext, budget: number) {
    this.dice = dice;
    this.context = context;
    this.budget = budget;
  }

  add(kind: NodeKind, config: Record<string, unknown>): DraftNode {
    const id = kind === 'trigger' ? 'n_trigger' : `n${++this.count}_${kind}`;
    const node: DraftNode = { id, kind, name: this.dice.chance(0.3) ? `${kind} ${this.count}` : '', config };
    this.nodes.push(node);
    return node;
  }

  connect(source: string, handle: string, target: string) {
    this.edges.push({ id: `e${this.edges.length + 1}`, source, sourceHandle: handle, target });
  }

  /**
   * A new node and everything after it; returns its id. Edges go to new nodes, to finished ones (which finish
   * before the node that points at them, so these edges alone cannot loop), or back to a loopable wait: every
   * loop therefore runs through a wait of at least a day, which the validator accepts and which bounds the steps.
   */
  subgraph(depth: number): string {
    const dice = this.dice;
    if (this.budget <= 0 || depth > 8) return this.ending();
    if (this.finished.length > 0 && dice.chance(0.12)) return dice.pick(this.finished);
    this.budget--;
    const kind = dice.weighted({ wait: 20, 'wait-for-event': 8, condition: 12, split: 6, 'ab-split': 6, email: 26, 'update-contact': 9, goal: 3, exit: 3 });
    const node = this.add(kind, this.config(kind));
    const loops = kind === 'wait' && isLoopable((node.config as NodeConfig<'wait'>).wait);
    if (loops) this.loopable.push(node.id);
    if (kind === 'email') this.emailSteps.push(node.id);
    for (const outcome of outcomesOf(node)) {
      if (!outcome.required && dice.chance(0.4)) continue;
      const back = this.loopable.length > 0 && dice.chance(0.05);
      this.connect(node.id, outcome.id, back ? dice.pick(this.loopable) : this.subgraph(depth + 1));
    }
    if (loops) this.loopable.pop();
    this.finished.push(node.id);
    return node.id;
  }

  /** Where a path ends: an exit (the goal's way out may also simply be left unconnected). */
  private ending(): string {
    const exits = this.nodes.filter((n) => n.kind === 'exit');
    if (exits.length > 0 && this.dice.chance(0.5)) return this.dice.pick(exits).id;
    const exit = this.add('exit', {});
    this.finished.push(exit.id);
    return exit.id;
  }

  /**
   * A goal no edge leads to: contacts who meet it jump there. Its way out, when connected, goes to a step the
   * trigger reaches too (the validator wants every step but goals reachable from the trigger).
   */
  jumpGoal() {
    const node = this.add('goal', this.config('goal'));
    const onward = this.finished.filter((id) => id !== node.id);
    if (onward.length > 0 && this.dice.chance(0.6)) this.connect(node.id, 'next', this.dice.pick(onward));
  }

  config(kind: NodeKind): Record<string, unknown> {
    const dice = this.dice;
    const rules = () => journeyRule(dice, { segmentIds: this.context.segmentIds, emailSteps: this.emailSteps, start: this.context.start });
    switch (kind) {
      case 'wait':
        return { wait: waitConfig(dice, this.context) };
      case 'wait-for-event': {
        const name = dice.chance(0.25) ? dice.pick(['email_opened', 'email_clicked'] as const) : dice.pick(behaviourNames);
        return { event: eventMatch(dice, name), timeout: duration(dice, { hours: 2, days: 2 }) };
      }
      case 'condition':
        return { rule: rules() };
      case 'split':
        return { branches: Array.from({ length: dice.int(1, 3) }, (_, i) => ({ id: `b${i + 1}`, label: `Branch ${i + 1}`, rule: rules() })) };
      case 'ab-split': {
        const percents = dice.pick([[50, 50], [30, 70], [10, 90], [0, 100], [20, 30, 50], [25, 25, 50]]);
        return { variants: percents.map((percent, i) => ({ id: `v${i + 1}`, name: 'ABC'[i], percent })) };
      }
      case 'email':
        return { templateId: dice.pick(this.context.templateIds), sendWindow: dice.maybe(0.35, () => sendWindow(dice)) };
      case 'update-contact':
        return { actions: Array.from({ length: dice.int(1, 3) }, () => contactChange(dice, this.context.start)) };
      case 'goal':
        return {
          goal:
            this.context.segmentIds.length > 0 && dice.chance(0.3)
              ? { type: 'segment', segmentId: dice.pick(this.context.segmentIds) }
              : { type: 'event', event: eventMatch(dice) },
        };
      case 'exit':
      case 'trigger':
        return {};
    }
  }
}

function sendWindow(dice: Dice) {
  const startHour = dice.int(0, 23);
  let endHour = dice.int(1, 24);
  if (endHour === startHour) endHour = (startHour + 8) % 24 || 24;
  return { startHour, endHour };
}

const isLoopable = (wait: Wait) => wait.type === 'duration' && (wait.duration.unit === 'days' || wait.duration.unit === 'weeks') && wait.duration.amount >= 1;

export function generateJourney(dice: Dice, context: JourneyContext, trigger: Trigger): JourneyDocument {
  const builder = new GraphBuilder(dice, context, dice.int(2, 12));
  const start = builder.add('trigger', { trigger });
  builder.connect(start.id, 'next', builder.subgraph(1));
  if (dice.chance(0.35)) builder.jumpGoal();
  return JourneyDocument.parse({ nodes: builder.nodes, edges: builder.edges, settings: generateSettings(dice) });
}
