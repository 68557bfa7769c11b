import { useSegments } from '../editor/segmentsStore.ts';
import { SelectField } from './fields.tsx';

/**
 * Picks a segment of the workspace by name. A stored id that names no segment (deleted, or from another
 * workspace) stays selected and says so, like the problem the validator reports for it.
 */
export function SegmentField({ value, onChange, error, label = 'Segment' }: { value: string | undefined; onChange(segmentId: string): void; error?: string; label?: string }) {
  const segments = useSegments((s) => s.segments);
  const known = !value || (segments ?? []).some((s) => s.id === value);
  const options = (segments ?? []).map((s) => ({ value: s.id, label: s.name }));
  if (!known) options.push({ value: value!, label: segments ? `Unknown segment (${value})` : value! });
  const unknownError = segments && !known ? `No segment with the id "${value}" in this workspace: choose another` : undefined;
  return <SelectField label={label} value={value || undefined} options={options} onChange={onChange} error={error ?? unknownError} placeholder="Choose a segment…" />;
}
