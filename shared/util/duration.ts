/**
 * A length of time as marketers set it (3 days, 1 hour). Its schema is in durationSchema.ts, so that code which only
 * shows or adds durations (the canvas's step summaries) does not build schemas.
 */
export const durationUnits = ['minutes', 'hours', 'days', 'weeks'] as const;
export type DurationUnit = (typeof durationUnits)[number];

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

const unitMs: Record<DurationUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

/** Exact length in milliseconds. Calendar-aware waits (days across DST) are the interpreter's business. */
export function durationMs(d: Duration): number {
  return d.amount * unitMs[d.unit];
}

export function formatDuration(d: Duration): string {
  const unit = d.amount === 1 ? d.unit.slice(0, -1) : d.unit;
  return `${d.amount} ${unit}`;
}
