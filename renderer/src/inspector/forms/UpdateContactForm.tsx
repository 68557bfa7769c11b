import type { NodeConfig } from '../../../../shared/journey/nodes.ts';
import { SelectField, TextField, parseScalar } from '../fields.tsx';
import type { FormProps } from '../formProps.ts';

type Action = NodeConfig<'update-contact'>['actions'][number];
type Op = Action['op'];

const ops: Array<{ value: Op; label: string }> = [
  { value: 'set-attribute', label: 'Set an attribute' },
  { value: 'clear-attribute', label: 'Clear an attribute' },
  { value: 'add-tag', label: 'Add a tag' },
  { value: 'remove-tag', label: 'Remove a tag' },
];

const blank: Record<Op, Action> = {
  'set-attribute': { op: 'set-attribute', attribute: '', value: '' },
  'clear-attribute': { op: 'clear-attribute', attribute: '' },
  'add-tag': { op: 'add-tag', tag: '' },
  'remove-tag': { op: 'remove-tag', tag: '' },
};

export function UpdateContactForm({ config, onChange, errors }: FormProps) {
  const actions = (Array.isArray(config.actions) ? config.actions : []) as Action[];
  const setActions = (next: Action[]) => onChange({ ...config, actions: next });
  const setAction = (i: number, patch: Record<string, unknown>) => setActions(actions.map((a, j) => (j === i ? ({ ...a, ...patch } as Action) : a)));
  return (
    <>
      {actions.map((action, i) => (
        <fieldset className="group" key={i}>
          <legend>Change {i + 1}</legend>
          <SelectField label="Change" value={action.op} options={ops} onChange={(op) => setActions(actions.map((a, j) => (j === i ? blank[op] : a)))} />
          {(action.op === 'set-attribute' || action.op === 'clear-attribute') && <TextField label="Attribute" value={action.attribute} onChange={(attribute) => setAction(i, { attribute })} error={errors.get(`actions[${i}].attribute`)} />}
          {action.op === 'set-attribute' && <TextField label="New value" value={String(action.value)} onChange={(text) => setAction(i, { value: parseScalar(text) })} error={errors.get(`actions[${i}].value`)} />}
          {(action.op === 'add-tag' || action.op === 'remove-tag') && <TextField label="Tag" value={action.tag} onChange={(tag) => setAction(i, { tag })} error={errors.get(`actions[${i}].tag`)} />}
          <button type="button" className="danger" aria-label={`Remove change ${i + 1}`} onClick={() => setActions(actions.filter((_, j) => j !== i))}>
            Remove
          </button>
        </fieldset>
      ))}
      {errors.get('actions') && <p className="field-error">{errors.get('actions')}</p>}
      <button type="button" onClick={() => setActions([...actions, blank['add-tag']])}>
        Add change
      </button>
    </>
  );
}
