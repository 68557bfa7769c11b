import { useEffect, useState, type FormEvent } from 'react';
import type { ImportReport, ImportSource } from '../../../shared/api/calls/contacts.ts';
import { api } from '../api/client.ts';
import { uploadFile } from '../import/uploadFile.ts';
import { downloadText } from '../ui/download.ts';

type Suppression = { email: string; reason: string; addedAt: number };

/** The suppression list: addresses never to email, whatever their consent says. Add and remove by hand. */
export function SuppressionsPanel() {
  const [items, setItems] = useState<Suppression[]>([]);
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const desktop = typeof window !== 'undefined' && Boolean(window.journeyStudio);

  useEffect(() => {
    let current = true;
    api()['contacts.suppressions']({}).then((list) => current && setItems(list), (e: unknown) => current && setError(String(e)));
    return () => {
      current = false;
    };
  }, []);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      setItems(await api()['contacts.suppressions']({}));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const importList = (source: () => Promise<ImportSource | undefined>) =>
    run(async () => {
      const chosen = await source();
      if (!chosen) return;
      const { runId } = await api()['contacts.startImport']({ kind: 'suppressions', source: chosen });
      setReport(await finished(runId));
    });
  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api()['contacts.suppress']({ email, reason: reason || undefined });
      setEmail('');
      setReason('');
    });
  };

  return (
    <details className="suppressions">
      <summary>Suppression list ({items.length})</summary>
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      <form className="inline-form" onSubmit={add}>
        <input aria-label="Address to suppress" type="email" placeholder="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <input aria-label="Reason" placeholder="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={!email.trim()}>
          Suppress
        </button>
      </form>
      <div className="inline-form">
        <span>Import addresses from a file (a CSV with an email column, or one address per line):</span>
        {desktop ? (
          <button
            type="button"
            onClick={() =>
              void importList(async () => {
                const { file } = await api()['dialogs.openFile']({ title: 'Import a suppression list', filters: [{ name: 'CSV or text', extensions: ['csv', 'tsv', 'txt'] }] });
                return file ? { picked: file.token } : undefined;
              })
            }
          >
            Import a list…
          </button>
        ) : (
          <input
            type="file"
            aria-label="Import a suppression list"
            accept=".csv,.tsv,.txt"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importList(async () => ({ uploadId: await uploadFile(file) }));
            }}
          />
        )}
      </div>
      {report && <SuppressionImportReport report={report} />}
      <table className="table" aria-label="Suppressed addresses">
        <tbody>
          {items.map((s) => (
            <tr key={s.email}>
              <td>{s.email}</td>
              <td>{s.reason}</td>
              <td>{new Date(s.addedAt).toLocaleDateString()}</td>
              <td>
                <button type="button" className="link" aria-label={`Remove ${s.email} from the suppression list`} onClick={() => void run(() => api()['contacts.unsuppress']({ email: s.email }))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Polls an import until it is no longer running. */
async function finished(runId: string): Promise<ImportReport> {
  for (;;) {
    const report = await api()['contacts.importStatus']({ runId });
    if (report.status !== 'running') return report;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function SuppressionImportReport({ report }: { report: ImportReport }) {
  const n = (value: number) => value.toLocaleString('en-US');
  const download = async () => {
    const { fileName, csv } = await api()['contacts.importReportCsv']({ runId: report.runId });
    downloadText(fileName, csv, 'text/csv');
  };
  return (
    <section aria-label="Suppression import report" aria-live="polite">
      {report.error ? (
        <p role="alert" className="error-banner">
          {report.error}
        </p>
      ) : (
        <p>
          {report.file}: {n(report.inserted)} added, {n(report.unchanged)} already on the list, {n(report.skipped)} skipped
        </p>
      )}
      {report.problems.length > 0 && (
        <>
          <ul aria-label="Skipped lines">
            {report.problems.slice(0, 20).map((p) => (
              <li key={`${p.line}-${p.reason}`}>
                line {p.line}: {p.reason}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void download()}>
            Download report (CSV)
          </button>
        </>
      )}
    </section>
  );
}
