import { useEffect, useState } from 'react';
import { RuleBuilder } from '../rules/RuleBuilder.tsx';
import { useSegmentEditor } from './segmentEditorStore.ts';
import { useNavigation } from '../app/navigation.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

/** Segments: the list, and a rule builder with the live count and a sample of the matching contacts. */
export function SegmentsScreen() {
  const segments = useSegmentEditor((s) => s.segments);
  const editingId = useSegmentEditor((s) => s.editingId);
  const { load, edit } = useSegmentEditor.getState();

  useEffect(() => {
    void load().then(() => useSegmentEditor.getState().refreshPreview());
  }, [load]);

  return (
    <section className="screen segments-screen" aria-labelledby="segments-title">
      <header className="screen-header">
        <h1 id="segments-title">Segments</h1>
        <button type="button" onClick={() => edit(null)}>
          New segment
        </button>
      </header>
      <div className="split">
        <nav aria-label="Segments list">
          <ul className="plain-list">
            {segments.map((s) => (
              <li key={s.id}>
                <button type="button" className="link" aria-current={s.id === editingId ? 'true' : undefined} onClick={() => edit(s.id)}>
                  {s.name}
                </button>{' '}
                <span className="muted">{s.kind}</span>
              </li>
            ))}
            {segments.length === 0 && <li className="muted">No segments yet.</li>}
          </ul>
        </nav>
        <SegmentEditor />
      </div>
    </section>
  );
}

function SegmentEditor() {
  const name = useSegmentEditor((s) => s.name);
  const rule = useSegmentEditor((s) => s.rule);
  const editingId = useSegmentEditor((s) => s.editingId);
  const segments = useSegmentEditor((s) => s.segments);
  const attributes = useSegmentEditor((s) => s.attributes);
  const error = useSegmentEditor((s) => s.error);
  const notice = useSegmentEditor((s) => s.notice);
  const { setName, setRule, save, saveStatic, remove } = useSegmentEditor.getState();
  const kind = segments.find((s) => s.id === editingId)?.kind;
  const [confirming, setConfirming] = useState(false);

  return (
    <div className="segment-editor">
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input aria-label="Segment name" placeholder="Segment name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="primary" disabled={!name.trim()}>
          {editingId ? 'Save segment' : 'Create segment'}
        </button>
        <button type="button" disabled={!name.trim()} onClick={() => void saveStatic(`${name.trim()} (static ${new Date().toISOString().slice(0, 10)})`)}>
          Save as a static list
        </button>
        {editingId && (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Delete segment
          </button>
        )}
      </form>
      {kind === 'static' && <p className="muted">A static list: its members were frozen when it was saved; the rule below is where they came from.</p>}
      <RuleBuilder value={rule} onChange={setRule} attributes={attributes} segments={segments.filter((s) => s.id !== editingId)} />
      <SegmentPreviewPanel />
      {confirming && (
        <ConfirmDialog
          title={`Delete “${name}”?`}
          message="Journeys that use this segment will report a missing segment."
          confirmLabel="Delete segment"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void remove();
          }}
        />
      )}
    </div>
  );
}

function SegmentPreviewPanel() {
  const preview = useSegmentEditor((s) => s.preview);
  const previewing = useSegmentEditor((s) => s.previewing);
  const go = useNavigation((s) => s.go);
  if (!preview) return <p className="muted">Counting…</p>;
  return (
    <section className="segment-preview" aria-label="Matching contacts" aria-busy={previewing}>
      <p>
        <output aria-label="Matching contacts count">{preview.count.toLocaleString('en-US')}</output> of {preview.total.toLocaleString('en-US')} contacts match
      </p>
      {preview.tooSmall && (
        <p role="note" className="warning">
          Only {preview.count.toLocaleString('en-US')} contacts: below the minimum of {preview.minimumSize}. Segments this small rarely tell you anything; consider widening the rule.
        </p>
      )}
      <ul className="plain-list" aria-label="Sample of matching contacts">
        {preview.sample.map((c) => (
          <li key={c.id}>
            <button type="button" className="link" onClick={() => go({ screen: 'contact', id: c.id })}>
              {c.email}
            </button>{' '}
            <span className="muted">{[c.firstName, c.lastName].filter(Boolean).join(' ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
