import type { Rule } from '../../../shared/rules/rule.ts';
import { defaultCondition } from '../rules/ruleDefaults.ts';

const segmentBuilderKinds = ['last-event', 'engagement', 'rfm-score', 'rfm-group', 'percentile', 'lifecycle'] as const;

/** Scoring conditions edited with the segment rule builder (renderer/src/rules), not field by field here. */
export function isSegmentBuilderKind(type: Rule['type']): type is (typeof segmentBuilderKinds)[number] {
  return (segmentBuilderKinds as readonly string[]).includes(type);
}

/** What a rule starts as when the marketer picks its kind in the form; empty where the choice is theirs. */
export function blankRule(type: Rule['type']): Rule {
  switch (type) {
    case 'attribute':
      return { type, attribute: '', op: 'eq', value: '' };
    case 'tag':
      return { type, tag: '', has: true };
    case 'event-count':
      return { type, event: { name: '', filters: [] }, op: 'gte', count: 1, window: { amount: 30, unit: 'days' } };
    case 'event-since-entry':
      return { type, event: { name: '', filters: [] }, happened: true };
    case 'email-engagement':
      return { type, stepId: '', action: 'opened', happened: true };
    case 'segment':
      return { type, segmentId: '', member: true };
    case 'all':
    case 'any':
      return { type, rules: [blankRule('tag')] };
    case 'not':
      return { type, rule: blankRule('tag') };
    default:
      return defaultCondition(type);
  }
}
