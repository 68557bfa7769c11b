import type { Db } from '../../store/database.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { configSchemas } from '../../../shared/journey/nodes.ts';
import { sendHistoryReach } from '../../../shared/engine/sendHistory.ts';
import type { SegmentLookup } from '../../../shared/rules/evaluate.ts';
import type { PopulationStats } from '../../../shared/rules/population.ts';
import type { Rule } from '../../../shared/rules/rule.ts';
import { SegmentEvaluator } from '../segments/segmentEvaluator.ts';
import { DecisionContacts, everyEvent, type ReadScope } from './decisionContacts.ts';
import { eventsRead } from './eventsRead.ts';
import { SegmentCatalog } from './segmentCatalog.ts';

/** What every decision in one journey reads besides the contact: the same for the engine, the simulator and the forecast. */
export interface JourneyInputs {
  /** The workspace's segments, for 'is in segment' rules and segment goals. */
  segments: SegmentLookup;
  /** RFM cuts and percentiles the journey's rules (and the dynamic segments they name) compare against. */
  population: PopulationStats | undefined;
  /** How far back a decision reads the send history (sendHistoryReach). */
  sendReach: number;
  /** The events a decision can look at; a host may read only these. */
  reads: ReadScope;
}

/**
 * The one builder of a decision's inputs, made once per open workspace (Services.decisions) or once per worker
 * thread on its own connection. Every host of advance() takes the contact, the send history, the suppression,
 * the segment definitions and the population statistics from here; only the clock and the side effects are theirs.
 */
export class DecisionInputs {
  readonly segments: SegmentCatalog;
  readonly evaluator: SegmentEvaluator;
  private readonly db: Db;
  private readonly readers = new Map<string, DecisionContacts>();

  constructor(db: Db) {
    this.db = db;
    this.segments = new SegmentCatalog(db);
    this.evaluator = new SegmentEvaluator(db);
  }

  /** The contact reader for a scope (one per scope, its statements prepared once). */
  contacts(scope: ReadScope = everyEvent): DecisionContacts {
    const key = scope.eventNames === null ? '*' : JSON.stringify(scope.eventNames);
    let reader = this.readers.get(key);
    if (!reader) this.readers.set(key, (reader = new DecisionContacts(this.db, scope)));
    return reader;
  }

  /** The journey-wide inputs of decisions taken at `now` (population statistics are measured over the store at `now`). */
  forJourney(document: JourneyDocument, now: number): JourneyInputs {
    const segmentRules = this.segments.dynamicRulesReadBy(document);
    return {
      segments: this.segments.lookup(),
      population: this.population(document, now),
      sendReach: sendHistoryReach(document.settings),
      reads: { eventNames: eventsRead(document, segmentRules) },
    };
  }

  /** The population statistics (RFM cuts, percentiles) the journey's conditions, splits and their segments need. */
  population(document: JourneyDocument, now: number): PopulationStats | undefined {
    const rules: Rule[] = [];
    for (const node of document.nodes) {
      if (node.kind === 'condition') rules.push(configSchemas.condition.parse(node.config).rule);
      if (node.kind === 'split') rules.push(...configSchemas.split.parse(node.config).branches.map((b) => b.rule));
      if (node.kind === 'goal') {
        const { goal } = configSchemas.goal.parse(node.config);
        if (goal.type === 'segment') rules.push({ type: 'segment', segmentId: goal.segmentId, member: true });
      }
    }
    if (rules.length === 0) return undefined;
    return this.evaluator.population({ type: 'all', rules }, now);
  }
}
