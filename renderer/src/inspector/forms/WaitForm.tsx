import { weekdays, type Wait } from '../../../../shared/journey/waits.ts';
import { CheckboxField, DurationField, NumberField, SelectField, TextField } from '../fields.tsx';
import type { FormProps } from '../formProps.ts';
import { TimeZoneField } from './TimeZoneField.tsx';

const waitTypes: Array<{ value: Wait['type']; label: string }> = [
  { value: 'duration', label: 'For a while' },
  { value: 'until-datetime', label: 'Until a date and time' },
  { value: 'time-of-day', label: "Until a time of day (contact's time zone)" },
  { value: 'relative-to-attribute', label: 'Relative to a date on the contact' },
  { value: 'usual-hour', label: "Until the contact's usual hour" },
];

const blank: Record<Wait['type'], Record<string, unknown>> = {
  duration: { type: 'duration', duration: { amount: 1, unit: 'hours' } },
  'until-datetime': { type: 'until-datetime', at: '' },
  'time-of-day': { type: 'time-of-day', time: '09:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], fallbackTimezone: 'UTC' },
  'relative-to-attribute': { type: 'relative-to-attribute', attribute: '', direction: 'before', offset: { amount: 1, unit: 'days' } },
  'usual-hour': { type: 'usual-hour', fallbackHour: 10, fallbackTimezone: 'UTC' },
};

const dayNames: Record<(typeof weekdays)[number], string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** datetime-local shows local time without a zone; the document stores an ISO instant. */
const toLocalInput = (iso: string) => {
  const at = new Date(iso);
  if (!iso || Number.isNaN(at.getTime())) return '';
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
};

export function WaitForm({ config, onChange, errors }: FormProps) {
  const wait = (config.wait ?? {}) as Record<string, unknown> & Partial<Wait>;
  const set = (patch: Record<string, unknown>) => onChange({ ...config, wait: { ...wait, ...patch } });
  const chosen = Array.isArray(wait.weekdays) ? (wait.weekdays as string[]) : [];
  return (
    <>
      <SelectField label="Wait" value={wait.type} options={waitTypes} onChange={(type) => onChange({ ...config, wait: blank[type] })} error={errors.get('wait.type')} />
      {wait.type === 'duration' && <DurationField label="Duration" value={wait.duration as never} onChange={(duration) => set({ duration })} errors={errors} path="wait.duration" />}
      {wait.type === 'until-datetime' && (
        <TextField label="Date and time" type="datetime-local" value={toLocalInput(String(wait.at ?? ''))} onChange={(text) => set({ at: text ? new Date(text).toISOString() : '' })} error={errors.get('wait.at')} />
      )}
      {wait.type === 'time-of-day' && (
        <>
          <TextField label="Time of day" type="time" value={wait.time as string} onChange={(time) => set({ time })} error={errors.get('wait.time')} />
          <fieldset className="group">
            <legend>On these days</legend>
            <div className="weekdays">
              {weekdays.map((day) => (
                <CheckboxField key={day} label={dayNames[day]} checked={chosen.includes(day)} onChange={(on) => set({ weekdays: weekdays.filter((d) => (d === day ? on : chosen.includes(d))) })} />
              ))}
            </div>
            {errors.get('wait.weekdays') && <p className="field-error">{errors.get('wait.weekdays')}</p>}
          </fieldset>
          <TimeZoneField label="Time zone when the contact has none" value={wait.fallbackTimezone as string} onChange={(fallbackTimezone) => set({ fallbackTimezone })} error={errors.get('wait.fallbackTimezone')} />
        </>
      )}
      {wait.type === 'relative-to-attribute' && (
        <>
          <TextField label="Date attribute" placeholder="e.g. renewal_date" value={wait.attribute as string} onChange={(attribute) => set({ attribute })} error={errors.get('wait.attribute')} />
          <SelectField label="Direction" value={wait.direction as 'before' | 'after'} options={[{ value: 'before', label: 'before the date' }, { value: 'after', label: 'after the date' }]} onChange={(direction) => set({ direction })} />
          <DurationField label="Offset" value={wait.offset as never} onChange={(offset) => set({ offset })} errors={errors} path="wait.offset" />
        </>
      )}
      {wait.type === 'usual-hour' && (
        <>
          <p className="hint">Learned from the contact's opens and clicks; the journey's quiet hours still apply to the next email.</p>
          <NumberField label="Hour when the contact has no opens or clicks" value={wait.fallbackHour as number | undefined} min={0} max={23} step={1} onChange={(fallbackHour) => set({ fallbackHour })} error={errors.get('wait.fallbackHour')} />
          <TimeZoneField label="Time zone when the contact has none" value={wait.fallbackTimezone as string} onChange={(fallbackTimezone) => set({ fallbackTimezone })} error={errors.get('wait.fallbackTimezone')} />
        </>
      )}
    </>
  );
}
