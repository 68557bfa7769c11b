import type { Rule } from '../../../../shared/rules/rule.ts';
import { RuleForm } from '../RuleForm.tsx';
import type { FormProps } from '../formProps.ts';

export function ConditionForm({ config, onChange, context }: FormProps) {
  return (
    <>
      <p className="muted hint">Contacts who match go down “Yes”, the others down “No”.</p>
      <RuleForm value={config.rule as Rule | undefined} onChange={(rule) => onChange({ ...config, rule })} emailSteps={context.emailSteps} />
    </>
  );
}
