import { useMemo } from 'react';
import { attributeOps, countOps, Rule, ruleKinds, type Rule as RuleValue } from '../../../shared/rules/rule.ts';
import { CheckboxField, DurationField, EventMatchField, NumberField, SelectField, TextField, parseScalar } from './fields.tsx';
import { fieldErrors, join, type FieldErrors } from './fieldErrors.ts';
import { blankRule, isSegmentBuilderKind } from './ruleDefaults.ts';
import { RuleBuilder } from '../rules/RuleBuilder.tsx';
import { SegmentField } from './SegmentField.tsx';

export interface EmailStepOption {
  id: string;
  name: string;
}

const ruleKindLabels: Record<RuleValue['type'], string> = {
  attribute: 'Contact attribute',
  tag: 'Has a tag',
  'event-count': 'Event count in a window',
  'event-since-entry': 'Event since entering this journey',
  'email-engagement': 'Opened or clicked an email of this journey',
  segment: 'Segment membership',
  'last-event': 'Last occurrence of an event',
  engagement: 'Engagement score',
  'rfm-score': 'RFM score',
  'rfm-group': 'RFM group',
  percentile: 'Percentile',
  lifecycle: 'Lifecycle stage',
  all: 'All of these',
  any: 'Any of these',
  not: 'Not',
};
const kindOptions = ruleKinds.map((k) => ({ value: k, label: ruleKindLabels[k] }));
const attributeOpLabels: Record<(typeof attributeOps)[number], string> = {
  eq: 'is',
  neq: 'is not',
  contains: 'contains',
  'starts-with': 'starts with',
  gt: 'greater than',
  lt: 'less than',
  between: 'between',
  'is-set': 'is set',
  'is-not-set': 'is not set',
  in: 'is one of',
  before: 'before',
  after: 'after',
  'within-last-days': 'within the last N days',
};
const countOpLabels: Record<(typeof countOps)[number], string> = { gt: 'more than', gte: 'at least', lt: 'fewer than', lte: 'at most', eq: 'exactly' };

/**
 * A form over the shared rule model (shared/rules/rule.ts), validated live against its schema. A fuller segment
 * rule builder may replace it; the props stay the same.
 */
export function RuleForm({ value, onChange, emailSteps }: { value: RuleValue | undefined; onChange(rule: RuleValue): void; emailSteps: readonly EmailStepOption[] }) {
  const errors = useMemo(() => fieldErrors(Rule, value), [value]);
  return <RuleFields value={value ?? blankRule('tag')} onChange={onChange} emailSteps={emailSteps} errors={errors} path="" depth={0} />;
}

function RuleFields({ value, onChange, emailSteps, errors, path, depth }: { value: RuleValue; onChange(rule: RuleValue): void; emailSteps: readonly EmailStepOption[]; errors: FieldErrors; path: string; depth: number }) {
  // Half-made rules arrive from drafts, so fields are read loosely and the schema reports what is missing.
  const loose = value as Record<string, unknown> & RuleValue;
  const set = (patch: Record<string, unknown>) => onChange({ ...value, ...patch } as RuleValue);
  const err = (key: string) => errors.get(join(path, key));
  const legend = depth === 0 ? 'Rule' : `Rule (level ${depth + 1})`;
  return (
    <fieldset className="group rule">
      <legend>{legend}</legend>
      <SelectField label="Rule kind" value={value.type} options={kindOptions} onChange={(type) => type !== value.type && onChange(blankRule(type))} />
      {value.type === 'attribute' && (
        <>
          <TextField label="Attribute" placeholder="e.g. country" value={loose.attribute as string} onChange={(attribute) => set({ attribute })} error={err('attribute')} />
          <SelectField label="Test" value={value.op} options={attributeOps.map((op) => ({ value: op, label: attributeOpLabels[op] }))} onChange={(op) => set({ op })} error={err('op')} />
          {value.op !== 'is-set' && value.op !== 'is-not-set' && (
            <TextField
              label={value.op === 'in' || value.op === 'between' ? 'Values (comma separated)' : 'Value'}
              value={Array.isArray(value.value) ? value.value.join(', ') : value.value === undefined ? '' : String(value.value)}
              onChange={(text) => set({ value: value.op === 'in' || value.op === 'between' ? text.split(',').map((t) => parseScalar(t.trim())) : parseScalar(text) })}
              error={err('value')}
            />
          )}
        </>
      )}
      {/* The scoring conditions are the segment rule builder's; one editor for them, wherever they appear. */}
      {isSegmentBuilderKind(value.type) && <RuleBuilder value={value} onChange={onChange} />}
      {value.type === 'tag' && (
        <>
          <TextField label="Tag" value={loose.tag as string} onChange={(tag) => set({ tag })} error={err('tag')} />
          <CheckboxField label="The contact has this tag (untick: does not have it)" checked={value.has !== false} onChange={(has) => set({ has })} />
        </>
      )}
      {value.type === 'event-count' && (
        <>
          <EventMatchField label="Event" value={value.event} onChange={(event) => set({ event })} errors={errors} path={join(path, 'event')} />
          <div className="row">
            <SelectField label="Count is" value={value.op} options={countOps.map((op) => ({ value: op, label: countOpLabels[op] }))} onChange={(op) => set({ op })} />
            <NumberField label="Times" value={loose.count as number | undefined} min={0} onChange={(count) => set({ count })} error={err('count')} />
          </div>
          <CheckboxField label="Only count a recent window" checked={value.window !== null && value.window !== undefined} onChange={(on) => set({ window: on ? { amount: 30, unit: 'days' } : null })} />
          {value.window && <DurationField label="In the last" value={value.window} onChange={(window) => set({ window })} errors={errors} path={join(path, 'window')} />}
        </>
      )}
      {value.type === 'event-since-entry' && (
        <>
          <EventMatchField label="Event" value={value.event} onChange={(event) => set({ event })} errors={errors} path={join(path, 'event')} />
          <CheckboxField label="It happened (untick: it did not happen)" checked={value.happened !== false} onChange={(happened) => set({ happened })} />
        </>
      )}
      {value.type === 'email-engagement' && (
        <>
          <SelectField label="Email step" value={loose.stepId as string} options={emailSteps.map((s) => ({ value: s.id, label: s.name }))} onChange={(stepId) => set({ stepId })} error={err('stepId')} />
          <SelectField label="Action" value={value.action} options={[{ value: 'opened', label: 'opened' }, { value: 'clicked', label: 'clicked' }]} onChange={(action) => set({ action })} />
          <CheckboxField label="It happened (untick: it did not happen)" checked={value.happened !== false} onChange={(happened) => set({ happened })} />
        </>
      )}
      {value.type === 'segment' && (
        <>
          <SegmentField value={loose.segmentId as string} onChange={(segmentId) => set({ segmentId })} error={err('segmentId')} />
          <CheckboxField label="Is a member (untick: is not)" checked={value.member !== false} onChange={(member) => set({ member })} />
        </>
      )}
      {(value.type === 'all' || value.type === 'any') && (
        <>
          {value.rules.map((rule, i) => (
            <div key={i} className="nested-rule">
              <RuleFields value={rule} onChange={(next) => set({ rules: value.rules.map((r, j) => (j === i ? next : r)) })} emailSteps={emailSteps} errors={errors} path={join(join(path, 'rules'), i)} depth={depth + 1} />
              <button type="button" aria-label={`Remove rule ${i + 1}`} onClick={() => set({ rules: value.rules.filter((_, j) => j !== i) })}>
                Remove rule
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set({ rules: [...value.rules, blankRule('tag')] })}>
            Add rule
          </button>
        </>
      )}
      {value.type === 'not' && <RuleFields value={value.rule} onChange={(rule) => set({ rule })} emailSteps={emailSteps} errors={errors} path={join(path, 'rule')} depth={depth + 1} />}
    </fieldset>
  );
}
