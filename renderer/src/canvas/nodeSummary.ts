import type { DraftNode } from '../../../shared/journey/journey.ts';
import { formatDuration, type Duration } from '../../../shared/util/duration.ts';
import type { Rule } from '../../../shared/rules/rule.ts';

/**
 * One line under a step's name saying what it is set to ('added_to_cart', '1 hour'). Presentation only: it
 * reads a possibly half-made config defensively and never decides whether the config is valid.
 */
type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {});
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const duration = (v: unknown) => {
  const d = obj(v);
  return typeof d.amount === 'number' && typeof d.unit === 'string' ? formatDuration(d as unknown as Duration) : '';
};

export function describeRule(rule: unknown): string {
  const r = obj(rule) as Partial<Rule> & Loose;
  switch (r.type) {
    case 'attribute':
      return `${str(r.attribute) || '?'} ${str(r.op)} ${r.value === undefined ? '' : String(r.value)}`.trim();
    case 'tag':
      return `${r.has === false ? 'does not have' : 'has'} tag ${str(r.tag) || '?'}`;
    case 'event-count':
      return `${str(obj(r.event).name) || '?'} count ${str(r.op)} ${String(r.count ?? '?')}`;
    case 'event-since-entry':
      return `${str(obj(r.event).name) || '?'} ${r.happened === false ? 'not ' : ''}since entry`;
    case 'email-engagement':
      return `${str(r.action)} an earlier email`;
    case 'segment':
      return `${r.member === false ? 'not in' : 'in'} segment ${str(r.segmentId) || '?'}`;
    case 'all':
    case 'any':
      return `${r.type} of ${Array.isArray(r.rules) ? r.rules.length : 0} rules`;
    case 'not':
      return `not (${describeRule(r.rule)})`;
    default:
      return '';
  }
}

export function summarize(node: DraftNode, templateName?: (id: string) => string | undefined): string {
  const c = node.config;
  switch (node.kind) {
    case 'trigger': {
      const t = obj(c.trigger);
      if (t.type === 'event') return str(obj(t.event).name) || 'choose an event';
      if (t.type === 'segment-entered') return `enters segment ${str(t.segmentId)}`;
      if (t.type === 'tag-added') return `tag ${str(t.tag)} added`;
      if (t.type === 'contact-created') return 'contact created or imported';
      if (t.type === 'date-attribute') return `${str(t.attribute)} ${String(t.offsetDays ?? 0)} days${t.yearly ? ', yearly' : ''}`;
      return '';
    }
    case 'wait': {
      const w = obj(c.wait);
      if (w.type === 'duration') return duration(w.duration);
      if (w.type === 'until-datetime') return `until ${str(w.at)}`;
      if (w.type === 'time-of-day') return `until ${str(w.time)} ${Array.isArray(w.weekdays) ? w.weekdays.join(' ') : ''}`;
      if (w.type === 'relative-to-attribute') return `${duration(w.offset)} ${str(w.direction)} ${str(w.attribute)}`;
      if (w.type === 'usual-hour') return "until the contact's usual hour";
      return '';
    }
    case 'wait-for-event':
      return `${str(obj(c.event).name) || 'choose an event'}, up to ${duration(c.timeout)}`;
    case 'condition':
      return describeRule(c.rule);
    case 'split':
      return `${Array.isArray(c.branches) ? c.branches.length : 0} branches + everyone else`;
    case 'ab-split':
      return Array.isArray(c.variants) ? c.variants.map((v) => `${str(obj(v).name)} ${String(obj(v).percent)}%`).join(' · ') : '';
    case 'email': {
      const id = str(c.templateId);
      return id ? (templateName?.(id) ?? id) : 'choose a template';
    }
    case 'update-contact':
      return Array.isArray(c.actions) ? c.actions.map((a) => `${str(obj(a).op).replace('-', ' ')} ${str(obj(a).tag) || str(obj(a).attribute)}`.trim()).join(', ') : '';
    case 'goal': {
      const g = obj(c.goal);
      return g.type === 'segment' ? `enters segment ${str(g.segmentId)}` : str(obj(g.event).name);
    }
    case 'exit':
      return 'leaves the journey';
  }
}
