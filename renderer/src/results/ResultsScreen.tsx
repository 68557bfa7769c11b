import { useEffect } from 'react';
import { useNavigation } from '../app/navigation.ts';
import { useResults, rangePresets, type RangePreset } from './resultsStore.ts';
import { StepTable } from './StepTable.tsx';
import { BreakdownTable } from './BreakdownTable.tsx';
import { FunnelChart, RatesOverTimeChart } from './Charts.tsx';
import { AbTestPanel } from './AbTestPanel.tsx';
import { EngagementPanel } from './EngagementPanel.tsx';
import { formatCount, formatMoney, formatProportion, fromDateInput, toDateInput } from './format.ts';
import './results.css';

/** What a journey achieved: totals, per-step numbers, charts, breakdowns, its A/B tests and when contacts engage. */
export function ResultsScreen({ journeyId }: { journeyId: string }) {
  const go = useNavigation((s) => s.go);
  const results = useResults((s) => (s.journeyId === journeyId ? s.results : null));
  const query = useResults((s) => s.query);
  const loading = useResults((s) => s.loading);
  const error = useResults((s) => s.error);
  const breakdown = useResults((s) => s.breakdown);
  const engagement = useResults((s) => s.engagement);
  const { open, setQuery, setBreakdown, setEngagementSegment, declareWinner } = useResults.getState();

  useEffect(() => {
    void open(journeyId);
  }, [open, journeyId]);

  const metrics = results?.metrics;
  const totals = metrics?.totals;
  const name = results?.name ?? 'Journey';

  return (
    <section className="screen results-screen" aria-labelledby="results-title" aria-busy={loading}>
      <nav className="no-print" aria-label="Journey">
        <button type="button" className="link" onClick={() => go({ screen: 'journeys' })}>
          ← All journeys
        </button>{' '}
        <button type="button" className="link" onClick={() => go({ screen: 'journey', id: journeyId })}>
          Open the journey
        </button>
      </nav>
      <header className="screen-header">
        <h1 id="results-title">Results: {name}</h1>
        <button type="button" className="no-print" onClick={() => window.print()}>
          Print
        </button>
      </header>
      {results && (
        <p className="muted">
          {results.version === null ? 'Not published yet: laid out on the draft.' : `Laid out on version ${results.version}.`} Emails count by the day they were sent,
          contacts by the day they entered (UTC).
        </p>
      )}

      <div className="results-toolbar no-print" role="group" aria-label="Results options">
        <label>
          Date range
          <select aria-label="Date range" value={query.preset} onChange={(e) => void setQuery({ preset: e.target.value as RangePreset })}>
            {Object.entries(rangePresets).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {query.preset === 'custom' && (
          <>
            <label>
              From
              <input type="date" aria-label="From date" value={query.from === undefined ? '' : toDateInput(query.from)} onChange={(e) => void setQuery({ from: fromDateInput(e.target.value) })} />
            </label>
            <label>
              To
              <input type="date" aria-label="To date" value={query.to === undefined ? '' : toDateInput(query.to)} onChange={(e) => void setQuery({ to: fromDateInput(e.target.value) })} />
            </label>
          </>
        )}
        <label>
          Conversion
          <select aria-label="Conversion" value={query.conversion} onChange={(e) => void setQuery({ conversion: e.target.value as 'goal' | 'purchase' })}>
            <option value="goal">Reaching the goal</option>
            <option value="purchase">An event after an email</option>
          </select>
        </label>
        <label>
          Conversion event
          <input
            aria-label="Conversion event"
            value={query.conversionEvent}
            onChange={(e) => void setQuery({ conversionEvent: e.target.value })}
            title="Counted as a conversion (and its amount as revenue) within the attribution window after an email"
          />
        </label>
        <label>
          Attribution window (days)
          <input
            type="number"
            aria-label="Attribution window (days)"
            min={1}
            max={365}
            value={query.windowDays}
            onChange={(e) => Number.isFinite(e.target.valueAsNumber) && e.target.valueAsNumber > 0 && void setQuery({ windowDays: e.target.valueAsNumber })}
          />
        </label>
      </div>

      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      {!results && !error && <p className="muted">Loading results…</p>}

      {metrics && totals && (
        <>
          <dl className="results-summary" aria-label="Totals">
            <div>
              <dt>Entered</dt>
              <dd>{formatCount(totals.counts.entered)}</dd>
            </div>
            <div>
              <dt>Emails sent</dt>
              <dd>
                {formatCount(totals.counts.sent)}
                {totals.counts.failed > 0 && <small>{formatCount(totals.counts.failed)} failed</small>}
              </dd>
            </div>
            <div>
              <dt>Opens</dt>
              <dd>
                {formatCount(totals.counts.opened)} <small>{formatProportion(totals.rates.open)}</small>
              </dd>
            </div>
            <div>
              <dt>Clicks</dt>
              <dd>
                {formatCount(totals.counts.clicked)} <small>{formatProportion(totals.rates.click)}</small>
              </dd>
            </div>
            <div>
              <dt>Unsubscribes</dt>
              <dd>
                {formatCount(totals.counts.unsubscribed)} <small>{formatProportion(totals.rates.unsubscribe)}</small>
              </dd>
            </div>
            <div>
              <dt>Conversions</dt>
              <dd>
                {formatCount(totals.counts.converted)} <small>{formatProportion(totals.rates.conversion)} of entered</small>
              </dd>
            </div>
            <div>
              <dt>Revenue</dt>
              <dd>{formatMoney(totals.counts.revenue)}</dd>
            </div>
          </dl>

          <StepTable steps={metrics.steps} journeyName={name} />
          <FunnelChart metrics={metrics} />
          <RatesOverTimeChart points={metrics.overTime} journeyName={name} />

          {results.abTests.map((test) => (
            <AbTestPanel
              key={test.nodeId}
              test={test}
              journeyName={name}
              metric={query.abMetric}
              minimumLiftPoints={query.minimumLiftPoints}
              onMetric={(abMetric) => void setQuery({ abMetric })}
              onMinimumLift={(minimumLiftPoints) => void setQuery({ minimumLiftPoints })}
              onDeclareWinner={(variantId) => declareWinner(test.nodeId, variantId)}
            />
          ))}

          <BreakdownTable journeyName={name} dimension={breakdown} rows={metrics.breakdowns[breakdown]} onDimension={setBreakdown} />
        </>
      )}
      {engagement && <EngagementPanel engagement={engagement} onSegment={(id) => void setEngagementSegment(id)} />}
    </section>
  );
}
