import { useEffect, useState, type DragEvent } from 'react';
import type { ImportReport } from '../../../shared/api/calls/contacts.ts';
import {
  attributeTypes,
  contactFields,
  csvDelimiterNames,
  csvDelimiters,
  eventFields,
  fileEncodingNames,
  fileEncodings,
  suppressionFields,
  type ColumnMapping,
  type ColumnTarget,
  type CsvDelimiter,
  type FileEncoding,
  type ImportKind,
} from '../../../shared/contacts/importMapping.ts';
import { attributeNameFromHeader } from '../../../shared/contacts/attributeName.ts';
import { api } from '../api/client.ts';
import { useImport } from './importStore.ts';
import { downloadText } from '../ui/download.ts';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';

const n = (value: number) => value.toLocaleString('en-US');

/** Import contacts or events: pick or drop a file, check the preview and mapping, run, read the report. */
export function ImportScreen() {
  const kind = useImport((s) => s.kind);
  const fileName = useImport((s) => s.fileName);
  const preview = useImport((s) => s.preview);
  const report = useImport((s) => s.report);
  const error = useImport((s) => s.error);
  const uploaded = useImport((s) => s.uploadedBytes);
  const total = useImport((s) => s.totalBytes);
  const { setKind, upload, openPicked, reset } = useImport.getState();
  const [dragging, setDragging] = useState(false);
  const desktop = typeof window !== 'undefined' && Boolean(window.journeyStudio);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  };
  const pickNative = async () => {
    const { file } = await api()['dialogs.openFile']({ title: `Import ${kind}`, filters: [{ name: 'CSV or JSON Lines', extensions: ['csv', 'tsv', 'txt', 'jsonl', 'ndjson', 'json'] }] });
    if (file) await openPicked(file);
  };

  return (
    <section className="screen" aria-labelledby="import-title" onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <header className="screen-header">
        <h1 id="import-title">Import</h1>
      </header>
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      <fieldset className="inline-form" disabled={report?.status === 'running'}>
        <legend>What the file holds</legend>
        <label>
          <input type="radio" name="import-kind" checked={kind === 'contacts'} onChange={() => setKind('contacts')} /> Contacts
        </label>
        <label>
          <input type="radio" name="import-kind" checked={kind === 'events'} onChange={() => setKind('events')} /> Events
        </label>
        <label>
          <input type="radio" name="import-kind" checked={kind === 'suppressions'} onChange={() => setKind('suppressions')} /> Suppression list
        </label>
      </fieldset>
      <div className={`drop-zone${dragging ? ' dragging' : ''}`}>
        <p>Drop a CSV or JSON Lines file here, or</p>
        {desktop ? (
          <button type="button" onClick={() => void pickNative()}>
            Choose a file…
          </button>
        ) : (
          <input type="file" aria-label="Choose a file to import" accept=".csv,.tsv,.txt,.jsonl,.ndjson,.json" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
        )}
        {fileName && total > 0 && uploaded < total && (
          <p>
            Uploading {fileName}: <progress aria-label="Upload progress" max={total} value={uploaded} />
          </p>
        )}
      </div>
      {preview && !report && <PreviewAndMapping />}
      {report && <ImportProgress />}
      {report && report.status !== 'running' && (
        <button type="button" onClick={reset}>
          Import another file
        </button>
      )}
      <RecentImports current={report} />
    </section>
  );
}

const fieldsOf: Record<ImportKind, readonly string[]> = { contacts: contactFields, events: eventFields, suppressions: suppressionFields };
const statusWords: Record<ImportReport['status'], string> = {
  running: 'Import running',
  done: 'Import finished',
  cancelled: 'Import cancelled',
  failed: 'Import failed',
  interrupted: 'Import interrupted',
};

/** The latest runs, so that one the app stopped in the middle of is seen (and can be finished by running it again). */
function RecentImports({ current }: { current: ImportReport | null }) {
  const [runs, setRuns] = useState<ImportReport[]>([]);
  const status = current?.status;
  useEffect(() => {
    let live = true;
    api()['contacts.importRuns']({ limit: 10 }).then((list) => live && setRuns(list), () => undefined);
    return () => {
      live = false;
    };
  }, [status]);
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="recent-imports-title">
      <h2 id="recent-imports-title">Recent imports</h2>
      <table className="table" aria-label="Recent imports">
        <ColumnHeads names={['File', 'What', 'Status', 'Rows', 'Started']} />
        <tbody>
          {runs.map((run) => (
            <tr key={run.runId}>
              <td>{run.file}</td>
              <td>{run.kind}</td>
              <td title={run.error ?? undefined}>{run.status === 'interrupted' ? 'interrupted: import the file again to finish it' : run.status}</td>
              <td>{n(run.rowsRead)}</td>
              <td>{new Date(run.startedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const targetValue = (target: ColumnTarget) => (target.kind === 'field' ? `field:${target.field}` : target.kind);

function PreviewAndMapping() {
  const preview = useImport((s) => s.preview)!;
  const mapping = useImport((s) => s.mapping);
  const kind = useImport((s) => s.kind);
  const badCells = useImport((s) => s.badCells);
  const chosen = useImport((s) => s.reading.encoding !== undefined || s.reading.delimiter !== undefined);
  const { setMapping, start, setReading, setBadCells } = useImport.getState();
  const fields = fieldsOf[kind] as ReadonlyArray<Extract<ColumnTarget, { kind: 'field' }>['field']>;

  const change = (index: number, current: ColumnMapping, value: string) => {
    const fallbackName = attributeNameFromHeader(current.source);
    const target: ColumnTarget =
      value === 'ignore'
        ? { kind: 'ignore' }
        : value === 'attribute'
          ? { kind: 'attribute', name: current.target.kind === 'attribute' ? current.target.name : fallbackName, type: current.target.kind === 'attribute' ? current.target.type : 'text' }
          : { kind: 'field', field: value.slice('field:'.length) as (typeof fields)[number] };
    setMapping(index, { ...current, target });
  };

  return (
    <section aria-label="Preview and column mapping">
      {preview.format === 'csv' ? (
        <div className="inline-form" role="group" aria-label="How the file is read">
          <span>CSV</span>
          <label>
            Encoding{' '}
            <select aria-label="File encoding" value={preview.encoding} onChange={(e) => void setReading({ encoding: e.target.value as FileEncoding })}>
              {fileEncodings.map((encoding) => (
                <option key={encoding} value={encoding}>
                  {fileEncodingNames[encoding]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Delimiter{' '}
            <select aria-label="Delimiter" value={preview.delimiter ?? ','} onChange={(e) => void setReading({ delimiter: e.target.value as CsvDelimiter })}>
              {csvDelimiters.map((delimiter) => (
                <option key={delimiter} value={delimiter}>
                  {csvDelimiterNames[delimiter]}
                </option>
              ))}
            </select>
          </label>
          <span className="muted">
            {chosen ? 'as chosen' : 'found in the file; change them if the preview looks wrong'} · the first {preview.rows.length} rows
          </span>
        </div>
      ) : (
        <p className="muted">JSON Lines (UTF-8) · the first {preview.rows.length} rows</p>
      )}
      <div className="table-scroll">
        <table className="table" aria-label="File preview">
          <thead>
            <tr>
              {mapping.map((m, i) => (
                <th key={m.source} scope="col">
                  <div>{m.source}</div>
                  <select aria-label={`Column ${m.source} goes to`} value={targetValue(m.target)} onChange={(e) => change(i, m, e.target.value)}>
                    {fields.map((f) => (
                      <option key={f} value={`field:${f}`}>
                        {f}
                      </option>
                    ))}
                    {kind !== 'suppressions' && <option value="attribute">{kind === 'contacts' ? 'custom attribute' : 'property'}</option>}
                    <option value="ignore">ignore</option>
                  </select>
                  {m.target.kind === 'attribute' && (
                    <>
                      <input aria-label={`Column ${m.source} name`} value={m.target.name} onChange={(e) => setMapping(i, { ...m, target: { ...(m.target as Extract<ColumnTarget, { kind: 'attribute' }>), name: e.target.value } })} />
                      <select aria-label={`Column ${m.source} type`} value={m.target.type} onChange={(e) => setMapping(i, { ...m, target: { ...(m.target as Extract<ColumnTarget, { kind: 'attribute' }>), type: e.target.value as (typeof attributeTypes)[number] } })}>
                        {attributeTypes.map((t) => (
                          <option key={t} value={t}>
                            {t}
                          </option>
                        ))}
                      </select>
                    </>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.slice(0, 10).map((row, r) => (
              <tr key={r}>
                {mapping.map((m) => (
                  <td key={m.source}>{typeof row[m.source] === 'object' ? JSON.stringify(row[m.source]) : String(row[m.source] ?? '')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">A column is imported as text unless you give it a type, or every value in it is a number, true/false or a date written so that reading it changes nothing (01234 stays 01234).</p>
      {kind !== 'suppressions' && (
        <label>
          <input type="checkbox" checked={badCells === 'skip-cell'} onChange={(e) => setBadCells(e.target.checked ? 'skip-cell' : 'skip-row')} /> When a cell cannot be read as its column&apos;s type, leave that cell out
          and import the rest of its row (the report lists it); otherwise the whole row is skipped
        </label>
      )}
      <p className="merge-rule">{preview.mergeRule}</p>
      <button type="button" className="primary" onClick={() => void start()}>
        Start import
      </button>
    </section>
  );
}

function ImportProgress() {
  const report = useImport((s) => s.report)!;
  const { cancel } = useImport.getState();
  const running = report.status === 'running';
  const downloadReport = async () => {
    const { fileName, csv } = await api()['contacts.importReportCsv']({ runId: report.runId });
    downloadText(fileName, csv, 'text/csv');
  };
  return (
    <section aria-label="Import progress" aria-live="polite">
      {running ? (
        <>
          <progress aria-label="Import progress" max={report.totalBytes || 1} value={report.bytesRead} />
          <p>
            {n(report.rowsRead)} rows · {n(report.rowsPerSecond)} rows/s
          </p>
          <button type="button" className="danger" onClick={() => void cancel()}>
            Cancel import
          </button>
        </>
      ) : (
        <h2>{statusWords[report.status]}</h2>
      )}
      {report.error && <p role="alert" className="error-banner">{report.error}</p>}
      <dl className="report-counts" aria-label="Import report">
        <dt>Rows read</dt>
        <dd>{n(report.rowsRead)}</dd>
        <dt>Inserted</dt>
        <dd>{n(report.inserted)}</dd>
        {report.kind === 'contacts' ? (
          <>
            <dt>Updated</dt>
            <dd>{n(report.updated)}</dd>
            <dt>Unchanged</dt>
            <dd>{n(report.unchanged)}</dd>
          </>
        ) : (
          <>
            <dt>{report.kind === 'events' ? 'Already imported' : 'Already on the list'}</dt>
            <dd>{n(report.unchanged)}</dd>
          </>
        )}
        <dt>Skipped</dt>
        <dd>{n(report.skipped)}</dd>
        {report.cellsSkipped > 0 && (
          <>
            <dt>Cells left out</dt>
            <dd>{n(report.cellsSkipped)}</dd>
          </>
        )}
      </dl>
      {report.problems.length > 0 && (
        <>
          <table className="table" aria-label={report.cellsSkipped > 0 ? 'Skipped rows and cells' : 'Skipped rows'}>
            <ColumnHeads names={['Line', 'Reason']} />
            <tbody>
              {report.problems.map((p) => (
                <tr key={`${p.line}-${p.reason}`}>
                  <td>{p.line}</td>
                  <td>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.skipped + report.cellsSkipped > report.problems.length && (
            <p className="muted">
              The first {report.problems.length} of {n(report.skipped + report.cellsSkipped)}; the CSV report has them all.
            </p>
          )}
        </>
      )}
      {!running && (
        <button type="button" onClick={() => void downloadReport()}>
          Download report (CSV)
        </button>
      )}
    </section>
  );
}
