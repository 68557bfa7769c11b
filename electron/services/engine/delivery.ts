import { writeTransaction, type Db } from '../../store/database.ts';
import type { EmailPreparer, QueuedEmail } from './emailPreparation.ts';
import type { EmailSender, ReadyEmail, SendOutcome } from './senders/emailSender.ts';
import { SendingPause } from './sendingPause.ts';

export interface DeliveryOptions {
  /**
   * Refusals that do not blame the address (transient, policy, our own setup) are retried this many times before the
   * email is marked failed; the address is never suppressed for them.
   */
  maxAttempts: number;
  /** First retry delay; doubles each attempt, capped at an hour. */
  backoffMs: number;
  /**
   * Accepted emails whose marks may wait to be written together, and for how long (see PendingMarks): what a crash
   * may resend besides the emails in flight. A transaction of 16 marks costs a mark a third more than one of 500,
   * one per mark four times as much.
   */
  marksMaxPending: number;
  marksMaxAgeMs: number;
  /**
   * How long a batch's claim on its emails lasts (wall clock) unless extendClaims() renews it: what a batch may take
   * to send when its engine can no longer renew, and how long an engine that died mid-send holds its emails back.
   */
  claimTtlMs: number;
}

/** Who claims the emails a batch sends: the engine's lease. */
export interface Claimant {
  /** Written on the claimed rows. */
  readonly owner: string;
  /** The wall clock claims expire by, never a runner's virtual clock. */
  readonly clock: () => number;
  /** Called in the claiming transaction; throws when this engine may not send (another one holds the lease). */
  hold(): void;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
  cancelled: number;
}

/**
 * The rows' new states after their sends, written together: one transaction for several emails instead of a commit
 * per email (the commit costs more than the update). Marks are written once `maxPending` of them wait or the
 * oldest has waited `maxAgeMs`, and whatever is left when the batch ends is written before deliverDue returns, so no
 * later batch picks up a row that was sent. A crash before a write resends those emails (and the ones in flight)
 * with the same Message-IDs; an email is never marked sent before its sender accepted it, so none is lost.
 */
class PendingMarks {
  private readonly write: (marks: Array<() => void>) => void;
  private readonly maxPending: number;
  private readonly maxAgeMs: number;
  private marks: Array<() => void> = [];
  private oldest = 0;
  /** Marks committed so far. */
  written = 0;

  constructor(db: Db, limits: { maxPending: number; maxAgeMs: number }) {
    this.write = writeTransaction(db, (marks: Array<() => void>) => {
      for (const mark of marks) mark();
    });
    this.maxPending = limits.maxPending;
    this.maxAgeMs = limits.maxAgeMs;
  }

  add(mark: () => void): void {
    if (!this.marks.length) this.oldest = performance.now();
    this.marks.push(mark);
    if (this.marks.length >= this.maxPending || performance.now() - this.oldest >= this.maxAgeMs) this.flush();
  }

  flush(): void {
    if (!this.marks.length) return;
    const marks = this.marks;
    this.marks = [];
    this.write(marks);
    this.written += marks.length;
  }
}

/** A queued row as a batch claims it: with its rowid and due time, to put the batch in queue order. */
interface ClaimedEmail extends QueuedEmail {
  seq: number;
  next_attempt_at: number;
}

/**
 * Sends queued emails. A row is marked sent only after the sender accepted it, so a crash in between sends
 * it again on restart -- with the same Message-ID, because the id comes from the row's message key.
 * Each batch is claimed (one statement: the due rows nobody else holds, marked as this engine's), prepared (consent
 * checked again, rendered, composed: EmailPreparation, on the delivery thread when there is one) and handed to the
 * sender whole. A mark clears the claim; a row the batch did not settle is released when it ends. So two engines on
 * one file never send the same email, and one that dies mid-send holds its emails back until its claims expire.
 * While the workspace's sending is paused (SendingPause) nothing is taken up: the emails stay queued, and the
 * decisions go on queueing more.
 */
export class Delivery {
  private readonly db: Db;
  private readonly sender: EmailSender;
  private readonly preparer: EmailPreparer;
  private readonly options: DeliveryOptions;
  private readonly claimant: Claimant;
  private readonly claim;
  private readonly extendClaim;
  private readonly releaseClaim;
  private readonly releaseOwner;
  /** The batch being sent: its claims are what extendClaims() renews. */
  private inFlight: ClaimedEmail[] | undefined;
  private readonly markSent;
  private readonly markFailed;
  private readonly markRetry;
  private readonly markCancelled;
  private readonly suppress;
  private readonly pause: SendingPause;

  constructor(deps: { db: Db; sender: EmailSender; preparer: EmailPreparer; claimant: Claimant; options?: Partial<DeliveryOptions> }) {
    this.db = deps.db;
    this.sender = deps.sender;
    this.preparer = deps.preparer;
    this.claimant = deps.claimant;
    this.options = { maxAttempts: 6, backoffMs: 30_000, marksMaxPending: 16, marksMaxAgeMs: 250, claimTtlMs: 60_000, ...deps.options };
    // Due first, then in the order the decisions queued them (the rowid): the queue index holds exactly that order,
    // so a batch reads its own rows and no more. Ordered by message key instead, every batch sorted all the rows
    // due at the same moment to take its few (a tick queues thousands at one moment). The rows are claimed by the
    // same statement that picks them, so no other engine can pick them in between; RETURNING gives them in no
    // particular order, so deliverDue puts them back in queue order.
    this.claim = this.db.prepare(`
      UPDATE outbound_emails SET claimed_by = @owner, claim_expires_at = @until
      WHERE rowid IN (
        SELECT rowid FROM outbound_emails
        WHERE status = 'queued' AND next_attempt_at <= @now AND (claim_expires_at IS NULL OR claim_expires_at <= @wall)
        ORDER BY next_attempt_at, rowid LIMIT @limit)
      RETURNING rowid AS seq, next_attempt_at, message_key, run_id, journey_id, node_id, contact_id, template_id, to_email, attempts,
        (SELECT r.trigger_properties FROM journey_runs r WHERE r.id = run_id) AS trigger_properties`);
    const claimedRows = `rowid IN (SELECT value FROM json_each(?)) AND claimed_by = ? AND status = 'queued'`;
    this.extendClaim = this.db.prepare(`UPDATE outbound_emails SET claim_expires_at = ? WHERE ${claimedRows}`);
    this.releaseClaim = this.db.prepare(`UPDATE outbound_emails SET claimed_by = NULL, claim_expires_at = NULL WHERE ${claimedRows}`);
    // Only ever after a crash: a scan of the queue's index, not of every email.
    this.releaseOwner = this.db.prepare(
      `UPDATE outbound_emails INDEXED BY outbound_emails_queue SET claimed_by = NULL, claim_expires_at = NULL WHERE status = 'queued' AND claimed_by = ?`,
    );
    const unclaimed = 'claimed_by = NULL, claim_expires_at = NULL';
    // Sent is recorded whoever holds the row now (it was sent); the other marks only while this engine holds it.
    this.markSent = this.db.prepare(`UPDATE outbound_emails SET status = 'sent', attempts = attempts + 1, sent_at = ?, subject = ?, last_error = NULL, ${unclaimed} WHERE message_key = ? AND status = 'queued'`);
    this.markFailed = this.db.prepare(`UPDATE outbound_emails SET status = 'failed', attempts = attempts + 1, last_error = ?, ${unclaimed} WHERE message_key = ? AND claimed_by = ?`);
    this.markRetry = this.db.prepare(`UPDATE outbound_emails SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, ${unclaimed} WHERE message_key = ? AND claimed_by = ?`);
    this.markCancelled = this.db.prepare(`UPDATE outbound_emails SET status = 'cancelled', last_error = ?, ${unclaimed} WHERE message_key = ? AND claimed_by = ?`);
    this.suppress = this.db.prepare('INSERT OR IGNORE INTO suppressions (email, reason, added_at) VALUES (?, ?, ?)');
    this.pause = new SendingPause(this.db);
  }

  /** Renews the claims of the batch in flight (the engine's heartbeat), so a slow sender keeps its emails. */
  extendClaims(): void {
    const batch = this.inFlight;
    if (!batch) return;
    this.extendClaim.run(this.claimant.clock() + this.options.claimTtlMs, JSON.stringify(batch.map((row) => row.seq)), this.claimant.owner);
  }

  /** Frees the claims of an engine that is known to be gone (killed on this machine): its emails are sent again now. */
  releaseClaimsOf(owner: string): void {
    this.releaseOwner.run(owner);
  }

  /** Claims up to `limit` due emails nobody holds, in queue order, in one statement (with the lease checked). */
  private claimDue(now: number, limit: number): ClaimedEmail[] {
    const { owner, clock } = this.claimant;
    const wall = clock();
    const rows = writeTransaction(this.db, () => {
      this.claimant.hold();
      return this.claim.all({ owner, until: wall + this.options.claimTtlMs, now, wall, limit }) as ClaimedEmail[];
    })();
    return rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.seq - b.seq);
  }

  /**
   * Sends what is due, up to `limit`. The rows are taken up before the first await, so a caller may decide more
   * runs while this batch is prepared and sent: those queue emails this batch does not see.
   */
  async deliverDue(now: number, limit: number): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0, cancelled: 0 };
    if (this.pause.current()) return report;
    const rows = this.claimDue(now, limit);
    if (!rows.length) return report;
    const owner = this.claimant.owner;
    const marks = new PendingMarks(this.db, { maxPending: this.options.marksMaxPending, maxAgeMs: this.options.marksMaxAgeMs });
    this.inFlight = rows;
    try {
      const prepared = await this.preparer.prepareBatch(rows, now);
      const ready: ReadyEmail[] = [];
      const rowOf = new Map<string, QueuedEmail>();
      prepared.forEach((outcome, i) => {
        const row = rows[i];
        if ('email' in outcome) {
          ready.push(outcome.email);
          rowOf.set(row.message_key, row);
        } else if ('cancelled' in outcome) {
          marks.add(() => this.markCancelled.run(outcome.cancelled, row.message_key, owner));
          report.cancelled++;
        } else {
          marks.add(() => this.markFailed.run(outcome.failed, row.message_key, owner));
          report.failed++;
        }
      });
      // The marks are written after the sender settled every email, also when it threw: an email still in flight
      // would otherwise be accepted after the last write and be sent again by the next batch. A pause stops the
      // sender taking up more of the batch; those emails stay queued as they were (their claims released below).
      const stop = new AbortController();
      try {
        await this.sender.sendBatch(ready, (email, outcome) => this.settle(rowOf.get(email.messageKey)!, email, outcome, now, marks, report, stop), stop.signal);
      } finally {
        marks.flush();
      }
    } finally {
      this.inFlight = undefined;
      // Rows the batch did not settle (the preparation or the sender threw) are free for the next batch at once; a
      // marked row holds no claim any more, so the statement leaves it alone.
      if (marks.written < rows.length) this.releaseClaim.run(JSON.stringify(rows.map((row) => row.seq)), owner);
    }
    return report;
  }

  private settle(row: QueuedEmail, email: ReadyEmail, outcome: SendOutcome, now: number, marks: PendingMarks, report: DeliveryReport, stop: AbortController): void {
    if (!('error' in outcome)) {
      marks.add(() => this.markSent.run(now, email.subject, row.message_key));
      report.sent++;
      return;
    }
    const failure = outcome.error;
    const { kind, meaning } = failure.reply;
    if (kind === 'hard-bounce') {
      marks.add(() => {
        this.markFailed.run(`hard bounce: ${failure.message}`, row.message_key, this.claimant.owner);
        this.suppress.run(row.to_email, `hard bounce (${meaning}): ${failure.message}`.slice(0, 500), now);
      });
      report.failed++;
      return;
    }
    // Policy and our own setup: never the address's fault, but every email would meet the same refusal.
    if ((kind === 'policy' || kind === 'our-fault') && this.pause.record({ at: now, to: row.to_email, kind, reply: failure.message.slice(0, 500) })) stop.abort();
    const attempts = row.attempts + 1;
    if (attempts >= this.options.maxAttempts) {
      const what = kind === 'transient' ? 'soft bounce' : 'not sent';
      marks.add(() => this.markFailed.run(`${what} after ${attempts} attempts (${meaning}; the address was not suppressed): ${failure.message}`, row.message_key, this.claimant.owner));
      report.failed++;
    } else {
      const delay = Math.min(this.options.backoffMs * 2 ** row.attempts, 3_600_000);
      marks.add(() => this.markRetry.run(now + delay, failure.message, row.message_key, this.claimant.owner));
      report.retrying++;
    }
  }
}
