import { durationMs, formatDuration } from '../util/duration.ts';
import { matchesEvent } from '../rules/propertyFilter.ts';
import { evaluateRule, type EvaluationContext, inSegment } from '../rules/evaluate.ts';
import type { Rule } from '../rules/rule.ts';
import type { ContactView } from '../rules/contactView.ts';
import { formatLocal } from './time.ts';

/**
 * Why a rule came out as it did for this contact, in plain words: 'no purchased event since 2026-11-25
 * 10:02 UTC'. Only explains; the answer itself always comes from evaluateRule.
 */
export function explainRule(rule: Rule, contact: ContactView, context: EvaluationContext, zone = 'UTC'): string {
  const when = (at: number) => formatLocal(at, zone);
  switch (rule.type) {
    case 'all':
    case 'any': {
      const parts = rule.rules.map((r) => explainRule(r, contact, context, zone));
      return parts.length ? parts.join(rule.type === 'all' ? '; and ' : '; or ') : rule.type === 'all' ? 'no rules' : 'no alternatives';
    }
    case 'not':
      return `not (${explainRule(rule.rule, contact, context, zone)})`;
    case 'tag':
      return contact.tags.has(rule.tag) ? `has the tag "${rule.tag}"` : `does not have the tag "${rule.tag}"`;
    case 'attribute': {
      const actual = contact.attributes[rule.attribute];
      const shown = actual === undefined || actual === null || actual === '' ? 'not set' : JSON.stringify(actual);
      const expected = rule.value === undefined ? '' : ` ${JSON.stringify(rule.value)}`;
      return `${rule.attribute} is ${shown} (rule: ${rule.op}${expected})`;
    }
    case 'event-count': {
      const since = rule.window ? context.now - durationMs(rule.window) : -Infinity;
      const count = contact.events.filter((e) => e.at > since && e.at <= context.now && matchesEvent(e, rule.event)).length;
      const window = rule.window ? ` in the last ${formatDuration(rule.window)}` : '';
      return `${count} ${rule.event.name} event${count === 1 ? '' : 's'}${window} (rule: ${rule.op} ${rule.count})`;
    }
    case 'event-since-entry': {
      const enteredAt = context.journey?.enteredAt;
      if (enteredAt === undefined) return 'not inside a journey';
      const first = contact.events.find((e) => e.at >= enteredAt && e.at <= context.now && matchesEvent(e, rule.event));
      return first ? `${rule.event.name} at ${when(first.at)}` : `no ${rule.event.name} event since ${when(enteredAt)}`;
    }
    case 'email-engagement': {
      const engagement = context.journey?.emailEngagement.get(rule.stepId);
      const at = rule.action === 'opened' ? (engagement?.openedAt ?? engagement?.clickedAt) : engagement?.clickedAt;
      return at !== undefined && at <= context.now
        ? `${rule.action} the email of step ${rule.stepId} at ${when(at)}`
        : `has not ${rule.action} the email of step ${rule.stepId}`;
    }
    case 'segment': {
      const member = inSegment(rule.segmentId, contact, context);
      return member ? `is in segment ${rule.segmentId}` : `is not in segment ${rule.segmentId}`;
    }
    default:
      // Rule kinds added to the model later are still evaluated; they are just explained generically.
      return `rule ${(rule as { type: string }).type} was ${evaluateRule(rule, contact, context)}`;
  }
}
