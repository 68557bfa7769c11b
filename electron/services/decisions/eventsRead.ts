import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { Rule } from '../../../shared/rules/rule.ts';
import { engagementEvents } from '../../../shared/engine/engagement.ts';

/** Rule types that read events only through an `event` match of their own. */
const eventsByMatch = new Set(['attribute', 'tag', 'event-count', 'event-since-entry', 'email-engagement', 'segment', 'all', 'any', 'not', 'last-event']);

/** What reads a contact's opens and clicks: an email-engagement rule, and a wait until the contact's usual hour. */
const readsEngagement = new Set(['email-engagement', 'usual-hour']);

/**
 * The event names a journey can look at (trigger, waits for an event, goals, exit criteria, rules, the rules of the
 * dynamic segments it refers to, and opens and clicks when an email-engagement rule or a usual-hour wait reads
 * them), or null when one of its rules reads every event (engagement scores, RFM, lifecycle) or it has a segment goal. A host may read only
 * these: the other events cannot change any decision.
 */
export function eventsRead(document: JourneyDocument, segmentRules: readonly Rule[] = []): string[] | null {
  const names = new Set<string>();
  let everything = false;
  const walk = (value: unknown, key?: string) => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (key === 'event' && typeof record.name === 'string') names.add(record.name);
      if (key === 'rule' || key === 'rules') {
        if (typeof record.type === 'string' && !eventsByMatch.has(record.type)) everything = true;
      }
      if (typeof record.type === 'string' && readsEngagement.has(record.type)) names.add(engagementEvents.opened).add(engagementEvents.clicked);
      // A segment goal is checked whenever the contact is looked at, and any event of theirs makes the engine
      // look: every event can bring the goal forward, so all of them are read.
      if (key === 'goal' && record.type === 'segment') everything = true;
      for (const [childKey, child] of Object.entries(record)) walk(child, childKey);
    }
  };
  for (const node of document.nodes) walk(node.config);
  walk(segmentRules, 'rules');
  for (const match of document.settings.exitCriteria) names.add(match.name);
  return everything ? null : [...names].sort();
}
