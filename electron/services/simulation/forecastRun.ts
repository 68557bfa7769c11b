import type { Db } from '../../store/database.ts';
import { decideEntry } from '../../../shared/engine/entry.ts';
import type { EntryHistory } from '../../../shared/engine/types.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';
import type { PopulationStats } from '../../../shared/rules/population.ts';
import { ForecastTally } from '../../../shared/simulation/forecast.ts';
import { simulateContact, type SimulateOutput } from '../../../shared/simulation/simulate.ts';
import { candidates, entryHistories, noHistory, sampleOf, signalFor, type Candidate } from './audience.ts';
import { ContactReader, eventsRead, journeyPopulation, referencedSegments, segmentMembers, type ReadScope, type SimulatedContact } from './contactSource.ts';
import { enterContact, triggerOf } from './entry.ts';
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
  members: Map<string, Set<number>>;
  histories: Map<number, EntryHistory>;
  population?: PopulationStats;
  /** What of each contact the journey can look at: its events (or all), and whether its tags. */
  reads: ReadScope;
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
export function planForecast(db: Db, journey: ResolvedJourney, options: PlanOptions): ForecastPlan {
  const { document } = journey;
  const trigger = triggerOf(document);
  const members = segmentMembers(db, referencedSegments(document), options.start);
  const everyone = options.candidates ?? candidates(db, trigger, options.start, options.days, members, document.settings.quietHours?.fallbackTimezone);
  return {
    journey,
    trigger,
    start: options.start,
    days: options.days,
    seed: options.seed,
    audience: options.audience ?? everyone.length,
    candidates: options.candidates ?? sampleOf(everyone, options.sample, options.seed).sort((a, b) => a.id - b.id),
    members,
    histories: entryHistories(db, journey.journeyId),
    population: journeyPopulation(db, document, options.start),
    reads: { eventNames: eventsRead(document) },
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
  const plan = planForecast(db, task.journey, task.options);
  const plans = [plan];
  if (task.compareWith) plans.push(planForecast(db, task.compareWith, { ...task.options, candidates: plan.candidates, audience: plan.audience }));
  return plans.map((p) => {
    const from = Math.floor((p.candidates.length * part) / parts);
    const to = Math.floor((p.candidates.length * (part + 1)) / parts);
    return new ForecastRun(db, { ...p, candidates: p.candidates.slice(from, to) });
  });
}

/**
 * A forecast worked through in batches, so that a caller can report progress between them and stop early.
 * Each contact is one simulateContact() call: the engine's advance() on a virtual clock, nothing written.
 */
export class ForecastRun {
  readonly plan: ForecastPlan;
  readonly tally: ForecastTally;
  private readonly reader: ContactReader;
  private readonly end: number;
  done = 0;

  constructor(db: Db, plan: ForecastPlan) {
    this.reader = new ContactReader(db, plan.members, plan.reads);
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
    const enterAt = new Map(batch.map((c) => [c.id, c.enterAt]));
    for (const contact of this.reader.read(batch.map((c) => c.id))) {
      const id = Number(contact.view.id);
      const out = this.runContact(contact, enterAt.get(id)!);
      if ('refused' in out) this.tally.refuse(out.refused);
      else this.tally.add(id, out);
    }
    this.done += batch.length;
  }

  /** One contact entering at `at`: the entry rules, then its simulation (what step() tallies), or why it was refused. */
  runContact(contact: SimulatedContact, at: number): SimulateOutput | { refused: string } {
    const { journey, trigger, histories, seed } = this.plan;
    const history = histories.get(Number(contact.view.id)) ?? noHistory;
    const decision = decideEntry(trigger, journey.document.settings, history, signalFor(trigger, at));
    if (!decision.admit) return { refused: decision.reason };
    const entry = enterContact(contact, trigger, at);
    return simulateContact({
      document: journey.document,
      journeyId: journey.journeyId,
      version: journey.runVersion,
      contact: entry.contact.view,
      suppressed: contact.suppressed,
      recentSends: contact.recentSends,
      start: at,
      end: this.end,
      seed,
      changes: entry.laterEvents,
      population: this.plan.population,
      entry: history.entries + 1,
    });
  }
}
