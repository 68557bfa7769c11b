import { useMemo, useState } from 'react';
import { JourneySettings } from '../../../shared/journey/settings.ts';
import { CheckboxField, DurationField, EventMatchField, NumberField, SelectField, TextField } from './fields.tsx';
import { fieldErrors } from './fieldErrors.ts';
import { TimeZoneField } from './forms/TimeZoneField.tsx';

type Loose = Record<string, unknown>;

/** Settings of the whole journey: exit criteria, quiet hours, frequency cap, entry limit and re-entry. */
export function SettingsPanel({ settings: saved, onChange }: { settings: JourneySettings; onChange(settings: JourneySettings): void }) {
  // The document only ever holds valid settings (the store refuses others), so a half-typed value lives here
  // until it passes the schema. When the document changes underneath (undo), its settings win.
  const [draft, setDraft] = useState<{ base: JourneySettings; value: JourneySettings }>({ base: saved, value: saved });
  if (draft.base !== saved) setDraft({ base: saved, value: saved });
  const settings = draft.base === saved ? draft.value : saved;
  const errors = useMemo(() => fieldErrors(JourneySettings, settings), [settings]);
  const set = (patch: Loose) => {
    const value = { ...settings, ...patch } as JourneySettings;
    const parsed = JourneySettings.safeParse(value);
    if (parsed.success) {
      setDraft({ base: parsed.data, value });
      onChange(parsed.data);
    } else setDraft({ base: saved, value });
  };
  const quiet = settings.quietHours as Loose | null;
  const late = settings.lateSend;
  const cap = settings.frequencyCap as { limits: Loose[]; whenCapped: 'defer' | 'skip' } | null;
  return (
    <section className="inspector" aria-label="Journey settings">
      <h2 className="panel-title">Journey settings</h2>

      <fieldset className="group">
        <legend>Exit criteria</legend>
        <p className="muted hint">A contact who does any of these leaves the journey at once.</p>
        {settings.exitCriteria.map((match, i) => (
          <div key={i} className="nested-rule">
            <EventMatchField label={`Exit event ${i + 1}`} value={match} onChange={(next) => set({ exitCriteria: settings.exitCriteria.map((m, j) => (j === i ? next : m)) })} errors={errors} path={`exitCriteria[${i}]`} />
            <button type="button" className="danger" aria-label={`Remove exit event ${i + 1}`} onClick={() => set({ exitCriteria: settings.exitCriteria.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ exitCriteria: [...settings.exitCriteria, { name: 'purchased', filters: [] }] })}>
          Add exit event
        </button>
      </fieldset>

      <fieldset className="group">
        <legend>Quiet hours</legend>
        <CheckboxField label="Hold emails during quiet hours" checked={quiet !== null} onChange={(on) => set({ quietHours: on ? { start: '21:00', end: '08:00', fallbackTimezone: 'UTC' } : null })} />
        {quiet && (
          <>
            <div className="row">
              <TextField label="From" type="time" value={quiet.start as string} onChange={(start) => set({ quietHours: { ...quiet, start } })} error={errors.get('quietHours.start')} />
              <TextField label="Until" type="time" value={quiet.end as string} onChange={(end) => set({ quietHours: { ...quiet, end } })} error={errors.get('quietHours.end')} />
            </div>
            <TimeZoneField label="Time zone when the contact has none" value={quiet.fallbackTimezone as string} onChange={(fallbackTimezone) => set({ quietHours: { ...quiet, fallbackTimezone } })} error={errors.get('quietHours.fallbackTimezone')} />
            {errors.get('quietHours') && <p className="field-error">{errors.get('quietHours')}</p>}
          </>
        )}
      </fieldset>

      <fieldset className="group">
        <legend>Frequency cap</legend>
        <CheckboxField label="Limit how many emails a contact gets" checked={cap !== null} onChange={(on) => set({ frequencyCap: on ? { limits: [{ count: 3, period: { amount: 1, unit: 'weeks' } }], whenCapped: 'defer' } : null })} />
        {cap && (
          <>
            {cap.limits.map((limit, i) => (
              <div key={i} className="nested-rule">
                <NumberField label={`At most (limit ${i + 1})`} value={limit.count as number} min={1} onChange={(count) => set({ frequencyCap: { ...cap, limits: cap.limits.map((l, j) => (j === i ? { ...l, count } : l)) } })} error={errors.get(`frequencyCap.limits[${i}].count`)} />
                <DurationField label="Per" value={limit.period as never} onChange={(period) => set({ frequencyCap: { ...cap, limits: cap.limits.map((l, j) => (j === i ? { ...l, period } : l)) } })} errors={errors} path={`frequencyCap.limits[${i}].period`} />
              </div>
            ))}
            <SelectField label="When a contact is capped" value={cap.whenCapped} options={[{ value: 'defer', label: 'send later' }, { value: 'skip', label: 'skip the email' }]} onChange={(whenCapped) => set({ frequencyCap: { ...cap, whenCapped } })} />
          </>
        )}
      </fieldset>

      <fieldset className="group">
        <legend>Entry</legend>
        <CheckboxField label="Limit how many times a contact may enter" checked={settings.entryLimit !== null} onChange={(on) => set({ entryLimit: on ? 1 : null })} />
        {settings.entryLimit !== null && <NumberField label="Entry limit" value={settings.entryLimit} min={1} onChange={(entryLimit) => set({ entryLimit })} error={errors.get('entryLimit')} />}
        <SelectField
          label="Re-entry"
          value={settings.reentry.mode}
          options={[{ value: 'never', label: 'never: once per contact' }, { value: 'after-exit', label: 'after leaving the journey' }, { value: 'always', label: 'always, even while in it' }]}
          onChange={(mode) => set({ reentry: { ...settings.reentry, mode } })}
        />
        {settings.reentry.mode !== 'never' && (
          <>
            <CheckboxField label="With a minimum gap between entries" checked={settings.reentry.minGap !== null} onChange={(on) => set({ reentry: { ...settings.reentry, minGap: on ? { amount: 7, unit: 'days' } : null } })} />
            {settings.reentry.minGap && <DurationField label="Minimum gap" value={settings.reentry.minGap} onChange={(minGap) => set({ reentry: { ...settings.reentry, minGap } })} errors={errors} path="reentry.minGap" />}
          </>
        )}
      </fieldset>

      <fieldset className="group">
        <legend>Late emails</legend>
        <p className="hint">When the app was closed and an email is due long after its time.</p>
        <CheckboxField
          label="Treat emails as late after a number of hours"
          checked={late.maxLateHours !== null}
          onChange={(on) => set({ lateSend: { ...late, maxLateHours: on ? 24 : null } })}
        />
        {late.maxLateHours !== null && (
          <>
            <NumberField label="Hours late" value={late.maxLateHours} min={1} onChange={(maxLateHours) => set({ lateSend: { ...late, maxLateHours } })} error={errors.get('lateSend.maxLateHours')} />
            <SelectField label="A late email is" value={late.whenLate} options={[{ value: 'skip', label: 'skipped' }, { value: 'send', label: 'sent anyway' }]} onChange={(whenLate) => set({ lateSend: { ...late, whenLate } })} />
          </>
        )}
      </fieldset>
    </section>
  );
}
