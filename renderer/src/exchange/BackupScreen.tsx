import { useRef, useState } from 'react';
import type { FileProblem, FileSource, WorkspaceCounts } from '../../../shared/api/calls/exchange.ts';
import { api } from '../api/client.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { exportWorkspace, fileNameOf, pickFile, sourceOfFile } from './fileTransfer.ts';
import './exchange.css';

type Restore =
  | { phase: 'idle' }
  | { phase: 'confirm'; source: FileSource }
  | { phase: 'working' }
  | { phase: 'problems'; fileName: string; problems: FileProblem[] }
  | { phase: 'restored'; fileName: string; counts: WorkspaceCounts; notes: FileProblem[] }
  | { phase: 'failed'; message: string };

const countLabels: Array<[keyof WorkspaceCounts, string]> = [
  ['journeys', 'Journeys'],
  ['templates', 'Templates'],
  ['segments', 'Segments'],
  ['snippets', 'Snippets'],
  ['settings', 'Settings'],
  ['contacts', 'Contacts'],
  ['events', 'Events'],
];

function Counts({ counts, label }: { counts: WorkspaceCounts; label: string }) {
  return (
    <dl className="backup-counts" aria-label={label}>
      {countLabels.map(([key, text]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt>{text}</dt>
          <dd>{counts[key].toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Back up the whole workspace to one file, and restore it from one. */
export function BackupScreen() {
  const [includeContacts, setIncludeContacts] = useState(false);
  const [includeEvents, setIncludeEvents] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [restore, setRestore] = useState<Restore>({ phase: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  const onExport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      setExported(await exportWorkspace({ includeContacts: includeContacts || includeEvents, includeEvents }));
    } catch (error) {
      setExportError(message(error));
    }
    setExporting(false);
  };

  const onChoose = async () => {
    try {
      const source = await pickFile('Restore a workspace backup', input.current);
      if (source) setRestore({ phase: 'confirm', source });
    } catch (error) {
      setRestore({ phase: 'failed', message: message(error) });
    }
  };

  const onRestore = async (source: FileSource) => {
    setRestore({ phase: 'working' });
    try {
      const result = await api()['exchange.restoreWorkspace']({ file: source });
      const fileName = fileNameOf(source);
      setRestore(result.outcome === 'invalid' ? { phase: 'problems', fileName, problems: result.problems } : { phase: 'restored', fileName, counts: result.counts, notes: result.notes });
    } catch (error) {
      setRestore({ phase: 'failed', message: message(error) });
    }
  };

  return (
    <section className="screen" aria-labelledby="backup-title">
      <h1 id="backup-title">Workspace backup</h1>
      <div className="backup-section">
        <h2>Back up</h2>
        <p>
          One file with every journey, template, segment, snippet and setting, but never the SMTP password nor the key that signs unsubscribe links. Contacts and their events
          are personal data: include them only when you need them.
        </p>
        <label>
          <input type="checkbox" checked={includeContacts || includeEvents} disabled={includeEvents} onChange={(e) => setIncludeContacts(e.target.checked)} />
          Include contacts
        </label>
        <label>
          <input type="checkbox" checked={includeEvents} onChange={(e) => setIncludeEvents(e.target.checked)} />
          Include events (and so contacts)
        </label>
        <button type="button" className="primary" onClick={() => void onExport()} disabled={exporting}>
          {exporting ? 'Backing up…' : 'Back up workspace'}
        </button>
        {exported && <p role="status">Saved {exported}.</p>}
        {exportError && <p role="alert" className="error-banner">{exportError}</p>}
      </div>

      <div className="backup-section">
        <h2>Restore</h2>
        <p>
          Writes everything in a backup into this workspace. Items with the same id are replaced; nothing else is deleted. If anything in the file is wrong, nothing is written.
          This workspace keeps its own SMTP password and unsubscribe key, so the unsubscribe links it has sent keep working.
        </p>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          aria-label="Backup file to restore"
          tabIndex={-1}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void sourceOfFile(file).then((source) => setRestore({ phase: 'confirm', source }));
          }}
        />
        <button type="button" onClick={() => void onChoose()} disabled={restore.phase === 'working'}>
          {restore.phase === 'working' ? 'Restoring…' : 'Restore from a backup…'}
        </button>
        {restore.phase === 'restored' && (
          <div role="status">
            <p>Restored {restore.fileName}:</p>
            <Counts counts={restore.counts} label="Restored" />
            {restore.notes.length > 0 && (
              <ul className="problem-list" aria-label="Notes">
                {restore.notes.map((n, i) => (
                  <li key={i}>
                    {n.path && <code>{n.path}</code>} {n.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {restore.phase === 'problems' && (
          <div role="alert">
            <p>{restore.fileName} was not restored; nothing was changed:</p>
            <ul className="problem-list" aria-label="Problems">
              {restore.problems.map((p, i) => (
                <li key={i}>
                  {p.path && <code>{p.path}</code>} {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {restore.phase === 'failed' && <p role="alert" className="error-banner">{restore.message}</p>}
      </div>
      {restore.phase === 'confirm' && (
        <ConfirmDialog
          title={`Restore ${fileNameOf(restore.source)}?`}
          message="Journeys, templates, segments, snippets and settings with the same id as in the backup are replaced by the backup's. Contacts are merged by email."
          confirmLabel="Restore"
          onCancel={() => setRestore({ phase: 'idle' })}
          onConfirm={() => void onRestore(restore.source)}
        />
      )}
    </section>
  );
}
