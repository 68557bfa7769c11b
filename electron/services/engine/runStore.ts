import type { Db } from '../../store/database.ts';
import type { AdvanceResult, EntryHistory, RunState } from '../../../shared/engine/types.ts';
import { runId } from '../../../shared/engine/messageKey.ts';

export interface RunRow {
  id: string;
  journey_id: string;
  version: number;
  contact_id: number;
  entry: number;
  status: 'active' | 'exited';
  node_id: string;
  state: string;
  trigger_properties: string;
  due_at: number | null;
  entered_at: number;
  exited_at: number | null;
  exit_reason: string | null;
}

/** A contact's runs of a journey summed up; lastExitedAt is null while the latest run is still active. */
const historyColumns = `COUNT(*) AS entries, MAX(entered_at) AS lastEnteredAt,
  CASE WHEN SUM(status = 'active') > 0 THEN NULL ELSE MAX(exited_at) END AS lastExitedAt,
  COALESCE(SUM(status = 'active'), 0) AS activeRuns`;

/** The rows behind journey runs: positions, wake-ups, the timeline and the queued emails. */
export class RunStore {
  private readonly db: Db;
  private readonly historyStatement;
  private readonly historiesStatement;
  private readonly insertRun;
  private readonly getRun;
  private readonly dueStatement;
  private readonly updateRun;
  private readonly insertStep;
  private readonly insertEmail;
  private readonly wakeStatement;

  constructor(db: Db) {
    this.db = db;
    this.historyStatement = db.prepare(`SELECT ${historyColumns} FROM journey_runs WHERE journey_id = ? AND contact_id = ?`);
    this.historiesStatement = db.prepare(`SELECT contact_id AS contactId, ${historyColumns} FROM journey_runs WHERE journey_id = ? GROUP BY contact_id`);
    this.insertRun = db.prepare(`
      INSERT INTO journey_runs (id, journey_id, version, contact_id, entry, status, node_id, state, trigger_properties, due_at, entered_at, updated_at)
      VALUES (@id, @journeyId, @version, @contactId, @entry, 'active', @nodeId, @state, @trigger, @dueAt, @enteredAt, @now)`);
    this.getRun = db.prepare('SELECT * FROM journey_runs WHERE id = ?');
    // Due first, then in the order the runs were created (the rowid): the wake-up index holds exactly that order, so
    // a batch reads its own rows. Ordered by id instead, SQLite sorted every run due at the same moment to take a
    // batch's few, each batch again: a million runs admitted at one moment made the decisions quadratic.
    this.dueStatement = db.prepare(`
        SELECT r.* FROM journey_runs r JOIN journeys j ON j.id = r.journey_id
        WHERE r.due_at <= ? AND j.status = 'live' ORDER BY r.due_at, r.rowid LIMIT ?`);
    this.updateRun = db.prepare(`
      UPDATE journey_runs SET status = @status, node_id = @nodeId, state = @state, due_at = @dueAt,
        exited_at = @exitedAt, exit_reason = @exitReason, updated_at = @now
      WHERE id = @id`);
    this.insertStep = db.prepare(`
      INSERT INTO journey_steps (run_id, journey_id, node_id, node_kind, outcome, branch, reason, message_key, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // OR IGNORE: a decision replayed after a crash produces the same key, and must not queue a second copy.
    this.insertEmail = db.prepare(`
      INSERT OR IGNORE INTO outbound_emails (message_key, run_id, journey_id, node_id, contact_id, template_id, to_email, status, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`);
    this.wakeStatement = db.prepare(`UPDATE journey_runs SET due_at = ? WHERE contact_id = ? AND status = 'active' AND due_at > ?`);
  }

  /** A contact's past runs of a journey, for the re-entry rules and the entry limit (decideEntry). */
  history(journeyId: string, contactId: number): EntryHistory {
    return this.historyStatement.get(journeyId, contactId) as EntryHistory;
  }

  /** Every contact's past runs of a journey at once (the forecast's audience); contacts with none are absent. */
  histories(journeyId: string): Map<number, EntryHistory> {
    const rows = this.historiesStatement.all(journeyId) as Array<EntryHistory & { contactId: number }>;
    return new Map(rows.map(({ contactId, ...history }) => [contactId, history]));
  }

  create(state: RunState, trigger: Record<string, unknown>, now: number): void {
    this.insertRun.run({
      id: runId(state.run),
      journeyId: state.run.journeyId,
      version: state.run.version,
      contactId: state.run.contactId,
      entry: state.run.entry,
      nodeId: state.nodeId,
      state: JSON.stringify(state),
      trigger: JSON.stringify(trigger),
      dueAt: now,
      enteredAt: state.enteredAt,
      now,
    });
  }

  get(id: string): RunRow | undefined {
    return this.getRun.get(id) as RunRow | undefined;
  }

  /** Runs of live journeys whose wake-up has come, oldest first (then first created), whole. Paused journeys' work stays queued. */
  due(now: number, limit: number): RunRow[] {
    return this.dueStatement.all(now, limit) as RunRow[];
  }

  /** Writes a decision: the run's new state, its steps and its emails. The caller holds the transaction. */
  save(row: RunRow, result: AdvanceResult, toEmail: string, now: number): void {
    const { state } = result;
    // A wake-up that is not in the future would spin: look again a moment later.
    const dueAt = result.wakeAt === null ? null : Math.max(result.wakeAt, now + 1);
    this.updateRun.run({
      id: row.id,
      status: state.status,
      nodeId: state.nodeId,
      state: JSON.stringify(state),
      dueAt,
      exitedAt: state.exit?.at ?? null,
      exitReason: state.exit?.reason ?? null,
      now,
    });
    for (const step of result.steps) {
      this.insertStep.run(row.id, row.journey_id, step.nodeId, step.nodeKind, step.outcome, step.branch ?? null, step.reason, step.messageKey ?? null, step.at);
    }
    for (const email of result.emails) {
      this.insertEmail.run(email.messageKey, row.id, row.journey_id, email.nodeId, row.contact_id, email.templateId, toEmail, now, now);
    }
  }

  /** Something happened to the contact: their active runs look again now (exit criteria, goals, waits for events). */
  wakeContact(contactId: number, now: number): void {
    this.wakeStatement.run(now, contactId, now);
  }
}
