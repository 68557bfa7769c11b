import { CheckboxField, NumberField, SelectField } from '../fields.tsx';
import type { FormProps } from '../formProps.ts';
import { RenderedSubject } from './RenderedSubject.tsx';

type Window = { startHour: number | undefined; endHour: number | undefined } | null;

export function EmailForm({ config, onChange, errors, context }: FormProps) {
  const templateId = typeof config.templateId === 'string' ? config.templateId : '';
  const window = (config.sendWindow ?? null) as Window;
  const template = context.templates?.find((t) => t.id === templateId);
  const setWindow = (patch: Partial<NonNullable<Window>>) => onChange({ ...config, sendWindow: { ...(window ?? { startHour: 9, endHour: 18 }), ...patch } });
  return (
    <>
      <SelectField
        label="Template"
        value={templateId}
        placeholder="Choose a template…"
        options={(context.templates ?? []).map((t) => ({ value: t.id, label: t.name }))}
        onChange={(id) => onChange({ ...config, templateId: id })}
        error={errors.get('templateId')}
      />
      {context.templates === null && <p className="muted hint">Loading templates…</p>}
      {template && (
        <dl className="template-preview" aria-label="Template preview">
          <dt>Subject</dt>
          <dd>{template.subject}</dd>
          <dt>Preheader</dt>
          <dd>{template.preheader || <span className="muted">none</span>}</dd>
        </dl>
      )}
      {template && <RenderedSubject templateId={template.id} version={template.updatedAt} />}
      {context.onCreateTemplate && (
        <button type="button" onClick={context.onCreateTemplate}>
          New template…
        </button>
      )}
      <CheckboxField label="Send only between certain hours" checked={window !== null} onChange={(on) => onChange({ ...config, sendWindow: on ? { startHour: 9, endHour: 18 } : null })} />
      {window && (
        <div className="row">
          <NumberField label="From hour" value={window.startHour} min={0} max={24} onChange={(startHour) => setWindow({ startHour })} error={errors.get('sendWindow.startHour')} />
          <NumberField label="Until hour" value={window.endHour} min={0} max={24} onChange={(endHour) => setWindow({ endHour })} error={errors.get('sendWindow.endHour')} />
        </div>
      )}
      {errors.get('sendWindow') && <p className="field-error">{errors.get('sendWindow')}</p>}
    </>
  );
}
