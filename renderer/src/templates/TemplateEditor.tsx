import { useEffect, useState, type FormEvent } from 'react';
import { activeContent, isDirty, useTemplateEditor } from './templateEditorStore.ts';
import { BodyEditor } from './BodyEditor.tsx';
import { PreviewPane } from './PreviewPane.tsx';
import { useNavigation } from '../app/navigation.ts';

/** Re-renders the preview a moment after the last change, for the current contact. */
function useLivePreview() {
  const document = useTemplateEditor((s) => s.document);
  const contact = useTemplateEditor((s) => s.contact);
  const triggerEvent = useTemplateEditor((s) => s.triggerEvent);
  useEffect(() => {
    if (!document) return;
    const timer = setTimeout(() => void useTemplateEditor.getState().refreshPreview(), 250);
    return () => clearTimeout(timer);
  }, [document, contact, triggerEvent]);
}

function LocaleTabs() {
  const document = useTemplateEditor((s) => s.document)!;
  const active = useTemplateEditor((s) => s.active);
  const { setActive, addVariant, removeVariant } = useTemplateEditor.getState();
  const [locale, setLocale] = useState('');
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    const value = locale.trim();
    if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(value)) return;
    addVariant(value);
    setLocale('');
  };
  return (
    <div className="locale-tabs">
      <div role="tablist" aria-label="Languages">
        <button type="button" role="tab" aria-selected={active === 'default'} onClick={() => setActive('default')}>
          {document.locale} (default)
        </button>
        {Object.keys(document.variants).map((l) => (
          <button key={l} type="button" role="tab" aria-selected={active === l} onClick={() => setActive(l)}>
            {l}
          </button>
        ))}
      </div>
      {active !== 'default' && (
        <button type="button" className="danger" onClick={() => removeVariant(active)}>
          Remove {active}
        </button>
      )}
      <form className="inline-form" onSubmit={onAdd}>
        <input aria-label="New language (e.g. fr or de-CH)" placeholder="fr, de-CH…" value={locale} size={8} onChange={(e) => setLocale(e.target.value)} />
        <button type="submit" disabled={!locale.trim()}>
          Add language
        </button>
      </form>
    </div>
  );
}

/** One template: sender, languages, subject, preheader, body and text, with the live preview beside it. */
export function TemplateEditor({ templateId }: { templateId: string }) {
  const document = useTemplateEditor((s) => s.document);
  const name = useTemplateEditor((s) => s.name);
  const error = useTemplateEditor((s) => s.error);
  const saving = useTemplateEditor((s) => s.saving);
  const dirty = useTemplateEditor(isDirty);
  const content = useTemplateEditor(activeContent);
  const active = useTemplateEditor((s) => s.active);
  const { load, setName, setDocument, setContent, save } = useTemplateEditor.getState();
  const go = useNavigation((s) => s.go);

  useEffect(() => {
    void load(templateId);
  }, [load, templateId]);
  useLivePreview();

  if (!document || !content) {
    return <section className="screen">{error ? <p role="alert" className="error-banner">{error}</p> : <p className="muted">Loading…</p>}</section>;
  }

  return (
    <section className="template-editor" aria-labelledby="template-title">
      <header className="screen-header template-header">
        <button type="button" className="link" onClick={() => go({ screen: 'templates' })}>
          ← Templates
        </button>
        <h1 id="template-title" className="visually-hidden">
          {name}
        </h1>
        <input className="template-name" aria-label="Template name" value={name} onChange={(e) => setName(e.target.value)} />
        <span className="muted" aria-live="polite">
          {saving ? 'Saving…' : dirty ? 'Unsaved changes' : 'Saved'}
        </span>
        <button type="button" className="primary" disabled={!dirty || saving} onClick={() => void save()}>
          Save
        </button>
      </header>
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      <div className="template-columns">
        <div className="template-form">
          <fieldset className="sender">
            <legend>Sender</legend>
            <label>
              From name
              <input value={document.fromName} onChange={(e) => setDocument({ fromName: e.target.value })} />
            </label>
            <label>
              From address
              <input type="email" value={document.fromEmail} onChange={(e) => setDocument({ fromEmail: e.target.value })} />
            </label>
            <label>
              Reply-to
              <input type="email" value={document.replyTo} onChange={(e) => setDocument({ replyTo: e.target.value })} />
            </label>
            <label>
              Format
              <select value={document.format} onChange={(e) => setDocument({ format: e.target.value as 'html' | 'mjml' })}>
                <option value="html">HTML</option>
                <option value="mjml">MJML (responsive)</option>
              </select>
            </label>
            <label>
              Default language
              <input value={document.locale} size={6} onChange={(e) => setDocument({ locale: e.target.value })} />
            </label>
          </fieldset>
          <LocaleTabs />
          <label className="wide">
            Subject
            <input value={content.subject} onChange={(e) => setContent({ subject: e.target.value })} />
          </label>
          <label className="wide">
            Preheader
            <input value={content.preheader} onChange={(e) => setContent({ preheader: e.target.value })} />
          </label>
          <div className="wide body-field">
            <span id="body-label">Body ({document.format === 'mjml' ? 'MJML' : 'HTML'} with Liquid)</span>
            <BodyEditor key={active} label="Body" value={content.body} onChange={(body) => setContent({ body })} />
          </div>
          <label className="wide">
            Plain text <span className="muted">(left empty, it is generated from the HTML)</span>
            <textarea rows={4} value={content.text} onChange={(e) => setContent({ text: e.target.value })} />
          </label>
        </div>
        <PreviewPane />
      </div>
    </section>
  );
}
