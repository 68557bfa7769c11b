import type { LintFinding, PreviewResult } from '../../../shared/api/calls/templates.ts';
import { ContactPicker } from './ContactPicker.tsx';
import { PreviewTriggerPicker } from './PreviewTriggerPicker.tsx';
import { SendTestForm } from './SendTestForm.tsx';
import { templateErrorPlace } from './templateErrorPlace.ts';
import { useTemplateEditor } from './templateEditorStore.ts';

const widths = { desktop: 640, mobile: 375 } as const;

const where = templateErrorPlace;

function LintPanel({ findings }: { findings: LintFinding[] }) {
  return (
    <section className="lint-panel" aria-labelledby="lint-title">
      <h3 id="lint-title">Checks {findings.length > 0 && <span className="count">{findings.length}</span>}</h3>
      {findings.length === 0 ? (
        <p className="muted">No problems found.</p>
      ) : (
        <ul aria-label="Lint findings">
          {findings.map((f, i) => (
            <li key={i} className={`finding finding-${f.severity}`}>
              <span className="finding-rule">{f.severity === 'error' ? 'Error' : 'Warning'} · {f.rule}</span> <span className="muted">{where(f)}</span>
              <div>{f.message}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Rendered({ preview, width }: { preview: PreviewResult; width: number }) {
  const { email } = preview;
  if (!email) return null;
  return (
    <div className="preview-email">
      <dl className="preview-headers">
        <dt>From</dt>
        <dd>{email.fromName || email.fromEmail ? `${email.fromName} <${email.fromEmail}>` : <span className="muted">not set</span>}</dd>
        <dt>Subject</dt>
        <dd data-testid="preview-subject">{email.subject}</dd>
        <dt>Preheader</dt>
        <dd data-testid="preview-preheader">{email.preheader || <span className="muted">none</span>}</dd>
      </dl>
      {email.unknownVariables.length > 0 && <p className="warn-banner">Unknown for this contact, rendered empty: {email.unknownVariables.join(', ')}</p>}
      {/* sandbox without allow-scripts or allow-same-origin: the email cannot run code or reach the app */}
      <iframe title="Email preview" className="preview-frame" sandbox="" srcDoc={email.html} style={{ width }} />
    </div>
  );
}

/** The live preview: who it is for, desktop or mobile width, the rendered email or its error, and the checks. */
export function PreviewPane() {
  const preview = useTemplateEditor((s) => s.preview);
  const previewError = useTemplateEditor((s) => s.previewError);
  const contact = useTemplateEditor((s) => s.contact);
  const width = useTemplateEditor((s) => s.width);
  const { setContact, setWidth } = useTemplateEditor.getState();

  return (
    <aside className="preview-pane" aria-label="Preview">
      <div className="preview-toolbar">
        <ContactPicker
          chosen={contact?.label ?? null}
          onChoose={(c) => setContact(c && { id: c.id, label: `${c.name} <${c.email}>` })}
          caption="Preview for"
          searchLabel="Search contacts to preview"
          listLabel="Contacts"
          className="contact-picker"
          showTags
        />
        <div className="segmented" role="group" aria-label="Preview width">
          {(['desktop', 'mobile'] as const).map((w) => (
            <button key={w} type="button" aria-pressed={width === w} onClick={() => setWidth(w)}>
              {w === 'desktop' ? 'Desktop' : 'Mobile'}
            </button>
          ))}
        </div>
      </div>
      {previewError && (
        <p role="alert" className="error-banner">
          {previewError}
        </p>
      )}
      {preview?.error && (
        <p role="alert" className="error-banner" data-testid="template-error">
          Error in the {where(preview.error)}: {preview.error.message}
        </p>
      )}
      {preview?.contact.warnings.map((warning) => (
        <p key={warning} role="status" className="warning">
          {warning}
        </p>
      ))}
      {preview && <PreviewTriggerPicker trigger={preview.trigger} storedContact={preview.contact.id !== null} />}
      <SendTestForm />
      {preview && <Rendered preview={preview} width={widths[width]} />}
      {preview && <LintPanel findings={preview.lint} />}
    </aside>
  );
}
