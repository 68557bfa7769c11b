import { DurationField, EventMatchField } from '../fields.tsx';
import type { FormProps } from '../formProps.ts';

export function WaitForEventForm({ config, onChange, errors }: FormProps) {
  return (
    <>
      <EventMatchField label="Wait until the contact does" value={config.event as never} onChange={(event) => onChange({ ...config, event })} errors={errors} path="event" />
      <DurationField label="Give up after" value={config.timeout as never} onChange={(timeout) => onChange({ ...config, timeout })} errors={errors} path="timeout" />
      <p className="muted hint">Contacts leave by “Happened” as soon as the event arrives, or by “Timed out”.</p>
    </>
  );
}
