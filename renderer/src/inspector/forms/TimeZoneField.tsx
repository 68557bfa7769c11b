import { useId } from 'react';
import { TextField } from '../fields.tsx';

const zones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** A time zone name with the browser's list of IANA zones as suggestions. */
export function TimeZoneField(props: { label: string; value: string | undefined; onChange(value: string): void; error?: string }) {
  const list = useId();
  return (
    <>
      <TextField label={props.label} placeholder="e.g. Europe/Paris" value={props.value} onChange={props.onChange} error={props.error} list={list} />
      <datalist id={list}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
