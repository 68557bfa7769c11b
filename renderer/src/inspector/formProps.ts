import type { TemplateSummary } from '../../../shared/api/calls/templates.ts';
import type { FieldErrors } from './fieldErrors.ts';
import type { EmailStepOption } from './RuleForm.tsx';

/** What the inspector hands to each step's form. */
export interface FormContext {
  templates: readonly TemplateSummary[] | null;
  /** The journey's email steps, for 'opened or clicked an earlier email' rules. */
  emailSteps: readonly EmailStepOption[];
  /** Opens the template editor for a new template; the button is hidden without it. */
  onCreateTemplate?: () => void;
}

export interface FormProps {
  /** The step's config as stored in the draft: possibly half-made, so forms read it loosely. */
  config: Record<string, unknown>;
  onChange(config: Record<string, unknown>): void;
  /** The shared schema's messages for this config, by field path ('wait.duration.amount'). */
  errors: FieldErrors;
  context: FormContext;
}
