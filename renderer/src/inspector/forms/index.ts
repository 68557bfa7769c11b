import type { ComponentType } from 'react';
import type { NodeKind } from '../../../../shared/journey/nodes.ts';
import type { FormProps } from '../formProps.ts';
import { TriggerForm } from './TriggerForm.tsx';
import { WaitForm } from './WaitForm.tsx';
import { WaitForEventForm } from './WaitForEventForm.tsx';
import { ConditionForm } from './ConditionForm.tsx';
import { SplitForm } from './SplitForm.tsx';
import { AbSplitForm } from './AbSplitForm.tsx';
import { EmailForm } from './EmailForm.tsx';
import { UpdateContactForm } from './UpdateContactForm.tsx';
import { GoalForm } from './GoalForm.tsx';
import { ExitForm } from './ExitForm.tsx';

/** One form per kind of step. */
export const nodeForms: Record<NodeKind, ComponentType<FormProps>> = {
  trigger: TriggerForm,
  wait: WaitForm,
  'wait-for-event': WaitForEventForm,
  condition: ConditionForm,
  split: SplitForm,
  'ab-split': AbSplitForm,
  email: EmailForm,
  'update-contact': UpdateContactForm,
  goal: GoalForm,
  exit: ExitForm,
};
