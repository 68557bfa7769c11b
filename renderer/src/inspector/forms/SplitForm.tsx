import type { Rule } from '../../../../shared/rules/rule.ts';
import { newId } from '../../../../shared/util/ids.ts';
import { TextField } from '../fields.tsx';
import { RuleForm } from '../RuleForm.tsx';
import type { FormProps } from '../formProps.ts';
import { blankRule } from '../ruleDefaults.ts';

type Branch = { id: string; label: string; rule: Rule };

export function SplitForm({ config, onChange, errors, context }: FormProps) {
  const branches = (Array.isArray(config.branches) ? config.branches : []) as Branch[];
  const setBranches = (next: Branch[]) => onChange({ ...config, branches: next });
  const setBranch = (i: number, patch: Partial<Branch>) => setBranches(branches.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const move = (i: number, by: number) => {
    const next = [...branches];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setBranches(next);
  };
  return (
    <>
      <p className="muted hint">A contact takes the first branch whose rule they match, in this order; the rest go to “Everyone else”.</p>
      {branches.map((branch, i) => (
        <fieldset className="group" key={branch.id} aria-label={`Branch ${i + 1}`}>
          <legend>Branch {i + 1}</legend>
          <TextField label="Branch name" value={branch.label} onChange={(label) => setBranch(i, { label })} error={errors.get(`branches[${i}].label`)} />
          <RuleForm value={branch.rule} onChange={(rule) => setBranch(i, { rule })} emailSteps={context.emailSteps} />
          <div className="row">
            <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move branch ${i + 1} up`}>
              ↑
            </button>
            <button type="button" disabled={i === branches.length - 1} onClick={() => move(i, 1)} aria-label={`Move branch ${i + 1} down`}>
              ↓
            </button>
            <button type="button" className="danger" onClick={() => setBranches(branches.filter((_, j) => j !== i))} aria-label={`Remove branch ${i + 1}`}>
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      {errors.get('branches') && <p className="field-error">{errors.get('branches')}</p>}
      <button type="button" onClick={() => setBranches([...branches, { id: newId('b'), label: `Branch ${branches.length + 1}`, rule: blankRule('tag') }])}>
        Add branch
      </button>
    </>
  );
}
