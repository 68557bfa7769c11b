import { writeTransaction, type Db } from '../../store/database.ts';
import { unreadableAttributesNote } from '../../store/readableJson.ts';
import { advance } from '../../../shared/engine/advance.ts';
import type { RunState } from '../../../shared/engine/types.ts';
import type { DecisionInputs, JourneyInputs } from '../decisions/decisionInputs.ts';
import type { DecisionContact } from '../decisions/decisionContacts.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { Services } from '../services.ts';
import { Admissions } from './admissions.ts';
import { ContactChanges } from './contactChanges.ts';
import { Delivery, type DeliveryOptions, type DeliveryReport } from './delivery.ts';
import { EngineLease, LeaseHeldElsewhere } from './engineLease.ts';
import type { EngineHolder } from '../../../shared/api/calls/engine.ts';
import { EmailPreparation, type EmailPreparer } from './emailPreparation.ts';
import { ThreadedPreparation } from './preparationThread.ts';
import { JourneyCatalog } from './journeyCatalog.ts';
import { RunStore, type RunRow } from './runStore.ts';
import type { EmailSender } from './senders/emailSender.ts';
import { readSendingSettings } from './sendingSettings.ts';
import { UnsubscribeLinks } from './unsubscribe.ts';

export interface RunnerOptions {
  /**
   * The workspace's services: the runner takes its store, its decision inputs (what the simulator reads too) and
   * its email renderer (what the preview and the simulator show) from them.
   */
  services: Services;
  sender: EmailSender;
  now?: () => number;
  /** Runs decided per transaction. */
  batchSize?: number;
  /** Seed of the A/B assignments (the workspace's, so the simulator can reproduce them). */
  seed?: number;
  /** How often tag and segment memberships are re-read, in ms (a segment is a query over every contact). */
  membershipIntervalMs?: number;
  delivery?: Partial<DeliveryOptions>;
  /** The delivery thread's script; null prepares emails in this thread. The workspace's (Services.deliveryWorker) unless given. */
  deliveryThread?: URL | string | null;
  /** What kind of process runs this engine, as the app and the CLI name it when it holds the lease: "journey-studio run". */
  kind?: string;
  /** The lease's length and wall clock (tests); see EngineLease. */
  lease?: { ttlMs?: number; clock?: () => number };
  /** Told when this engine starts running (null) or stands by because another one holds the lease (its holder). */
  onLeaseChange?: (elsewhere: EngineHolder | null) => void;
  onError?: (error: unknown, runId?: string) => void;
  /** Hears what the runner skipped and goes on without (a contact's stored values that cannot be read), once each. */
  onWarning?: (message: string) => void;
}

export interface TickReport extends DeliveryReport {
  admitted: number;
  decided: number;
  /** The engine that holds the workspace's lease when this one stood by and did nothing; null when this one ran. */
  standby: EngineHolder | null;
}

const counts = ['admitted', 'decided', 'sent', 'failed', 'retrying', 'cancelled'] as const;
const emptyReport = (): TickReport => ({ admitted: 0, decided: 0, sent: 0, failed: 0, retrying: 0, cancelled: 0, standby: null });

/**
 * The live engine. Each tick admits new entrants, decides every run whose wake-up has come (in batches,
 * each decision written with all its effects atomically) and delivers the emails those decisions queued.
 * Work that fell due while the app was closed is simply due at the first tick.
 *
 * One engine per workspace: a tick first takes (or renews) the workspace's lease, and an engine that cannot, because
 * another process holds it, does nothing but report that one (TickReport.standby). Every write transaction of the
 * work checks the lease again (EngineLease.hold), and each delivery batch claims its emails, so an engine that lost
 * its lease while stalled neither decides nor sends anything the new holder does.
 */
export class JourneyRunner {
  readonly db: Db;
  readonly runs: RunStore;
  readonly catalog: JourneyCatalog;
  readonly inputs: DecisionInputs;
  readonly changes: ContactChanges;
  readonly delivery: Delivery;
  readonly admissions: Admissions;
  readonly lease: EngineLease;
  private readonly sender: EmailSender;
  private readonly preparer: EmailPreparer;
  private readonly now: () => number;
  private readonly batchSize: number;
  private readonly seed: number;
  private readonly membershipIntervalMs: number;
  private readonly onError: (error: unknown, runId?: string) => void;
  private readonly onLeaseChange: (elsewhere: EngineHolder | null) => void;
  /** What onLeaseChange last said: undefined before the first tick. */
  private leaseState: EngineHolder | null | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly onWarning: (message: string) => void;
  /** Contacts already warned about (values that cannot be read): once each for as long as the runner runs. */
  private readonly warned = new Set<string>();
  private lastMembershipScan = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<TickReport> | undefined;
  private stopped = false;

  constructor(options: RunnerOptions) {
    const { services } = options;
    this.db = services.db;
    this.now = options.now ?? services.now;
    this.batchSize = options.batchSize ?? 500;
    this.seed = options.seed ?? 0x5eed;
    this.membershipIntervalMs = options.membershipIntervalMs ?? 60_000;
    this.onError = options.onError ?? ((error, runId) => console.error(`journey runner${runId ? ` (${runId})` : ''}:`, error));
    this.onLeaseChange = options.onLeaseChange ?? (() => {});
    this.onWarning = options.onWarning ?? ((message) => console.warn(`journey runner: ${message}`));
    this.sender = options.sender;
    this.lease = new EngineLease(this.db, {
      kind: options.kind ?? 'a journey runner',
      ...options.lease,
      onTakenFromGone: (owner) => this.delivery.releaseClaimsOf(owner),
    });
    this.runs = new RunStore(this.db);
    this.catalog = new JourneyCatalog(this.db);
    this.inputs = services.decisions;
    this.changes = new ContactChanges(this.db);
    this.admissions = new Admissions(this.db, this.runs, this.catalog, this.inputs, () => this.lease.hold());
    const links = new UnsubscribeLinks(this.db);
    links.ensureSigningKey(); // before the delivery thread, which cannot write, signs the first link
    const inThisThread = new EmailPreparation({
      emailRenderer: services.emailRenderer,
      contacts: this.inputs.contacts(),
      catalog: this.catalog,
      links,
      settings: () => readSendingSettings(this.db),
    });
    // The delivery thread reads the workspace file on a connection of its own: not an in-memory database.
    const thread = options.deliveryThread === undefined ? services.deliveryWorker : options.deliveryThread;
    this.preparer = thread !== null && !this.db.memory ? new ThreadedPreparation(thread, services.databasePath, inThisThread) : inThisThread;
    this.delivery = new Delivery({ db: this.db, sender: options.sender, preparer: this.preparer, claimant: this.lease, options: options.delivery });
  }

  /**
   * Decides one run now, for `contact` as the store has them (read now when not given): 'skipped' when it was not
   * due (another decision got there first) or the contact is gone, 'touched' when the decision changed the contact
   * or queued them an email (what a later decision about them must see), else 'decided'. The caller holds the
   * transaction.
   */
  private decideRow(row: RunRow, now: number, contact?: DecisionContact): 'skipped' | 'decided' | 'touched' {
    if (row.status !== 'active' || row.due_at === null || row.due_at > now) return 'skipped';
    const state = JSON.parse(row.state) as RunState;
    const document = this.catalog.document(row.journey_id, row.version);
    const journey = this.journeyInputs(document, now);
    contact ??= this.inputs.contacts(journey.reads).one(row.contact_id, now - journey.sendReach);
    if (!contact) return 'skipped'; // deleted: the foreign key removes the run with it
    const result = advance({
      document,
      state,
      contact: contact.view,
      now,
      seed: this.seed,
      recentSends: contact.recentSends,
      suppressed: contact.suppressed,
      population: journey.population,
      segments: journey.segments,
      handOverState: true, // parsed for this decision alone
    });
    if (contact.unreadable.length) this.warnOnce(row.contact_id, `contact ${row.contact_id} (${contact.view.email}): ${contact.unreadable.join('; ')}`);
    for (const change of result.contactChanges) {
      if (!this.changes.apply(row.contact_id, change, now) && change.op !== 'add-tag' && change.op !== 'remove-tag') {
        this.warnOnce(row.contact_id, `contact ${row.contact_id} (${contact.view.email}): "${change.attribute}" was not changed: ${unreadableAttributesNote()}`);
      }
    }
    this.runs.save(row, result, contact.view.email, now);
    return result.contactChanges.length > 0 || result.emails.length > 0 ? 'touched' : 'decided';
  }

  private warnOnce(contactId: number, message: string): void {
    const key = `${contactId}\u0000${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.onWarning(message);
  }

  /** A journey version's decision inputs, worked out once per moment (a tick decides many runs at one `now`). */
  private journeyInputs(document: JourneyDocument, now: number): JourneyInputs {
    if (this.inputsAt !== now) {
      this.inputsAt = now;
      this.inputsByDocument = new WeakMap();
    }
    let inputs = this.inputsByDocument.get(document);
    if (!inputs) this.inputsByDocument.set(document, (inputs = this.inputs.forJourney(document, now)));
    return inputs;
  }
  private inputsAt = Number.NaN;
  private inputsByDocument = new WeakMap<JourneyDocument, JourneyInputs>();

  /**
   * Decides up to one batch of due runs in one transaction, their contacts read in bulk. When a decision throws,
   * the batch's transaction is rolled back and the batch decided again one run at a time, each in a savepoint of its
   * own, so that one broken run is reported and put off while the others go on.
   */
  decideBatch(now: number): number {
    const rows = this.runs.due(now, this.batchSize);
    if (rows.length === 0) return 0;
    let decided: number;
    try {
      decided = writeTransaction(this.db, () => {
        this.lease.hold();
        return this.decideTogether(rows, now);
      })();
    } catch (error) {
      if (error instanceof LeaseHeldElsewhere) throw error;
      decided = this.decideApart(rows, now);
    }
    return decided || rows.length; // a batch of stale rows still counts as progress
  }

  /**
   * The batch's decisions with the contacts read once for all of them (one bulk read per journey version, which says
   * which events and how much send history its decisions read). A contact whom an earlier decision of the batch
   * changed or queued an email to is read again, so the next decision sees what the store now says.
   */
  private decideTogether(rows: RunRow[], now: number): number {
    const contacts = new Map<number, DecisionContact>();
    const byVersion = new Map<JourneyDocument, Set<number>>();
    for (const row of rows) {
      const document = this.catalog.document(row.journey_id, row.version);
      (byVersion.get(document) ?? byVersion.set(document, new Set()).get(document)!).add(row.contact_id);
    }
    for (const [document, contactIds] of byVersion) {
      const journey = this.journeyInputs(document, now);
      const ids = [...contactIds];
      for (const contact of this.inputs.contacts(journey.reads).read(ids, now - journey.sendReach)) contacts.set(contact.view.id as number, contact);
    }
    const touched = new Set<number>();
    let decided = 0;
    for (const row of rows) {
      const contact = touched.has(row.contact_id) ? undefined : contacts.get(row.contact_id);
      if (!contact && !touched.has(row.contact_id)) continue; // deleted: the foreign key removes the run with it
      const outcome = this.decideRow(row, now, contact);
      if (outcome === 'skipped') continue;
      decided++;
      if (outcome === 'touched') touched.add(row.contact_id);
    }
    return decided;
  }

  /** The slow path: each decision in a savepoint; a run that fails is reported and looked at again in a minute. */
  private decideApart(rows: RunRow[], now: number): number {
    let decided = 0;
    const one = writeTransaction(this.db, (row: RunRow) => this.decideRow(row, now));
    writeTransaction(this.db, () => {
      this.lease.hold();
      for (const row of rows) {
        try {
          if (one(row) !== 'skipped') decided++;
        } catch (error) {
          this.onError(error, row.id);
          this.db.prepare('UPDATE journey_runs SET due_at = ? WHERE id = ?').run(now + 60_000, row.id);
        }
      }
    })();
    return decided;
  }

  /** One pass: take the lease, admit, decide everything due, deliver what is due; or stand by. */
  async tick(): Promise<TickReport> {
    const report = emptyReport();
    const elsewhere = this.lease.take();
    this.leaseChanged(elsewhere);
    if (elsewhere) return { ...report, standby: elsewhere };
    try {
      await this.work(report);
    } catch (error) {
      if (!(error instanceof LeaseHeldElsewhere)) throw error;
      this.leaseChanged(error.holder); // lost while stalled: another engine took over
      report.standby = error.holder;
    }
    return report;
  }

  private async work(report: TickReport): Promise<void> {
    const now = this.now();
    const memberships = now - this.lastMembershipScan >= this.membershipIntervalMs;
    if (memberships) this.lastMembershipScan = now;
    report.admitted = this.admissions.scan(now, { memberships });
    // Take up a batch of due emails, decide a batch of runs while the delivery thread prepares those emails, then
    // send them, and again: the first emails leave while later contacts are still being decided, and a crash loses
    // at most one batch's uncommitted work.
    for (;;) {
      const delivering = this.delivery.deliverDue(now, this.batchSize);
      let decided: number;
      try {
        decided = this.decideBatch(now);
      } finally {
        await delivering.catch(() => undefined); // never leave a batch in flight behind a failure
      }
      report.decided += decided;
      const delivered = await delivering;
      for (const key of ['sent', 'failed', 'retrying', 'cancelled'] as const) report[key] += delivered[key];
      const moved = decided + delivered.sent + delivered.failed + delivered.retrying + delivered.cancelled;
      if (moved === 0 || this.stopped) break;
    }
  }

  /**
   * Says when this engine starts running or standing by, and keeps its lease alive while it holds it: the ticks renew
   * it too, but a batch may take longer than the lease to send (a slow SMTP server), and the claims of the batch in
   * flight are renewed with it.
   */
  private leaseChanged(elsewhere: EngineHolder | null): void {
    const was = this.leaseState;
    this.leaseState = elsewhere;
    if (elsewhere === null) {
      this.heartbeat ??= setInterval(() => this.beat(), this.lease.ttlMs / 3).unref();
    } else {
      this.stopHeartbeat();
    }
    const same = was === undefined ? false : was === null || elsewhere === null ? was === elsewhere : was.pid === elsewhere.pid && was.since === elsewhere.since;
    if (!same) this.onLeaseChange(elsewhere);
  }

  private beat(): void {
    if (!this.db.open) return this.stopHeartbeat();
    try {
      if (this.lease.renew()) this.delivery.extendClaims();
      else this.stopHeartbeat(); // taken over: the next write's hold() says by whom
    } catch {
      // The database was busy for the whole busy timeout: the next beat, or the work's own hold(), renews it.
    }
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Runs ticks until nothing more is due now (`journey-studio run --once`, tests with a virtual clock). */
  async runOnce(): Promise<TickReport> {
    const total = emptyReport();
    for (let i = 0; i < 1000; i++) {
      const report = await this.tick();
      for (const key of counts) total[key] += report[key];
      total.standby = report.standby;
      if (report.standby || counts.every((key) => report[key] === 0)) break;
    }
    return total;
  }

  /** Ticks every `intervalMs` until stop(). */
  start(intervalMs = 1000): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      try {
        this.ticking = this.tick();
        await this.ticking;
      } catch (error) {
        this.onError(error);
      } finally {
        this.ticking = undefined;
      }
      if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops ticking and gives the lease up, so an engine standing by takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking?.catch(() => undefined);
    this.stopHeartbeat();
    this.lease.release();
    this.leaseState = undefined;
  }

  /** Stops (giving the lease up) and closes the sender (its SMTP pool) and the delivery thread. */
  async close(): Promise<void> {
    await this.stop();
    await this.preparer.close();
    await this.sender.close();
  }
}
