import type { PreviewTrigger } from '../../../shared/api/calls/templates.ts';
import { useTemplateEditor } from './templateEditorStore.ts';

const day = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** What the preview's `trigger.*` (a cart's items) was rendered with, in words. */
export function describeTrigger(trigger: PreviewTrigger): string {
  if (trigger.source === 'given') return 'the trigger data given';
  if (trigger.source === 'contact-event') {
    return `this contact's latest ${trigger.event} (${day(trigger.at!)})${trigger.journey ? `, the trigger of “${trigger.journey}”` : ''}`;
  }
  if (!trigger.event) return 'the sample cart';
  return `the sample cart: this contact has no ${trigger.event} event${trigger.journey ? ` (the trigger of “${trigger.journey}”)` : ''}`;
}

/**
 * For a stored contact: which of their events stands for the one that triggered the journey (by default the trigger
 * event of a journey that sends this template), and a line saying what the preview used.
 */
export function PreviewTriggerPicker({ trigger, storedContact }: { trigger: PreviewTrigger; storedContact: boolean }) {
  const triggerEvent = useTemplateEditor((s) => s.triggerEvent);
  const { setTriggerEvent } = useTemplateEditor.getState();
  // the picked event stays listed even when this contact does not have it
  const choices = triggerEvent && !trigger.contactEvents.includes(triggerEvent) ? [triggerEvent, ...trigger.contactEvents] : trigger.contactEvents;
  return (
    <div className="preview-trigger">
      {storedContact && (
        <label>
          Trigger event{' '}
          <select value={triggerEvent} onChange={(e) => setTriggerEvent(e.target.value)}>
            <option value="">The journey’s trigger</option>
            {choices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="muted" data-testid="preview-trigger">
        Trigger data: {describeTrigger(trigger)}
      </p>
    </div>
  );
}
