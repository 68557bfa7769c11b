import { useId, useState, type ReactNode } from 'react';
import { durationUnits, type Duration } from '../../../shared/util/duration.ts';
import { PropertyFilter, type EventMatch } from '../../../shared/rules/propertyFilter.ts';
import { join, type FieldErrors } from './fieldErrors.ts';

/** Small labelled controls shared by every inspector form; each shows its field's error under it. */

function Field({ label, error, children, id }: { label: string; error?: string; children: ReactNode; id: string }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

const a11y = (id: string, error?: string) => ({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined });

export function TextField(props: { label: string; value: string | undefined; onChange(value: string): void; error?: string; placeholder?: string; type?: string; list?: string }) {
  const id = useId();
  return (
    <Field label={props.label} error={props.error} id={id}>
      <input {...a11y(id, props.error)} type={props.type ?? 'text'} list={props.list} value={props.value ?? ''} placeholder={props.placeholder} onChange={(e) => props.onChange(e.target.value)} />
    </Field>
  );
}

/** A number field that lets the user clear it while typing: empty is undefined, which the schema reports. */
export function NumberField(props: { label: string; value: number | undefined; onChange(value: number | undefined): void; error?: string; min?: number; max?: number; step?: number }) {
  const id = useId();
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  const shown = Number(text) === props.value || (text === '' && props.value === undefined) ? text : props.value === undefined ? '' : String(props.value);
  return (
    <Field label={props.label} error={props.error} id={id}>
      <input
        {...a11y(id, props.error)}
        type="number"
        inputMode="decimal"
        min={props.min}
        max={props.max}
        step={props.step}
        value={shown}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(e.target.value === '' ? undefined : Number(e.target.value));
        }}
      />
    </Field>
  );
}

export function SelectField<T extends string>(props: { label: string; value: T | undefined; options: ReadonlyArray<{ value: T; label: string }>; onChange(value: T): void; error?: string; placeholder?: string }) {
  const id = useId();
  return (
    <Field label={props.label} error={props.error} id={id}>
      <select {...a11y(id, props.error)} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value as T)}>
        {(props.placeholder !== undefined || props.value === undefined || props.value === '') && <option value="">{props.placeholder ?? 'Choose…'}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckboxField(props: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

const unitOptions = durationUnits.map((u) => ({ value: u, label: u }));

export function DurationField(props: { label: string; value: Partial<Duration> | undefined; onChange(value: Partial<Duration>): void; errors: FieldErrors; path: string }) {
  const value = props.value ?? {};
  return (
    <fieldset className="group">
      <legend>{props.label}</legend>
      <div className="row">
        <NumberField label="Amount" value={value.amount} min={0} onChange={(amount) => props.onChange({ ...value, amount })} error={props.errors.get(join(props.path, 'amount'))} />
        <SelectField label="Unit" value={value.unit} options={unitOptions} onChange={(unit) => props.onChange({ ...value, unit })} error={props.errors.get(join(props.path, 'unit'))} />
      </div>
      {props.errors.get(props.path) && <p className="field-error">{props.errors.get(props.path)}</p>}
    </fieldset>
  );
}

const filterOpLabels: Record<PropertyFilter['op'], string> = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', exists: 'exists' };
const filterOps = PropertyFilter.shape.op.options.map((op) => ({ value: op, label: filterOpLabels[op] }));

/** A typed value: numbers stay numbers so 'value > 50' compares numerically. */
export const parseScalar = (text: string): string | number | boolean => (text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text === 'true' ? true : text === 'false' ? false : text);

/** An event name plus property filters (added_to_cart with value > 50). */
export function EventMatchField(props: { label: string; value: Partial<EventMatch> | undefined; onChange(value: Partial<EventMatch>): void; errors: FieldErrors; path: string }) {
  const value = props.value ?? {};
  const filters = value.filters ?? [];
  const setFilter = (i: number, patch: Partial<PropertyFilter>) => props.onChange({ ...value, filters: filters.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  return (
    <fieldset className="group">
      <legend>{props.label}</legend>
      <TextField label="Event name" placeholder="e.g. added_to_cart" value={value.name} onChange={(name) => props.onChange({ ...value, name })} error={props.errors.get(join(props.path, 'name'))} />
      {filters.map((filter, i) => (
        <div className="row filter-row" key={i} role="group" aria-label={`Filter ${i + 1}`}>
          <TextField label="Property" value={filter.property} onChange={(property) => setFilter(i, { property })} error={props.errors.get(join(join(join(props.path, 'filters'), i), 'property'))} />
          <SelectField label="Test" value={filter.op} options={filterOps} onChange={(op) => setFilter(i, { op })} />
          {filter.op !== 'exists' && <TextField label="Value" value={filter.value === undefined ? '' : String(filter.value)} onChange={(text) => setFilter(i, { value: parseScalar(text) })} />}
          <button type="button" className="icon-button" aria-label={`Remove filter ${i + 1}`} onClick={() => props.onChange({ ...value, filters: filters.filter((_, j) => j !== i) })}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => props.onChange({ ...value, filters: [...filters, { property: '', op: 'eq', value: '' }] })}>
        Add property filter
      </button>
    </fieldset>
  );
}
