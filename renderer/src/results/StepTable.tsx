import type { StepMetrics } from '../../../shared/results/journeyMetrics.ts';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import { CsvButton } from './CsvButton.tsx';
import type { CsvTable } from './csv.ts';
import { formatCount, formatMoney, formatProportion, percentOrNull } from './format.ts';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';

/** The nodes worth a row: where contacts enter, get an email, are split, or convert. */
const shownKinds = new Set(['trigger', 'email', 'ab-split', 'goal']);

export function stepsCsv(steps: StepMetrics[]): CsvTable {
  return {
    header: ['Step', 'Kind', 'Reached', 'Sent', 'Failed', 'Suppressed', 'Deferred', 'Opens', 'Open rate %', 'Clicks', 'Click rate %', 'Unsubscribes', 'Unsubscribe rate %', 'Conversions', 'Conversion rate %', 'Revenue'],
    rows: steps
      .filter((s) => shownKinds.has(s.kind))
      .map((s) => [
        s.name,
        nodeKindInfo[s.kind].label,
        s.reached,
        s.counts.sent,
        s.counts.failed,
        s.counts.suppressed,
        s.counts.deferred,
        s.counts.opened,
        percentOrNull(s.rates.open),
        s.counts.clicked,
        percentOrNull(s.rates.click),
        s.counts.unsubscribed,
        percentOrNull(s.rates.unsubscribe),
        s.counts.converted,
        percentOrNull(s.rates.conversion),
        s.counts.revenue,
      ]),
  };
}

/** Per step: counts with their rates beside them. Email rates are per email sent. */
export function StepTable({ steps, journeyName }: { steps: StepMetrics[]; journeyName: string }) {
  const rows = steps.filter((s) => shownKinds.has(s.kind));
  return (
    <section className="results-section" aria-labelledby="steps-title">
      <header className="section-header">
        <h2 id="steps-title">Steps</h2>
        <CsvButton title="steps" fileParts={[journeyName, 'steps']} table={() => stepsCsv(steps)} />
      </header>
      <div className="table-scroll">
        <table className="table results-table" aria-label="Steps">
          <ColumnHeads names={['Step', 'Reached', 'Sent', 'Failed', 'Suppressed', 'Deferred', 'Opens', 'Open rate', 'Clicks', 'Click rate', 'Unsubs', 'Conversions', 'Conv. rate', 'Revenue']} />
          <tbody>
            {rows.map((s) => {
              const email = s.kind === 'email';
              const cell = (value: string) => <td className="num">{email ? value : ''}</td>;
              return (
                <tr key={s.nodeId} data-node-id={s.nodeId}>
                  <th scope="row">
                    {s.name} <span className="muted">{nodeKindInfo[s.kind].label}</span>
                  </th>
                  <td className="num">{formatCount(s.reached)}</td>
                  {cell(formatCount(s.counts.sent))}
                  {cell(formatCount(s.counts.failed))}
                  {cell(formatCount(s.counts.suppressed))}
                  {cell(formatCount(s.counts.deferred))}
                  {cell(formatCount(s.counts.opened))}
                  {cell(formatProportion(s.rates.open))}
                  {cell(formatCount(s.counts.clicked))}
                  {cell(formatProportion(s.rates.click))}
                  {cell(formatCount(s.counts.unsubscribed))}
                  <td className="num">{s.kind === 'email' || s.kind === 'goal' ? formatCount(s.counts.converted) : ''}</td>
                  <td className="num">{s.kind === 'email' || s.kind === 'goal' ? formatProportion(s.rates.conversion) : ''}</td>
                  {cell(formatMoney(s.counts.revenue))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
