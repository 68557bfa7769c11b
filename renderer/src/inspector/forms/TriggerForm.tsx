import type { Trigger } from '../../../../shared/journey/triggers.ts';
import { EventMatchField, NumberField, SelectField, TextField, CheckboxField } from '../fields.tsx';
import type { FormProps } from '../formProps.ts';
import { SegmentField } from '../SegmentField.tsx';

const triggerTypes: Array<{ value: Trigger['type']; label: string }> = [
  { value: 'event', label: 'The contact does something (an event)' },
  { value: 'segment-entered', label: 'The contact enters a segment' },
  { value: 'tag-added', label: 'A tag is added' },
  { value: 'contact-created', label: 'The contact is created or imported' },
  { value: 'date-attribute', label: 'A date on the contact (signup, birthday)' },
];

const blank: Record<Trigger['type'], Record<string, unknown>> = {
  event: { type: 'event', event: { name: '', filters: [] } },
  'segment-entered': { type: 'segment-entered', segmentId: '' },
  'tag-added': { type: 'tag-added', tag: '' },
  'contact-created': { type: 'contact-created' },
  'date-attribute': { type: 'date-attribute', attribute: '', offsetDays: 0, yearly: false },
};

export function TriggerForm({ config, onChange, errors }: FormProps) {
  const trigger = (config.trigger ?? {}) as Record<string, unknown> & Partial<Trigger>;
  const set = (patch: Record<string, unknown>) => onChange({ ...config, trigger: { ...trigger, ...patch } });
  return (
    <>
      <SelectField label="Contacts enter when" value={trigger.type} options={triggerTypes} onChange={(type) => onChange({ ...config, trigger: blank[type] })} error={errors.get('trigger.type') ?? errors.get('trigger')} />
      {trigger.type === 'event' && <EventMatchField label="Event" value={trigger.event} onChange={(event) => set({ event })} errors={errors} path="trigger.event" />}
      {trigger.type === 'segment-entered' && <SegmentField value={trigger.segmentId as string} onChange={(segmentId) => set({ segmentId })} error={errors.get('trigger.segmentId')} />}
      {trigger.type === 'tag-added' && <TextField label="Tag" value={trigger.tag as string} onChange={(tag) => set({ tag })} error={errors.get('trigger.tag')} />}
      {trigger.type === 'date-attribute' && (
        <>
          <TextField label="Date attribute" placeholder="e.g. signup_date or birthday" value={trigger.attribute as string} onChange={(attribute) => set({ attribute })} error={errors.get('trigger.attribute')} />
          <NumberField label="Days from the date (negative: before)" value={trigger.offsetDays as number | undefined} step={1} onChange={(offsetDays) => set({ offsetDays })} error={errors.get('trigger.offsetDays')} />
          <CheckboxField label="Every year on the date" checked={trigger.yearly === true} onChange={(yearly) => set({ yearly })} />
        </>
      )}
      <p className="muted hint">Re-entry (never, after exit, always) and the entry limit are in Journey settings.</p>
    </>
  );
}
