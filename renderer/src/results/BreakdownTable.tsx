import { breakdownDimensions, type BreakdownDimension, type BreakdownRow } from '../../../shared/results/journeyMetrics.ts';
import { CsvButton } from './CsvButton.tsx';
import type { CsvTable } from './csv.ts';
import { formatCount, formatMoney, formatProportion, percentOrNull } from './format.ts';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';

export const dimensionLabels: Record<BreakdownDimension, string> = {
  variant: 'A/B variant',
  segment: 'Segment',
  locale: 'Locale',
  'entry-day': 'Day entered',
  'entry-week': 'Week entered',
};

export function breakdownCsv(dimension: BreakdownDimension, rows: BreakdownRow[]): CsvTable {
  return {
    header: [dimensionLabels[dimension], 'Entered', 'Sent', 'Opens', 'Open rate %', 'Clicks', 'Click rate %', 'Conversions', 'Conversion rate %', 'Revenue'],
    rows: rows.map((r) => [r.label, r.counts.entered, r.counts.sent, r.counts.opened, percentOrNull(r.rates.open), r.counts.clicked, percentOrNull(r.rates.click), r.counts.converted, percentOrNull(r.rates.conversion), r.counts.revenue]),
  };
}

/** Contacts who entered in the range, grouped; conversion rate is per contact entered. */
export function BreakdownTable(props: {
  journeyName: string;
  dimension: BreakdownDimension;
  rows: BreakdownRow[];
  onDimension(dimension: BreakdownDimension): void;
}) {
  const { dimension, rows } = props;
  return (
    <section className="results-section" aria-labelledby="breakdown-title">
      <header className="section-header">
        <h2 id="breakdown-title">Breakdown</h2>
        <label className="no-print">
          By{' '}
          <select aria-label="Break down by" value={dimension} onChange={(e) => props.onDimension(e.target.value as BreakdownDimension)}>
            {breakdownDimensions.map((d) => (
              <option key={d} value={d}>
                {dimensionLabels[d]}
              </option>
            ))}
          </select>
        </label>
        <CsvButton title="breakdown" fileParts={[props.journeyName, `by ${dimensionLabels[dimension].toLowerCase()}`]} table={() => breakdownCsv(dimension, rows)} />
      </header>
      {rows.length === 0 ? (
        <p className="muted">No contacts entered in this range{dimension === 'segment' ? ' who belong to a segment' : ''}.</p>
      ) : (
        <div className="table-scroll">
          <table className="table results-table" aria-label={`Breakdown by ${dimensionLabels[dimension].toLowerCase()}`}>
            <ColumnHeads names={[dimensionLabels[dimension], 'Entered', 'Sent', 'Opens', 'Open rate', 'Clicks', 'Click rate', 'Conversions', 'Conv. rate', 'Revenue']} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{formatCount(r.counts.entered)}</td>
                  <td className="num">{formatCount(r.counts.sent)}</td>
                  <td className="num">{formatCount(r.counts.opened)}</td>
                  <td className="num">{formatProportion(r.rates.open)}</td>
                  <td className="num">{formatCount(r.counts.clicked)}</td>
                  <td className="num">{formatProportion(r.rates.click)}</td>
                  <td className="num">{formatCount(r.counts.converted)}</td>
                  <td className="num">{formatProportion(r.rates.conversion)}</td>
                  <td className="num">{formatMoney(r.counts.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
