import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayPoint, JourneyMetrics } from '../../../shared/results/journeyMetrics.ts';
import { CsvButton } from './CsvButton.tsx';
import { formatCount } from './format.ts';

const WIDTH = 680;
const HEIGHT = 240;

/** The funnel: contacts entering, each email sent in the order contacts meet them, and the goal. */
export function funnelOf(metrics: JourneyMetrics): Array<{ stage: string; contacts: number }> {
  const stages: Array<{ stage: string; contacts: number }> = [];
  for (const step of metrics.steps) {
    if (step.kind === 'trigger') stages.push({ stage: 'Entered', contacts: step.counts.entered });
    if (step.kind === 'email') stages.push({ stage: step.name, contacts: step.counts.sent });
    if (step.kind === 'goal') stages.push({ stage: step.name, contacts: step.counts.converted });
  }
  return stages;
}

export function FunnelChart({ metrics }: { metrics: JourneyMetrics }) {
  const data = funnelOf(metrics);
  return (
    <figure className="results-section chart" aria-labelledby="funnel-title">
      <figcaption id="funnel-title">
        <h2>Funnel</h2>
        <span className="visually-hidden">{data.map((d) => `${d.stage}: ${formatCount(d.contacts)}`).join('; ')}</span>
      </figcaption>
      <BarChart width={WIDTH} height={Math.max(HEIGHT, data.length * 26)} data={data} layout="vertical" margin={{ left: 24, right: 24 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="stage" width={190} interval={0} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="contacts" name="Contacts" fill="var(--accent)" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Number(((part / whole) * 100).toFixed(1)));

export function RatesOverTimeChart({ points, journeyName }: { points: DayPoint[]; journeyName: string }) {
  const data = points.map((p) => ({ day: p.day, sent: p.sent, open: rate(p.opened, p.sent), click: rate(p.clicked, p.sent), conversion: rate(p.converted, p.sent) }));
  return (
    <figure className="results-section chart" aria-labelledby="over-time-title">
      <figcaption className="section-header">
        <h2 id="over-time-title">Rates over time</h2>
        <span className="muted">by day sent (UTC), per email sent</span>
        <CsvButton
          title="rates over time"
          fileParts={[journeyName, 'by day']}
          table={() => ({
            header: ['Day', 'Sent', 'Opens', 'Clicks', 'Conversions', 'Open rate %', 'Click rate %', 'Conversion rate %'],
            rows: points.map((p, i) => [p.day, p.sent, p.opened, p.clicked, p.converted, data[i].open, data[i].click, data[i].conversion]),
          })}
        />
      </figcaption>
      {data.length === 0 ? (
        <p className="muted">No emails were sent in this range.</p>
      ) : (
        <LineChart width={WIDTH} height={HEIGHT} data={data} margin={{ right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} />
          <YAxis unit="%" domain={[0, 100]} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="open" name="Open rate" stroke="var(--accent)" dot={false} isAnimationActive={false} connectNulls />
          <Line type="monotone" dataKey="click" name="Click rate" stroke="var(--ok)" dot={false} isAnimationActive={false} connectNulls />
          <Line type="monotone" dataKey="conversion" name="Conversion rate" stroke="var(--warn)" dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      )}
    </figure>
  );
}

/** How many contacts usually engage at each local hour. */
export function UsualHoursChart({ usualHours }: { usualHours: number[] }) {
  const data = usualHours.map((contacts, hour) => ({ hour: `${String(hour).padStart(2, '0')}h`, contacts }));
  return (
    <BarChart width={WIDTH} height={180} data={data} aria-label="Contacts by usual engagement hour">
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="hour" tick={{ fontSize: 11 }} interval={1} />
      <YAxis allowDecimals={false} />
      <Tooltip />
      <Bar dataKey="contacts" name="Contacts" fill="var(--accent)" isAnimationActive={false} />
    </BarChart>
  );
}
