import { useState } from 'react';
import type { AbTestResult } from '../../../shared/api/calls/results.ts';
import { abMetrics, formatProbability, type AbMetric } from '../../../shared/results/abTest.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CsvButton } from './CsvButton.tsx';
import type { CsvTable } from './csv.ts';
import { formatCount, formatRate } from './format.ts';
import { SampleSizeCalculator } from './SampleSizeCalculator.tsx';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';

const metricLabels: Record<AbMetric, string> = { conversion: 'Conversion', open: 'Open', click: 'Click' };

export function abCsv(test: AbTestResult): CsvTable {
  const pct = (x: number | null) => (x === null ? null : Number((x * 100).toFixed(2)));
  return {
    header: ['Variant', 'Contacts', metricLabels[test.analysis.metric] + 's', 'Rate %', 'Interval low %', 'Interval high %', 'Probability best %'],
    rows: test.analysis.variants.map((v) => [v.label, v.trials, v.successes, pct(v.rate), pct(v.interval?.low ?? null), pct(v.interval?.high ?? null), pct(v.probabilityBest)]),
  };
}

/** One A/B split: each variant's rate with its interval, the chance it is best, the verdict, and the winner button. */
export function AbTestPanel(props: {
  test: AbTestResult;
  journeyName: string;
  metric: AbMetric;
  minimumLiftPoints: number;
  onMetric(metric: AbMetric): void;
  onMinimumLift(points: number): void;
  onDeclareWinner(variantId: string): Promise<unknown>;
}) {
  const { test } = props;
  const { analysis } = test;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [declared, setDeclared] = useState<string | null>(null);
  const titleId = `ab-${test.nodeId}`;
  const control = analysis.variants[0];
  const confirmingVariant = analysis.variants.find((v) => v.id === confirming);

  return (
    <section className="results-section ab-panel" aria-labelledby={titleId}>
      <header className="section-header">
        <h2 id={titleId}>A/B test: {test.name}</h2>
        <label className="no-print">
          Compare{' '}
          <select aria-label={`Metric for ${test.name}`} value={props.metric} onChange={(e) => props.onMetric(e.target.value as AbMetric)}>
            {abMetrics.map((m) => (
              <option key={m} value={m}>
                {metricLabels[m]} rate
              </option>
            ))}
          </select>
        </label>
        <label className="no-print">
          Smallest lift worth detecting{' '}
          <input
            aria-label="Smallest lift worth detecting (points)"
            type="number"
            min={0.1}
            max={50}
            step={0.5}
            value={props.minimumLiftPoints}
            onChange={(e) => Number.isFinite(e.target.valueAsNumber) && e.target.valueAsNumber > 0 && props.onMinimumLift(e.target.valueAsNumber)}
          />{' '}
          points
        </label>
        <CsvButton title={`A/B test ${test.name}`} fileParts={[props.journeyName, test.name]} table={() => abCsv(test)} />
      </header>
      <p role="status" className={`verdict verdict-${analysis.verdict.kind}`} aria-label="Verdict">
        {analysis.verdict.text}
      </p>
      {test.declaredWinner && (
        <p className="muted">
          Winner declared: everyone reaching this split now goes down{' '}
          {analysis.variants.find((v) => v.id === test.declaredWinner)?.label ?? test.declaredWinner}.
        </p>
      )}
      <div className="table-scroll">
        <table className="table results-table" aria-label={`Variants of ${test.name}`}>
          <ColumnHeads names={['Variant', 'Contacts', `${metricLabels[analysis.metric]}s`, 'Rate', '95% interval', 'Probability best']} actions={{ className: 'no-print' }} />
          <tbody>
            {analysis.variants.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.label}</th>
                <td className="num">{formatCount(v.trials)}</td>
                <td className="num">{formatCount(v.successes)}</td>
                <td className="num">{formatRate(v.rate)}</td>
                <td className="num">
                  {v.interval ? `${formatRate(v.interval.low)} – ${formatRate(v.interval.high)}` : '–'}
                  {v.interval && (
                    <span className="interval-bar" aria-hidden="true">
                      <span style={{ left: `${v.interval.low * 100}%`, width: `${Math.max(0.5, (v.interval.high - v.interval.low) * 100)}%` }} />
                    </span>
                  )}
                </td>
                <td className="num">{v.trials > 0 ? formatProbability(v.probabilityBest) : '–'}</td>
                <td className="no-print">
                  <button type="button" disabled={test.declaredWinner === v.id} onClick={() => setConfirming(v.id)} aria-label={`Declare ${v.label} the winner`}>
                    Declare winner
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {analysis.zTest && (
        <p className="muted">
          Two-proportion z-test, {control.label} against the best challenger: z = {analysis.zTest.z.toFixed(2)}, {analysis.zTest.pValue < 0.001 ? 'p < 0.001' : `p = ${analysis.zTest.pValue.toFixed(3)}`}.
          {analysis.requiredPerVariant !== null && ` About ${formatCount(analysis.requiredPerVariant)} contacts per variant detect a ${props.minimumLiftPoints}-point lift.`}
        </p>
      )}
      {declared && <p role="status">Published version {declared}: new arrivals go down the winner.</p>}
      <SampleSizeCalculator baselinePercent={control?.rate === null || control === undefined ? null : control.rate * 100} />
      {confirmingVariant && (
        <ConfirmDialog
          title="Declare a winner?"
          message={`Publish a new version of the journey in which everyone reaching "${test.name}" goes down ${confirmingVariant.label}. Contacts already past the split keep their variant.`}
          confirmLabel="Publish with winner"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const variantId = confirmingVariant.id;
            setConfirming(null);
            props.onDeclareWinner(variantId).then(
              (version) => setDeclared(String(version)),
              () => undefined,
            );
          }}
        />
      )}
    </section>
  );
}
