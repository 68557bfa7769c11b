import type { FormProps } from '../formProps.ts';

export function ExitForm(_: FormProps) {
  return <p className="muted hint">Contacts who reach this step leave the journey. It has nothing to set.</p>;
}
