import type { Proportion } from '../../../shared/results/proportion.ts';

const counts = new Intl.NumberFormat('en-US');
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const formatCount = (n: number): string => counts.format(n);
export const formatMoney = (n: number): string => money.format(n);

/** 22.5% for 0.225; a dash when there is nothing to divide by (not 0%). */
export function formatRate(rate: number | null, digits = 1): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(digits)}%`;
}

export const formatProportion = (p: Proportion, digits = 1): string => formatRate(p.rate, digits);

/** Rate as a number for CSV (0.225 -> 22.5) or null. */
export const percentOrNull = (p: Proportion): number | null => (p.rate === null ? null : Number((p.rate * 100).toFixed(2)));

/** YYYY-MM-DD (UTC) <-> epoch ms, for the date range inputs. */
export const toDateInput = (at: number): string => new Date(at).toISOString().slice(0, 10);
export function fromDateInput(value: string): number | undefined {
  const at = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(at) ? undefined : at;
}
