/**
 * When something happens in a simulation, written the way a marketer says it: '+30h' (30 hours after the
 * start), '+2d', '+90m', '+1w', '-3d' (before the start, for past history), '+1d2h', or an ISO date and time.
 */
const unitMs: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const offsetPattern = /^([+-])\s*((?:\d+(?:\.\d+)?\s*[mhdw]\s*)+)$/i;
const partPattern = /(\d+(?:\.\d+)?)\s*([mhdw])/gi;

/** Milliseconds of an offset such as '+30h' or '-1d12h'; undefined when it is not one. */
export function offsetMs(text: string): number | undefined {
  const match = offsetPattern.exec(text.trim());
  if (!match) return undefined;
  let total = 0;
  for (const part of match[2].matchAll(partPattern)) total += Number(part[1]) * unitMs[part[2].toLowerCase()];
  return match[1] === '-' ? -total : total;
}

/** Whether a text is an offset or an ISO date and time. */
export function isMoment(text: string): boolean {
  return offsetMs(text) !== undefined || (/^\d{4}-\d{2}-\d{2}/.test(text.trim()) && !Number.isNaN(Date.parse(text)));
}

/** The epoch ms a moment names, given the simulation's start. */
export function resolveMoment(text: string, start: number): number {
  const offset = offsetMs(text);
  if (offset !== undefined) return start + offset;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`"${text}" is neither an offset like +30h nor an ISO date and time`);
  return at;
}

/** A length of virtual time such as '21d' or '36h' (a sign is allowed and ignored). */
export function spanMs(text: string): number | undefined {
  const trimmed = text.trim();
  const ms = offsetMs(/^[+-]/.test(trimmed) ? trimmed : `+${trimmed}`);
  return ms === undefined ? undefined : Math.abs(ms);
}

/** '+1d 6h' for 30 hours: how the timeline labels a time relative to the start. */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  let rest = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(rest / 1440);
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  const parts = [days ? `${days}d` : '', hours ? `${hours}h` : '', minutes ? `${minutes}m` : ''].filter(Boolean);
  return `${sign}${parts.join(' ') || '0h'}`;
}
