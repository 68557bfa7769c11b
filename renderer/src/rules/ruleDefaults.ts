import { defaultEngagementModel, type Rule } from '../../../shared/rules/rule.ts';
import { standardEventNames } from '../../../shared/contacts/importMapping.ts';

/** The conditions a marketer can add, in the order the builder lists them. */
export const conditionKinds = [
  { kind: 'attribute', label: 'Attribute' },
  { kind: 'tag', label: 'Tag' },
  { kind: 'event-count', label: 'Event count' },
  { kind: 'last-event', label: 'Last occurrence' },
  { kind: 'engagement', label: 'Engagement score' },
  { kind: 'percentile', label: 'Percentile' },
  { kind: 'rfm-score', label: 'RFM score' },
  { kind: 'rfm-group', label: 'RFM group' },
  { kind: 'lifecycle', label: 'Lifecycle stage' },
  { kind: 'segment', label: 'In segment' },
] as const;
export type ConditionKind = (typeof conditionKinds)[number]['kind'];

/** A fresh condition of a kind, filled with sensible defaults so it is valid as soon as it appears. */
export function defaultCondition(kind: ConditionKind): Rule {
  switch (kind) {
    case 'attribute':
      return { type: 'attribute', attribute: 'country', op: 'eq', value: '' };
    case 'tag':
      return { type: 'tag', tag: 'vip', has: true };
    case 'event-count':
      return { type: 'event-count', event: { name: 'email_opened', filters: [] }, op: 'gt', count: 5, window: { amount: 30, unit: 'days' } };
    case 'last-event':
      return { type: 'last-event', event: { name: 'email_opened', filters: [] }, within: false, window: { amount: 14, unit: 'days' } };
    case 'engagement':
      return { type: 'engagement', op: 'gte', value: 10, model: defaultEngagementModel() };
    case 'percentile':
      return { type: 'percentile', of: { kind: 'engagement', model: defaultEngagementModel() }, direction: 'top', percent: 20 };
    case 'rfm-score':
      return { type: 'rfm-score', dimension: 'recency', min: 4, max: 5 };
    case 'rfm-group':
      return { type: 'rfm-group', group: 'champions' };
    case 'lifecycle':
      return { type: 'lifecycle', stage: 'active', thresholds: { newDays: 30, activeDays: 30, lapsedDays: 90 } };
    case 'segment':
      return { type: 'segment', segmentId: '', member: true };
  }
}

export const knownEventNames: readonly string[] = standardEventNames;
