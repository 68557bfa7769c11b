import { useEffect, useRef } from 'react';
import { useImport } from './importStore.ts';
import { useNavigation } from '../app/navigation.ts';

const where = (p: { path: string; message: string }) => (p.path ? `${p.path}: ${p.message}` : p.message);

/** What became of an import: the problems that stopped it, the clash to decide, or what was imported. */
export function ImportDialog() {
  const state = useImport((s) => s.state);
  const { close, resolveClash } = useImport.getState();
  const go = useNavigation((s) => s.go);
  const ref = useRef<HTMLDialogElement>(null);
  const open = state.phase !== 'idle';

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open || dialog.open) return;
    // Modal where the browser can; jsdom has no showModal, so there it is simply shown.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }, [open]);

  if (!open) return null;
  return (
    <dialog ref={ref} className="dialog exchange-dialog" aria-labelledby="import-title" onCancel={close}>
      {state.phase === 'working' && (
        <>
          <h2 id="import-title">Importing {state.fileName}…</h2>
          <p className="muted">Checking the file.</p>
        </>
      )}
      {state.phase === 'problems' && (
        <>
          <h2 id="import-title">{state.fileName} was not imported</h2>
          <p>
            {state.problems.length === 1 ? 'It has a problem' : `It has ${state.problems.length} problems`}; nothing was changed in your workspace.
          </p>
          <ul className="problem-list" aria-label="Problems">
            {state.problems.map((p, i) => (
              <li key={i}>
                {p.path && <code>{p.path}</code>} {p.message}
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button type="button" onClick={close} autoFocus>
              Close
            </button>
          </div>
        </>
      )}
      {state.phase === 'clash' && (
        <>
          <h2 id="import-title">“{state.name}” is already here</h2>
          <p>
            {state.clashes.map((c) => (c.by === 'id' ? `The journey “${c.name}” has the same id.` : `A journey is already named “${c.name}”.`)).join(' ')} Import the file as a
            copy beside it, or replace it with the file?
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="button" onClick={() => void resolveClash('copy')} autoFocus>
              Import as a copy
            </button>
            <button type="button" className="danger" onClick={() => void resolveClash('replace')}>
              Replace “{state.clashes[0].name}”
            </button>
          </div>
        </>
      )}
      {state.phase === 'done' && (
        <>
          <h2 id="import-title">
            {state.result.replaced ? 'Replaced' : 'Imported'} “{state.result.journey.name}”
          </h2>
          <ImportSummary result={state.result} />
          {state.result.notes.length > 0 && (
            <>
              <p>The draft still needs:</p>
              <ul className="problem-list" aria-label="Still to do">
                {state.result.notes.map((n, i) => (
                  <li key={i}>{where(n)}</li>
                ))}
              </ul>
            </>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              Close
            </button>
            <button
              type="button"
              className="primary"
              autoFocus
              onClick={() => {
                close();
                go({ screen: 'journey', id: state.result.journey.id });
              }}
            >
              Open journey
            </button>
          </div>
        </>
      )}
      {(state.phase === 'failed' || state.phase === 'notice') && (
        <>
          <h2 id="import-title">{state.phase === 'failed' ? `${state.fileName} was not imported` : 'Export'}</h2>
          <p role={state.phase === 'failed' ? 'alert' : undefined}>{state.message}</p>
          <div className="dialog-actions">
            <button type="button" onClick={close} autoFocus>
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

function ImportSummary({ result }: { result: Extract<ReturnType<typeof useImport.getState>['state'], { phase: 'done' }>['result'] }) {
  const parts = (['templates', 'segments', 'snippets'] as const)
    .map((what) => {
      const { imported, reused } = result[what];
      if (!imported.length && !reused.length) return null;
      const said = [imported.length ? `${imported.length} imported` : '', reused.length ? `${reused.length} already here, reused` : ''].filter(Boolean).join(', ');
      return `${what}: ${said}`;
    })
    .filter(Boolean);
  return (
    <p>
      {result.migratedFrom ? `The file was in the older format version ${result.migratedFrom} and was brought up to date. ` : ''}
      {parts.length ? `With it, ${parts.join('; ')}.` : ''}
    </p>
  );
}
