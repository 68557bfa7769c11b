import type { EngagementResults } from '../../../shared/api/calls/results.ts';
import { UsualHoursChart } from './Charts.tsx';
import { CsvButton } from './CsvButton.tsx';
import type { CsvTable } from './csv.ts';

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hours = Array.from({ length: 24 }, (_, h) => h);

export function engagementCsv(engagement: EngagementResults): CsvTable {
  return { header: ['Weekday', ...hours.map((h) => `${h}:00`)], rows: engagement.matrix.counts.map((row, d) => [weekdayNames[d], ...row]) };
}

/** Opens and clicks by the contacts' local weekday and hour, as a heat map table, and their usual hours. */
export function EngagementPanel(props: { engagement: EngagementResults; onSegment(segmentId: string | null): void }) {
  const { engagement } = props;
  const max = Math.max(1, ...engagement.matrix.counts.flat());
  const segmentName = engagement.segments.find((s) => s.id === engagement.segmentId)?.name ?? 'Everyone';
  return (
    <section className="results-section" aria-labelledby="engagement-title">
      <header className="section-header">
        <h2 id="engagement-title">Engagement by hour and weekday</h2>
        <label className="no-print">
          Segment{' '}
          <select aria-label="Segment for engagement" value={engagement.segmentId ?? ''} onChange={(e) => props.onSegment(e.target.value || null)}>
            <option value="">Everyone</option>
            {engagement.segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <CsvButton title="engagement by hour and weekday" fileParts={['Engagement', segmentName]} table={() => engagementCsv(engagement)} />
      </header>
      <p className="muted">
        {engagement.matrix.total.toLocaleString('en-US')} opens and clicks by {engagement.matrix.contacts.toLocaleString('en-US')} contacts, in each contact's own time zone.
      </p>
      <div className="table-scroll">
        <table className="heatmap" aria-label="Engagement by weekday and hour">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Weekday</span>
              </th>
              {hours.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {engagement.matrix.counts.map((row, d) => (
              <tr key={d}>
                <th scope="row">{weekdayNames[d].slice(0, 3)}</th>
                {row.map((count, h) => (
                  <td key={h} title={`${weekdayNames[d]} ${h}:00 – ${count}`} style={{ background: `color-mix(in srgb, var(--accent) ${Math.round((count / max) * 100)}%, transparent)` }}>
                    <span className="visually-hidden">{count}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Usual engagement hour</h3>
      <p className="muted">Contacts with at least three opens or clicks, by the local hour they engage most.</p>
      <UsualHoursChart usualHours={engagement.usualHours} />
    </section>
  );
}
