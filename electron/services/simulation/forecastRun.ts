import type { Db } from '../../store/database.ts';
import type { EntryHistory } from '../../../shared/engine/types.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import { triggerOf } from '../../../shared/journey/triggerOf.ts';
import { ForecastTally } from '../../../shared/simulation/forecast.ts';
import { simulateContact, type SimulateOutput } from '../../../shared/simulation/simulate.ts';
import { DecisionInputs, type JourneyInputs } from '../decisions/decisionInputs.ts';
import type { DecisionContact } from '../decisions/decisionContacts.ts';
import { RunStore } from '../engine/runStore.ts';
import { candidates, noHistory, sampleOf, type Candidate } from './audience.ts';
import { enterContact } from './entry.ts';
import type { ResolvedJourney } from './journeySource.ts';

const DAY = 86_400_000;

export interface ForecastPlan {
  journey: ResolvedJourney;
  trigger: Trigger;
  start: number;
  days: number;
  seed: number;
  /** Everyone the trigger would admit, before sampling. */
  audience: number;
  /** Who is run through the journey: the sample, or everyone. */
  candidates: Candidate[];
  histories: Map<number, EntryHistory>;
  /** What every decision reads besides the contact: segments, population statistics, send reach, events read. */
  inputs: JourneyInputs;
}

export interface PlanOptions {
  start: number;
  days: number;
  seed: number;
  sample?: number;
  /** A fixed audience instead of the trigger's (the comparison reuses the first plan's). */
  candidates?: Candidate[];
  audience?: number;
}

/** Works out who goes through the journey and what the store knows around them. */
export function planForecast(db: Db, decisions: DecisionInputs, journey: ResolvedJourney, options: PlanOptions): ForecastPlan {
  const { document } = journey;
  const trigger = triggerOf(document);
  const everyone = options.candidates ?? candidates(db, decisions.evaluator, trigger, options.start, options.days, document.settings.quietHours?.fallbackTimezone);
  return {
    journey,
    trigger,
    start: options.start,
    days: options.days,
    seed: options.seed,
    audience: options.audience ?? everyone.length,
    candidates: options.candidates ?? sampleOf(everyone, options.sample, options.seed).sort((a, b) => a.id - b.id),
    histories: new RunStore(db).histories(journey.journeyId),
    inputs: decisions.forJourney(document, options.start),
  };
}

/** What to forecast: a journey, and optionally another version of it over the same contacts to compare. */
export interface ForecastTask {
  journey: ResolvedJourney;
  options: PlanOptions;
  compareWith?: ResolvedJourney;
}

/** What a result says about the run besides its counts. */
export interface RunMeta {
  journeyId: string;
  version: 'draft' | number;
  seed: number;
  audience: number;
}

/**
 * The runs of a task (the journey's, then the comparison's over the same contacts), each over part `part` of
 * `parts` of the contacts: consecutive slices in id order, so parts counted in order give the whole forecast's lists.
 */
export function forecastRuns(db: Db, task: ForecastTask, part = 0, parts = 1): ForecastRun[] {
  const decisions = new DecisionInputs(db);
  const plan = planForecast(db, decisions, task.journey, task.options);
  const plans = [plan];
  if (task.compareWith) plans.push(planForecast(db, decisions, task.compareWith, { ...task.options, candidates: plan.candidates, audience: plan.audience }));
  return plans.map((p) => {
    const from = Math.floor((p.candidates.length * part) / parts);
    const to = Math.floor((p.candidates.length * (part + 1)) / parts);
    return new ForecastRun(decisions, { ...p, candidates: p.candidates.slice(from, to) });
  });
}

/**
 * A forecast worked through in batches, so that a caller can report progress between them and stop early.
 * Each contact is one simulateContact() call: the engine's advance() on a virtual clock, nothing written.
 */
export class ForecastRun {
  readonly plan: ForecastPlan;
  readonly tally: ForecastTally;
  private readonly decisions: DecisionInputs;
  private readonly end: number;
  done = 0;

  constructor(decisions: DecisionInputs, plan: ForecastPlan) {
    this.decisions = decisions;
    this.plan = plan;
    this.end = plan.start + plan.days * DAY;
    this.tally = new ForecastTally(plan.journey.document, plan.start, plan.days);
  }

  get total(): number {
    return this.plan.candidates.length;
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  get meta(): RunMeta {
    return { journeyId: this.plan.journey.journeyId, version: this.plan.journey.version, seed: this.plan.seed, audience: this.plan.audience };
  }

  /** Runs the next `size` contacts. */
  step(size: number): void {
    const batch = this.plan.candidates.slice(this.done, this.done + size);
    const byId = new Map(batch.map((c) => [c.id, c]));
    for (const contact of this.decisions.contacts(this.plan.inputs.reads).read(batch.map((c) => c.id))) {
      const id = Number(contact.view.id);
      const out = this.runContact(contact, byId.get(id)!);
      if ('refused' in out) this.tally.refuse(out.refused);
      else this.tally.add(id, out);
    }
    this.done += batch.length;
  }

  /**
   * One contact of the audience through the journey from the candidate's entry (on the event that put them in the
   * audience): admitted (or not) by the engine's entry rules, then simulated. What step() tallies, and what a
   * differential test compares with the other hosts.
   */
  runContact(contact: DecisionContact, candidate: Candidate): SimulateOutput | { refused: string } {
    const { journey, trigger, histories, seed, inputs } = this.plan;
    const enterAt = candidate.enterAt;
    const history = histories.get(Number(contact.view.id)) ?? noHistory;
    const entry = enterContact(contact.view, { trigger, settings: journey.document.settings }, history, enterAt, candidate.event && { stored: candidate.event });
    if (!entry.decision.admit) return { refused: entry.decision.reason };
    return simulateContact({
      document: journey.document,
      journeyId: journey.journeyId,
      version: journey.runVersion,
      contact: entry.view,
      suppressed: contact.suppressed,
      recentSends: contact.recentSends,
      start: enterAt,
      end: this.end,
      seed,
      changes: entry.laterEvents,
      population: inputs.population,
      segments: inputs.segments,
      entry: history.entries + 1,
    });
  }
}
