import { useId, useState } from 'react';
import { sampleSizePerVariant } from '../../../shared/results/sampleSize.ts';
import { formatCount } from './format.ts';

/** How many contacts each variant needs to detect a lift; baseline defaults to the control's observed rate. */
export function SampleSizeCalculator({ baselinePercent }: { baselinePercent: number | null }) {
  const id = useId();
  // Kept as typed, so a cleared field stays empty rather than turning into NaN.
  const [baselineText, setBaseline] = useState(String(baselinePercent !== null && baselinePercent > 0 ? Number(baselinePercent.toFixed(1)) : 10));
  const [liftText, setLift] = useState('2');
  const baseline = Number(baselineText);
  const lift = Number(liftText);
  const [alpha, setAlpha] = useState(0.05);
  const [power, setPower] = useState(0.8);
  let answer: string;
  try {
    if (!baselineText.trim() || !liftText.trim()) throw new Error('enter a baseline rate and a lift');
    const n = sampleSizePerVariant({ baseline: baseline / 100, target: (baseline + lift) / 100, alpha, power });
    answer = `${formatCount(n)} contacts per variant`;
  } catch (error) {
    answer = (error as Error).message;
  }
  return (
    <fieldset className="sample-size">
      <legend>Sample-size calculator</legend>
      <label htmlFor={`${id}-baseline`}>Baseline rate (%)</label>
      <input id={`${id}-baseline`} type="number" min={0.1} max={99} step={0.1} value={baselineText} onChange={(e) => setBaseline(e.target.value)} />
      <label htmlFor={`${id}-lift`}>Lift to detect (points)</label>
      <input id={`${id}-lift`} type="number" min={0.1} max={50} step={0.1} value={liftText} onChange={(e) => setLift(e.target.value)} />
      <label htmlFor={`${id}-alpha`}>Significance (two-sided)</label>
      <select id={`${id}-alpha`} value={alpha} onChange={(e) => setAlpha(Number(e.target.value))}>
        <option value={0.1}>0.10</option>
        <option value={0.05}>0.05</option>
        <option value={0.01}>0.01</option>
      </select>
      <label htmlFor={`${id}-power`}>Power</label>
      <select id={`${id}-power`} value={power} onChange={(e) => setPower(Number(e.target.value))}>
        <option value={0.8}>80%</option>
        <option value={0.9}>90%</option>
        <option value={0.95}>95%</option>
      </select>
      <output aria-label="Contacts needed" htmlFor={`${id}-baseline ${id}-lift ${id}-alpha ${id}-power`}>
        {answer}
      </output>
    </fieldset>
  );
}
