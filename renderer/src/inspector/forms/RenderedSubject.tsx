import { templateErrorPlace } from '../../templates/templateErrorPlace.ts';
import { PreviewContactPicker } from '../PreviewContactPicker.tsx';
import { previewContactLabel, usePreviewContact } from '../previewContactStore.ts';
import { useRenderedSubject } from '../useRenderedSubject.ts';

/** The chosen template's subject and preheader as the chosen preview contact would get them. */
export function RenderedSubject({ templateId, version }: { templateId: string; version: number | undefined }) {
  const contact = usePreviewContact((s) => s.contact);
  const rendered = useRenderedSubject(templateId, version, contact?.id ?? null);
  const who = previewContactLabel(contact);
  return (
    <section className="rendered-subject" aria-label="Rendered subject" aria-busy={rendered.state === 'loading'}>
      <PreviewContactPicker />
      {rendered.state === 'loading' && <p className="muted hint">Rendering for {who}…</p>}
      {rendered.state === 'rendered' && (
        <dl className="template-preview">
          <dt>Subject for {who}</dt>
          <dd data-testid="rendered-subject">{rendered.email.subject}</dd>
          <dt>Preheader</dt>
          <dd data-testid="rendered-preheader">{rendered.email.preheader || <span className="muted">none</span>}</dd>
        </dl>
      )}
      {rendered.state === 'template-error' && (
        <p role="alert" className="field-error" data-testid="rendered-subject-error">
          Error in the {templateErrorPlace(rendered.error)}: {rendered.error.message}
        </p>
      )}
      {rendered.state === 'failed' && (
        <p role="alert" className="field-error">
          Could not render for {who}: {rendered.message}
        </p>
      )}
    </section>
  );
}
