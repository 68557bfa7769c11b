import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CountKey } from '../../../shared/simulation/forecast.ts';
import type { ForecastResult, NodeCounts } from '../../../shared/simulation/output.ts';
import { createForecastStore, type ForecastStore } from './forecastStore.ts';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';

const columns: Array<{ key: Exclude<CountKey, `branch:${string}`>; label: string }> = [
  { key: 'entered', label: 'Entered' },
  { key: 'waiting', label: 'Waiting' },
  { key: 'exited', label: 'Exited' },
  { key: 'sent', label: 'Sent' },
  { key: 'deferred', label: 'Deferred' },
  { key: 'suppressed', label: 'Suppressed' },
];

/**
 * Forecast the audience: everyone the trigger would admit (or a sample) through the journey over N days of
 * virtual time, in the background; per-node counts, the contacts behind any count, emails per day, and the
 * draft beside the live version.
 */
export function ForecastView({ journeyId }: { journeyId: string }) {
  const [useStore] = useState<ForecastStore>(() => createForecastStore(journeyId));
  const days = useStore((s) => s.days);
  const sample = useStore((s) => s.sample);
  const seed = useStore((s) => s.seed);
  const compareLive = useStore((s) => s.compareLive);
  const job = useStore((s) => s.job);
  const error = useStore((s) => s.error);
  const behind = useStore((s) => s.behind);
  const { set, start, cancel, stopPolling } = useStore.getState();
  useEffect(() => stopPolling, [stopPolling]);

  const running = job?.status === 'running';
  const result = job?.result ?? null;
  const comparison = job?.comparison ?? null;

  return (
    <section className="forecast" aria-labelledby="forecast-title">
      <h2 id="forecast-title">Forecast the audience</h2>
      <div className="inline-form">
        <label>
          Days
          <input type="number" min={1} max={366} className="short" value={days} onChange={(e) => set({ days: Math.max(1, Number(e.target.value) || 1) })} />
        </label>
        <label>
          Sample
          <input className="short" placeholder="everyone" value={sample} onChange={(e) => set({ sample: e.target.value })} />
        </label>
        <label>
          Seed
          <input type="number" className="short" value={seed} onChange={(e) => set({ seed: Number(e.target.value) || 0 })} />
        </label>
        <label>
          <input type="checkbox" checked={compareLive} onChange={(e) => set({ compareLive: e.target.checked })} /> Compare with the live version
        </label>
        <button type="button" className="primary" disabled={running} onClick={() => void start()}>
          Forecast
        </button>
        {running && (
          <button type="button" onClick={() => void cancel()}>
            Cancel forecast
          </button>
        )}
      </div>
      {job && running && (
        <p>
          <progress aria-label="Forecast progress" max={Math.max(job.total, 1)} value={job.done} /> {job.done.toLocaleString()} / {job.total.toLocaleString()} contacts
        </p>
      )}
      {job?.status === 'cancelled' && <p role="status">Forecast cancelled.</p>}
      {job?.status === 'failed' && <p role="alert" className="error-banner">{job.error}</p>}
      {error && <p role="alert" className="error-banner">{error}</p>}
      {result && (
        <>
          <p role="status">
            {result.simulated.toLocaleString()} of {result.audience.toLocaleString()} admitted contacts over {result.days} days: {result.totals.sent.toLocaleString()} emails
            {comparison && ` (live version: ${comparison.totals.sent.toLocaleString()})`}.
          </p>
          <CountsTable result={result} comparison={comparison} useStore={useStore} />
          <EmailsPerDay result={result} comparison={comparison} />
        </>
      )}
      {behind && (
        <div className="behind" aria-label="Contacts behind the count">
          <h3>
            {behind.total.toLocaleString()} contact(s): {behind.count} at {behind.nodeId}
            {behind.which === 'comparison' ? ' (live)' : ''}
          </h3>
          <ul>
            {behind.contacts.map((c) => (
              <li key={c.id}>
                {c.email} <span className="muted">{c.name}</span>
              </li>
            ))}
          </ul>
          {behind.total > behind.contacts.length && <p className="muted">First {behind.contacts.length} shown.</p>}
        </div>
      )}
    </section>
  );
}

function CountsTable({ result, comparison, useStore }: { result: ForecastResult; comparison: ForecastResult | null; useStore: ForecastStore }) {
  const showContacts = useStore((s) => s.showContacts);
  const other = new Map((comparison?.nodes ?? []).map((n) => [n.nodeId, n]));
  const cell = (which: 'result' | 'comparison', node: NodeCounts | undefined, key: CountKey, value: number | undefined) =>
    value === undefined || node === undefined ? (
      <span className="muted">–</span>
    ) : value === 0 ? (
      <span>0</span>
    ) : (
      <button type="button" className="link" aria-label={`${value} ${key} at ${node.nodeName}${which === 'comparison' ? ' (live)' : ''}`} onClick={() => void showContacts(which, node.nodeId, key)}>
        {value}
      </button>
    );
  return (
    <table className="table forecast-table" aria-label="Counts per step">
      <ColumnHeads names={['Step', ...columns.map((c) => (comparison ? `${c.label} (draft / live)` : c.label)), 'Branches']} />
      <tbody>
        {result.nodes.map((node) => {
          const live = other.get(node.nodeId);
          return (
            <tr key={node.nodeId}>
              <th scope="row">{node.nodeName}</th>
              {columns.map((c) => (
                <td key={c.key}>
                  {cell('result', node, c.key, node[c.key])}
                  {comparison && <> / {cell('comparison', live, c.key, live?.[c.key])}</>}
                </td>
              ))}
              <td>
                {Object.entries(node.branches).map(([branch, n]) => (
                  <span key={branch} className="branch-count">
                    {branch}: {cell('result', node, `branch:${branch}`, n)}
                    {comparison && <> / {cell('comparison', live, `branch:${branch}`, live?.branches[branch] ?? 0)}</>}{' '}
                  </span>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function EmailsPerDay({ result, comparison }: { result: ForecastResult; comparison: ForecastResult | null }) {
  const data = result.emailsPerDay.map((d, i) => ({ date: d.date, draft: d.sent, live: comparison?.emailsPerDay[i]?.sent }));
  return (
    <figure className="emails-chart" aria-label="Emails per day">
      <figcaption>Emails per day</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          {comparison && <Legend />}
          <Bar dataKey="draft" name={comparison ? 'Draft' : 'Emails'} fill="var(--accent)" />
          {comparison && <Bar dataKey="live" name="Live" fill="var(--muted)" />}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
