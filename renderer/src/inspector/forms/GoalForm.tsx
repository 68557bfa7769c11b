import { EventMatchField, SelectField } from '../fields.tsx';
import type { FormProps } from '../formProps.ts';
import { SegmentField } from '../SegmentField.tsx';

export function GoalForm({ config, onChange, errors }: FormProps) {
  const goal = (config.goal ?? {}) as Record<string, unknown>;
  const type = goal.type as 'event' | 'segment' | undefined;
  return (
    <>
      <p className="muted hint">Contacts who meet the goal anywhere in the journey jump here and count as converted.</p>
      <SelectField
        label="Converted when"
        value={type}
        options={[{ value: 'event', label: 'the contact does something (an event)' }, { value: 'segment', label: 'the contact enters a segment' }]}
        onChange={(next) => onChange({ ...config, goal: next === 'event' ? { type: 'event', event: { name: '', filters: [] } } : { type: 'segment', segmentId: '' } })}
      />
      {type === 'event' && <EventMatchField label="Event" value={goal.event as never} onChange={(event) => onChange({ ...config, goal: { ...goal, event } })} errors={errors} path="goal.event" />}
      {type === 'segment' && <SegmentField value={goal.segmentId as string} onChange={(segmentId) => onChange({ ...config, goal: { ...goal, segmentId } })} error={errors.get('goal.segmentId')} />}
    </>
  );
}
