import { DateTime, type Zone } from 'luxon';

/**
 * Luxon's calendar arithmetic in a time zone, redone as plain epoch-millisecond arithmetic over a cached
 * offset table, because the interpreter asks these questions millions of times in a forecast and each luxon
 * call goes through Intl.DateTimeFormat. The results are luxon's, exactly: the same offset lookups and the
 * same way of resolving a local time that falls into a DST gap or overlap (luxon's fixOffset), so a DST night
 * gives what it always gave. time.test.ts holds every function equal to luxon on random moments around DST.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Hours remembered per zone before the table starts afresh (about 11 years of hours). */
const MAX_HOURS = 100_000;

/** Formatted minutes remembered per zone. */
const MAX_FORMATTED = 50_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const mod = (value: number, by: number) => ((value % by) + by) % by;

/**
 * A moment as luxon's DateTime holds it: the instant and the offset (minutes) its local time is read with.
 * The offset is usually the zone's offset at `ts`; after a local time that fell into a DST gap it is the
 * offset luxon chose, and the next step starts from it as luxon's does.
 */
export interface ZonedMoment {
  ts: number;
  offset: number;
}

export class ZoneClock {
  private readonly zone: Zone;
  /** The offset of a zone that has no DST (UTC, 'UTC+3'), else null. */
  private readonly fixed: number | null;
  /** Offset per whole UTC hour since the epoch; NaN marks an hour in which the offset changes. */
  private readonly hours = new Map<number, number>();
  private readonly formatted = new Map<number, string>();

  constructor(name: string) {
    this.zone = DateTime.fromMillis(0, { zone: name }).zone;
    this.fixed = this.zone.isUniversal ? this.zone.offset(0) : null;
  }

  /** The zone's offset from UTC at `ts`, in minutes (luxon's Zone.offset). */
  offset(ts: number): number {
    if (this.fixed !== null) return this.fixed;
    const hour = Math.floor(ts / HOUR);
    let offset = this.hours.get(hour);
    if (offset === undefined) {
      // Offsets change at most once an hour, so equal ends mean the whole hour has that offset.
      const first = this.zone.offset(hour * HOUR);
      offset = first === this.zone.offset(hour * HOUR + HOUR - 1) ? first : NaN;
      if (this.hours.size >= MAX_HOURS) this.hours.clear();
      this.hours.set(hour, offset);
    }
    return Number.isNaN(offset) ? this.zone.offset(ts) : offset;
  }

  /** DateTime.fromMillis(ts, { zone }). */
  at(ts: number): ZonedMoment {
    return { ts, offset: this.offset(ts) };
  }

  /** The local wall time of a moment, as milliseconds of a UTC calendar (luxon's `c`, flattened). */
  local(moment: ZonedMoment): number {
    return moment.ts + moment.offset * MINUTE;
  }

  /** Minutes since local midnight. */
  minuteOfDay(moment: ZonedMoment): number {
    return Math.floor(mod(this.local(moment), DAY) / MINUTE);
  }

  /** ISO weekday of the local date: 1 Monday ... 7 Sunday. */
  weekday(moment: ZonedMoment): number {
    const day = new Date(this.local(moment)).getUTCDay();
    return day === 0 ? 7 : day;
  }

  /** moment.plus({ days }) for a whole number of days: the same local time that many calendar days on. */
  plusDays(moment: ZonedMoment, days: number): ZonedMoment {
    return this.fromLocal(this.local(moment) + days * DAY, moment.offset);
  }

  /** moment.startOf('day'). */
  startOfDay(moment: ZonedMoment): ZonedMoment {
    const local = this.local(moment);
    return this.fromLocal(local - mod(local, DAY), moment.offset);
  }

  /** moment.set({ hour, minute }): seconds and milliseconds are kept, as luxon keeps them. */
  setTime(moment: ZonedMoment, hour: number, minute: number): ZonedMoment {
    const local = this.local(moment);
    return this.fromLocal(local - mod(local, DAY) + hour * HOUR + minute * MINUTE + mod(local, MINUTE), moment.offset);
  }

  /** 'yyyy-LL-dd HH:mm' of the local time (remembered per minute: a forecast shows the same times again and again). */
  format(ts: number): string {
    const local = this.local(this.at(ts));
    const minute = Math.floor(local / MINUTE);
    let text = this.formatted.get(minute);
    if (text === undefined) {
      const d = new Date(local);
      text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
      if (this.formatted.size >= MAX_FORMATTED) this.formatted.clear();
      this.formatted.set(minute, text);
    }
    return text;
  }

  /**
   * The instant of a local time, guessing the offset first (luxon's fixOffset): a local time in a DST gap
   * moves forward by the gap; one in an overlap takes the guessed offset when it fits.
   */
  private fromLocal(local: number, guess: number): ZonedMoment {
    let utc = local - guess * MINUTE;
    const o2 = this.offset(utc);
    if (o2 === guess) return { ts: utc, offset: guess };
    utc -= (o2 - guess) * MINUTE;
    const o3 = this.offset(utc);
    if (o2 === o3) return { ts: utc, offset: o2 };
    return { ts: local - Math.min(o2, o3) * MINUTE, offset: Math.max(o2, o3) };
  }
}

const clocks = new Map<string, ZoneClock>();

/** The clock of a zone name that isValidZone() accepted; one per zone, kept for the process. */
export function zoneClock(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new ZoneClock(zone);
    if (clocks.size < 10_000) clocks.set(zone, clock);
  }
  return clock;
}
