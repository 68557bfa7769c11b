import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { writeTransaction, type Db } from '../../store/database.ts';
import type { EngineHolder, EngineStatus } from '../../../shared/api/calls/engine.ts';
import { engineHolderLabel } from '../../../shared/engine/engineHolder.ts';

/** How long a lease lasts without being renewed. Its holder renews it every third of that. */
export const LEASE_TTL_MS = 15_000;

interface LeaseRow {
  owner: string;
  kind: string;
  pid: number;
  host: string;
  machine: string;
  acquired_at: number;
  heartbeat_at: number;
  expires_at: number;
}

export interface LeaseOptions {
  /** What kind of process runs this engine, as people know it: "journey-studio run", "the desktop app". */
  kind: string;
  ttlMs?: number;
  /**
   * The wall clock. Never a runner's virtual clock: a test's runner an hour ahead would hold its lease an hour past
   * its death, one behind would lose it at once.
   */
  clock?: () => number;
  /**
   * Called in the taking transaction when the lease is taken from a process of this machine that is gone (killed):
   * its claims on emails can be freed at once instead of when they expire.
   */
  onTakenFromGone?: (owner: string) => void;
}

/** Thrown inside an engine's write transaction when another engine holds the lease: the transaction rolls back. */
export class LeaseHeldElsewhere extends Error {
  readonly holder: EngineHolder;
  constructor(holder: EngineHolder) {
    super(`the engine runs in another process: ${engineHolderLabel(holder)} since ${new Date(holder.since).toISOString()}`);
    this.holder = holder;
  }
}

let thisMachine: string | undefined;
/**
 * Where a pid names the same process: the host and, on Linux, the pid namespace (two containers may share a host
 * name and a database file, but not their pids). A holder elsewhere is only ever taken over when its lease expires.
 */
export function machineKey(): string {
  if (thisMachine === undefined) {
    let namespace = '';
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      // Not Linux: the host name alone.
    }
    thisMachine = `${hostname()}${namespace ? ` ${namespace}` : ''}`;
  }
  return thisMachine;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // it exists, under another user
  }
}

const holderOf = (row: LeaseRow): EngineHolder => ({
  kind: row.kind,
  pid: row.pid,
  host: row.host,
  since: row.acquired_at,
  heartbeatAt: row.heartbeat_at,
  expiresAt: row.expires_at,
});

/** The holder's process is known to be gone: on this machine, and its pid names no process. */
const gone = (row: LeaseRow) => row.machine === machineKey() && !processAlive(row.pid);

/**
 * One engine per workspace: the row in engine_lease says which engine may admit contacts, decide runs and claim
 * emails. An engine takes it when it is absent, expired, or held by a process of this machine that is gone, renews it
 * while it works and deletes it when it stops. Every write transaction of the engine's work calls hold() first, so an
 * engine that lost its lease (it stalled past the expiry and another took over) writes nothing more.
 */
export class EngineLease {
  /** This engine's id, on the lease and on every email it claims: random, with its pid, host and kind to read. */
  readonly owner: string;
  readonly kind: string;
  readonly ttlMs: number;
  readonly clock: () => number;
  private readonly db: Db;
  private readonly onTakenFromGone: (owner: string) => void;
  private readonly read;
  private readonly write;
  private readonly renewal;
  private readonly removal;
  /** When this engine last wrote its lease (wall clock); -Infinity while it does not hold it. */
  private renewedAt = -Infinity;

  constructor(db: Db, options: LeaseOptions) {
    this.db = db;
    this.kind = options.kind;
    this.ttlMs = options.ttlMs ?? LEASE_TTL_MS;
    this.clock = options.clock ?? Date.now;
    this.onTakenFromGone = options.onTakenFromGone ?? (() => {});
    this.owner = `${options.kind} ${process.pid}@${hostname()} ${randomUUID().slice(0, 8)}`;
    this.read = db.prepare('SELECT * FROM engine_lease WHERE id = 1');
    this.write = db.prepare(`
      INSERT INTO engine_lease (id, owner, kind, pid, host, machine, acquired_at, heartbeat_at, expires_at)
      VALUES (1, @owner, @kind, @pid, @host, @machine, @now, @now, @expires)
      ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, kind = excluded.kind, pid = excluded.pid, host = excluded.host,
        machine = excluded.machine, acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`);
    this.renewal = db.prepare('UPDATE engine_lease SET heartbeat_at = ?, expires_at = ? WHERE id = 1 AND owner = ?');
    this.removal = db.prepare('DELETE FROM engine_lease WHERE id = 1 AND owner = ?');
  }

  /**
   * Takes the lease, or renews it when a third of it has passed: null when this engine holds it, else who does. A
   * lease held by a live engine is read without taking the write lock, so an engine standing by never waits for one.
   */
  take(): EngineHolder | null {
    const row = this.read.get() as LeaseRow | undefined;
    if (row && row.owner !== this.owner && !this.takeable(row, this.clock())) {
      this.renewedAt = -Infinity;
      return holderOf(row);
    }
    if (row?.owner === this.owner && !this.renewalDue(this.clock())) return null;
    return writeTransaction(this.db, () => this.holdOrHolder())();
  }

  /** In the caller's write transaction: takes or renews the lease, or throws LeaseHeldElsewhere. */
  hold(): void {
    const holder = this.holdOrHolder();
    if (holder) throw new LeaseHeldElsewhere(holder);
  }

  /** The heartbeat, outside any transaction: renews the lease; false when another engine has taken it. */
  renew(): boolean {
    const now = this.clock();
    if (this.renewal.run(now, now + this.ttlMs, this.owner).changes === 0) {
      this.renewedAt = -Infinity;
      return false;
    }
    this.renewedAt = now;
    return true;
  }

  /** Gives the lease up (when the engine stops), so another takes it at once. */
  release(): void {
    this.renewedAt = -Infinity;
    if (this.db.open) this.removal.run(this.owner);
  }

  get held(): boolean {
    return this.renewedAt > -Infinity;
  }

  private renewalDue(now: number): boolean {
    return now - this.renewedAt >= this.ttlMs / 3;
  }

  private takeable(row: LeaseRow, now: number): boolean {
    return row.expires_at <= now || gone(row);
  }

  private holdOrHolder(): EngineHolder | null {
    const now = this.clock();
    const row = this.read.get() as LeaseRow | undefined;
    if (row?.owner === this.owner) {
      if (this.renewalDue(now)) this.renew();
      return null;
    }
    if (row && !this.takeable(row, now)) {
      this.renewedAt = -Infinity;
      return holderOf(row);
    }
    if (row && gone(row)) this.onTakenFromGone(row.owner);
    this.write.run({ owner: this.owner, kind: this.kind, pid: process.pid, host: hostname(), machine: machineKey(), now, expires: now + this.ttlMs });
    this.renewedAt = now;
    return null;
  }
}

/**
 * Who runs the engine on this workspace, from its lease: this process, another live one, or none (the lease absent,
 * expired, or held by a process of this machine that is gone).
 */
export function engineStatus(db: Db, clock: () => number = Date.now): EngineStatus {
  const row = db.prepare('SELECT * FROM engine_lease WHERE id = 1').get() as LeaseRow | undefined;
  if (!row) return { state: 'not-running', last: null };
  const holder = holderOf(row);
  if (row.expires_at <= clock() || gone(row)) return { state: 'not-running', last: holder };
  const here = row.pid === process.pid && row.machine === machineKey();
  return { state: here ? 'running-here' : 'running-elsewhere', holder };
}
