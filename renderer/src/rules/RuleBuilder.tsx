import { useId, useState } from 'react';
import type { EngagementModel, Rule } from '../../../shared/rules/rule.ts';
import { attributeOps, countOps, defaultEngagementModel, lifecycleStages, rfmDimensions, rfmGroups } from '../../../shared/rules/rule.ts';
import type { EventMatch, PropertyFilter } from '../../../shared/rules/propertyFilter.ts';
import { durationUnits, type Duration } from '../../../shared/util/duration.ts';
import { rfmGroupTable } from '../../../shared/rules/rfm.ts';
import { conditionKinds, defaultCondition, knownEventNames, type ConditionKind } from './ruleDefaults.ts';

export interface RuleBuilderProps {
  value: Rule;
  onChange(rule: Rule): void;
  /** Attribute names to suggest (built-ins and the workspace's custom attributes). */
  attributes?: readonly string[];
  /** Event names to suggest beyond the standard ones. */
  eventNames?: readonly string[];
  /** Segments a condition may refer to. */
  segments?: ReadonlyArray<{ id: string; name: string }>;
}

const opLabels: Record<string, string> = {
  eq: 'equals',
  neq: 'does not equal',
  contains: 'contains',
  'starts-with': 'starts with',
  gt: 'is greater than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  between: 'is between',
  'is-set': 'is set',
  'is-not-set': 'is not set',
  in: 'is one of',
  before: 'is before',
  after: 'is after',
  'within-last-days': 'is within the last (days)',
};
const countLabels: Record<string, string> = { gt: 'more than', gte: 'at least', lt: 'fewer than', lte: 'at most', eq: 'exactly' };

type Group = Extract<Rule, { type: 'all' | 'any' }>;

/**
 * Builds a rule of the one rule model: nested all / any groups, 'not' around any part, and every kind of
 * condition. Controlled: it holds no state of its own, so the segment editor and the canvas's condition
 * inspector can both use it. Every control is named by its place ('Condition 2.1 event').
 */
export function RuleBuilder(props: RuleBuilderProps) {
  const listId = useId();
  const root: Rule = props.value.type === 'all' || props.value.type === 'any' || props.value.type === 'not' ? props.value : { type: 'all', rules: [props.value] };
  return (
    <div className="rule-builder">
      <datalist id={`${listId}-attributes`}>
        {(props.attributes ?? []).map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <datalist id={`${listId}-events`}>
        {[...new Set([...knownEventNames, ...(props.eventNames ?? [])])].map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
      <RuleNode rule={root} onChange={props.onChange} path="" listId={listId} builder={props} />
    </div>
  );
}

interface NodeProps {
  rule: Rule;
  onChange(rule: Rule): void;
  /** '' for the root, '1', '1.2'... for nested parts. */
  path: string;
  listId: string;
  builder: RuleBuilderProps;
  onRemove?(): void;
}

function RuleNode(props: NodeProps) {
  const { rule } = props;
  if (rule.type === 'all' || rule.type === 'any') return <GroupNode {...props} rule={rule} />;
  if (rule.type === 'not') {
    const name = props.path ? `Condition ${props.path}` : 'Rule';
    return (
      <div className="rule-not" role="group" aria-label={`${name}: not`}>
        <div className="rule-row">
          <strong>Not</strong>
          <button type="button" onClick={() => props.onChange(rule.rule)} aria-label={`Remove 'not' from ${name.toLowerCase()}`}>
            Remove “not”
          </button>
          {props.onRemove && (
            <button type="button" className="danger" onClick={props.onRemove} aria-label={`Remove ${name.toLowerCase()}`}>
              Remove
            </button>
          )}
        </div>
        <RuleNode {...props} rule={rule.rule} onChange={(inner) => props.onChange({ type: 'not', rule: inner })} onRemove={undefined} />
      </div>
    );
  }
  return <ConditionNode {...props} />;
}

function GroupNode(props: NodeProps & { rule: Group }) {
  const { rule, path } = props;
  const name = path ? `Group ${path}` : 'Rule';
  const childPath = (i: number) => (path ? `${path}.${i + 1}` : String(i + 1));
  const setChild = (i: number, child: Rule) => props.onChange({ ...rule, rules: rule.rules.map((r, j) => (j === i ? child : r)) });
  const add = (child: Rule) => props.onChange({ ...rule, rules: [...rule.rules, child] });
  return (
    <fieldset className="rule-group" aria-label={name}>
      <div className="rule-row">
        <label>
          Match
          <select aria-label={`${name} match`} value={rule.type} onChange={(e) => props.onChange({ ...rule, type: e.target.value as 'all' | 'any' })}>
            <option value="all">all of</option>
            <option value="any">any of</option>
          </select>
        </label>
        {props.onRemove && (
          <button type="button" className="danger" onClick={props.onRemove} aria-label={`Remove ${name.toLowerCase()}`}>
            Remove group
          </button>
        )}
      </div>
      {rule.rules.length === 0 && <p className="muted">No conditions: {rule.type === 'all' ? 'every contact matches' : 'no contact matches'}.</p>}
      <ol className="rule-children">
        {rule.rules.map((child, i) => (
          <li key={i}>
            <RuleNode
              rule={child}
              onChange={(next) => setChild(i, next)}
              path={childPath(i)}
              listId={props.listId}
              builder={props.builder}
              onRemove={() => props.onChange({ ...rule, rules: rule.rules.filter((_, j) => j !== i) })}
            />
            {child.type !== 'not' && (
              <button type="button" className="link" onClick={() => setChild(i, { type: 'not', rule: child })} aria-label={`Negate condition ${childPath(i)}`}>
                Not…
              </button>
            )}
          </li>
        ))}
      </ol>
      <div className="rule-row">
        <label>
          Add
          <select
            aria-label={`Add a condition to ${name.toLowerCase()}`}
            value=""
            onChange={(e) => e.target.value && add(defaultCondition(e.target.value as ConditionKind))}
          >
            <option value="">a condition…</option>
            {conditionKinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => add({ type: rule.type === 'all' ? 'any' : 'all', rules: [] })} aria-label={`Add a group to ${name.toLowerCase()}`}>
          Add group
        </button>
      </div>
    </fieldset>
  );
}

function ConditionNode(props: NodeProps) {
  const { rule, path } = props;
  const name = `Condition ${path || '1'}`;
  const set = (patch: Partial<Rule>) => props.onChange({ ...rule, ...patch } as Rule);
  const kind = conditionKinds.some((k) => k.kind === rule.type) ? rule.type : undefined;
  return (
    <div className="rule-condition" role="group" aria-label={name}>
      <select aria-label={`${name} kind`} value={kind ?? rule.type} onChange={(e) => props.onChange(defaultCondition(e.target.value as ConditionKind))}>
        {conditionKinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
        {!kind && <option value={rule.type}>{rule.type} (journey only)</option>}
      </select>
      <ConditionFields {...props} name={name} set={set} />
      {props.onRemove && (
        <button type="button" className="danger" onClick={props.onRemove} aria-label={`Remove ${name.toLowerCase()}`}>
          Remove
        </button>
      )}
    </div>
  );
}

const num = (value: string, fallback = 0) => (value === '' || Number.isNaN(Number(value)) ? fallback : Number(value));

function ConditionFields({ rule, name, set, listId, builder }: NodeProps & { name: string; set(patch: Partial<Rule>): void }) {
  switch (rule.type) {
    case 'attribute': {
      const needsValue = rule.op !== 'is-set' && rule.op !== 'is-not-set';
      const listValue = Array.isArray(rule.value) ? rule.value.join(', ') : String(rule.value ?? '');
      return (
        <>
          <input aria-label={`${name} attribute`} list={`${listId}-attributes`} value={rule.attribute} onChange={(e) => set({ attribute: e.target.value })} />
          <select aria-label={`${name} operator`} value={rule.op} onChange={(e) => set({ op: e.target.value as typeof rule.op, value: e.target.value === 'between' ? [0, 0] : rule.value })}>
            {attributeOps.map((op) => (
              <option key={op} value={op}>
                {opLabels[op]}
              </option>
            ))}
          </select>
          {needsValue && (
            <TextValue
              key={rule.op}
              label={`${name} value`}
              placeholder={rule.op === 'in' ? 'a, b, c' : rule.op === 'between' ? 'low, high' : 'value'}
              initial={listValue}
              onChange={(text) => {
                if (rule.op === 'in') set({ value: text.split(',').map((s) => s.trim()).filter(Boolean) });
                else if (rule.op === 'between') set({ value: text.split(',').map((s) => num(s.trim())) });
                else if (['gt', 'lt', 'within-last-days'].includes(rule.op) && text !== '' && !Number.isNaN(Number(text))) set({ value: Number(text) });
                else set({ value: text });
              }}
            />
          )}
        </>
      );
    }
    case 'tag':
      return (
        <>
          <select aria-label={`${name} has`} value={rule.has ? 'has' : 'lacks'} onChange={(e) => set({ has: e.target.value === 'has' })}>
            <option value="has">has tag</option>
            <option value="lacks">does not have tag</option>
          </select>
          <input aria-label={`${name} tag`} value={rule.tag} onChange={(e) => set({ tag: e.target.value })} />
        </>
      );
    case 'event-count':
      return (
        <>
          <CountOpSelect label={`${name} comparison`} value={rule.op} onChange={(op) => set({ op })} />
          <NumberInput label={`${name} count`} min={0} integer value={rule.count} onChange={(count) => set({ count })} />
          <EventFields name={name} listId={listId} event={rule.event} onChange={(event) => set({ event })} />
          <WindowFields name={name} window={rule.window} allowAllTime onChange={(window) => set({ window })} />
        </>
      );
    case 'last-event':
      return (
        <>
          <EventFields name={name} listId={listId} event={rule.event} onChange={(event) => set({ event })} />
          <select aria-label={`${name} when`} value={rule.within ? 'within' : 'not-within'} onChange={(e) => set({ within: e.target.value === 'within' })}>
            <option value="within">happened within the last</option>
            <option value="not-within">did not happen in the last</option>
          </select>
          <WindowFields name={name} window={rule.window} onChange={(window) => window && set({ window })} />
        </>
      );
    case 'engagement':
      return (
        <>
          <CountOpSelect label={`${name} comparison`} value={rule.op} onChange={(op) => set({ op })} />
          <NumberInput label={`${name} score`} min={0} value={rule.value} onChange={(value) => set({ value })} />
          <EngagementFields name={name} model={rule.model} onChange={(model) => set({ model })} />
        </>
      );
    case 'percentile':
      return (
        <>
          <select aria-label={`${name} direction`} value={rule.direction} onChange={(e) => set({ direction: e.target.value as 'top' | 'bottom' })}>
            <option value="top">top</option>
            <option value="bottom">bottom</option>
          </select>
          <NumberInput label={`${name} percent`} min={1} max={99} integer value={rule.percent} onChange={(percent) => set({ percent })} />
          <span>% by</span>
          <select
            aria-label={`${name} ranked by`}
            value={rule.of.kind}
            onChange={(e) => set({ of: e.target.value === 'engagement' ? { kind: 'engagement', model: defaultEngagementModel() } : { kind: 'attribute', attribute: '' } })}
          >
            <option value="engagement">engagement score</option>
            <option value="attribute">a number attribute</option>
          </select>
          {rule.of.kind === 'attribute' ? (
            <input aria-label={`${name} attribute`} list={`${listId}-attributes`} value={rule.of.attribute} onChange={(e) => set({ of: { kind: 'attribute', attribute: e.target.value } })} />
          ) : (
            <EngagementFields name={name} model={rule.of.model} onChange={(model) => set({ of: { kind: 'engagement', model } })} />
          )}
        </>
      );
    case 'rfm-score':
      return (
        <>
          <select aria-label={`${name} dimension`} value={rule.dimension} onChange={(e) => set({ dimension: e.target.value as typeof rule.dimension })}>
            {rfmDimensions.map((d) => (
              <option key={d} value={d}>
                {d} score
              </option>
            ))}
          </select>
          <span>from</span>
          <NumberInput label={`${name} lowest score`} min={1} max={5} integer value={rule.min} onChange={(min) => set({ min })} />
          <span>to</span>
          <NumberInput label={`${name} highest score`} min={1} max={5} integer value={rule.max} onChange={(max) => set({ max })} />
        </>
      );
    case 'rfm-group':
      return (
        <select aria-label={`${name} group`} value={rule.group} onChange={(e) => set({ group: e.target.value as typeof rule.group })}>
          {rfmGroups.map((g) => (
            <option key={g} value={g}>
              {rfmGroupTable.find((row) => row.group === g)?.label ?? g}
            </option>
          ))}
        </select>
      );
    case 'lifecycle':
      return (
        <>
          <select aria-label={`${name} stage`} value={rule.stage} onChange={(e) => set({ stage: e.target.value as typeof rule.stage })}>
            {lifecycleStages.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <details>
            <summary>Thresholds</summary>
            {(['newDays', 'activeDays', 'lapsedDays'] as const).map((key) => (
              <label key={key}>
                {key === 'newDays' ? 'New: first event within (days)' : key === 'activeDays' ? 'Active: last event within (days)' : 'Lapsed: last event within (days)'}
                <NumberInput label={`${name} ${key.replace('Days', '')} days`} min={1} value={rule.thresholds[key]} onChange={(days) => set({ thresholds: { ...rule.thresholds, [key]: days } })} />
              </label>
            ))}
          </details>
        </>
      );
    case 'segment':
      return (
        <>
          <select aria-label={`${name} membership`} value={rule.member ? 'in' : 'out'} onChange={(e) => set({ member: e.target.value === 'in' })}>
            <option value="in">is in</option>
            <option value="out">is not in</option>
          </select>
          <select aria-label={`${name} segment`} value={rule.segmentId} onChange={(e) => set({ segmentId: e.target.value })}>
            <option value="">choose a segment…</option>
            {(builder.segments ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </>
      );
    default:
      return <span className="muted">Only meaningful inside a journey.</span>;
  }
}

function EventFields({ name, listId, event, onChange }: { name: string; listId: string; event: EventMatch; onChange(event: EventMatch): void }) {
  const setFilter = (i: number, patch: Partial<PropertyFilter>) => onChange({ ...event, filters: event.filters.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  return (
    <>
      <input aria-label={`${name} event`} list={`${listId}-events`} value={event.name} onChange={(e) => onChange({ ...event, name: e.target.value })} />
      {event.filters.map((filter, i) => (
        <span key={i} className="rule-filter" role="group" aria-label={`${name} filter ${i + 1}`}>
          <span>where</span>
          <input aria-label={`${name} filter ${i + 1} property`} value={filter.property} onChange={(e) => setFilter(i, { property: e.target.value })} />
          <select aria-label={`${name} filter ${i + 1} operator`} value={filter.op} onChange={(e) => setFilter(i, { op: e.target.value as PropertyFilter['op'] })}>
            {(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists'] as const).map((op) => (
              <option key={op} value={op}>
                {op === 'exists' ? 'exists' : (opLabels[op] ?? op)}
              </option>
            ))}
          </select>
          {filter.op !== 'exists' && (
            <input
              aria-label={`${name} filter ${i + 1} value`}
              value={String(filter.value ?? '')}
              onChange={(e) => setFilter(i, { value: e.target.value !== '' && !Number.isNaN(Number(e.target.value)) ? Number(e.target.value) : e.target.value })}
            />
          )}
          <button type="button" className="link" aria-label={`Remove ${name.toLowerCase()} filter ${i + 1}`} onClick={() => onChange({ ...event, filters: event.filters.filter((_, j) => j !== i) })}>
            ×
          </button>
        </span>
      ))}
      <button type="button" className="link" aria-label={`Add a property filter to ${name.toLowerCase()}`} onClick={() => onChange({ ...event, filters: [...event.filters, { property: 'amount', op: 'gt', value: 100 }] })}>
        + filter
      </button>
    </>
  );
}

function WindowFields({ name, window, allowAllTime, onChange }: { name: string; window: Duration | null; allowAllTime?: boolean; onChange(window: Duration | null): void }) {
  return (
    <>
      <span>{allowAllTime ? 'in' : ''}</span>
      {window && (
        <NumberInput label={`${name} window amount`} min={1} value={window.amount} onChange={(amount) => onChange({ ...window, amount })} />
      )}
      <select
        aria-label={`${name} window unit`}
        value={window?.unit ?? 'all-time'}
        onChange={(e) => onChange(e.target.value === 'all-time' ? null : { amount: window?.amount ?? 30, unit: e.target.value as Duration['unit'] })}
      >
        {durationUnits.map((u) => (
          <option key={u} value={u}>
            {allowAllTime ? `last ${u}` : u}
          </option>
        ))}
        {allowAllTime && <option value="all-time">all time</option>}
      </select>
    </>
  );
}

function EngagementFields({ name, model, onChange }: { name: string; model: EngagementModel; onChange(model: EngagementModel): void }) {
  return (
    <details className="rule-weights">
      <summary>Weights</summary>
      {Object.entries(model.weights).map(([event, weight]) => (
        <label key={event}>
          {event}
          <NumberInput label={`${name} weight of ${event}`} min={0} value={weight} onChange={(w) => onChange({ ...model, weights: { ...model.weights, [event]: w } })} />
        </label>
      ))}
      <label>
        Half-life (days)
        <NumberInput label={`${name} half-life in days`} min={1} value={model.halfLifeDays} onChange={(halfLifeDays) => onChange({ ...model, halfLifeDays })} />
      </label>
    </details>
  );
}

/** Free text turned into a value (a list, a range, a number): the text itself stays as typed. */
function TextValue({ label, placeholder, initial, onChange }: { label: string; placeholder: string; initial: string; onChange(text: string): void }) {
  const [text, setText] = useState(initial);
  return (
    <input
      aria-label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
}

/**
 * A number field that lets the user clear it and type: the rule changes only when the text is a number in
 * range, and the text stays as typed meanwhile.
 */
type CountOp = (typeof countOps)[number];

/** 'more than', 'at least'... for the rules that compare a count or a score. */
function CountOpSelect({ label, value, onChange }: { label: string; value: CountOp; onChange(op: CountOp): void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as CountOp)}>
      {countOps.map((op) => (
        <option key={op} value={op}>
          {countLabels[op]}
        </option>
      ))}
    </select>
  );
}

function NumberInput(props: { label: string; value: number; min?: number; max?: number; integer?: boolean; onChange(value: number): void }) {
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    // The rule changed from elsewhere (undo, a new kind): show it.
    setShown(props.value);
    setText(String(props.value));
  }
  return (
    <input
      aria-label={props.label}
      type="number"
      min={props.min}
      max={props.max}
      step={props.integer ? 1 : 'any'}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        const valid = e.target.value !== '' && Number.isFinite(n) && (props.min === undefined || n >= props.min) && (props.max === undefined || n <= props.max) && (!props.integer || Number.isInteger(n));
        if (valid) {
          setShown(n);
          props.onChange(n);
        }
      }}
    />
  );
}
