import { writeTransaction, type Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { JourneyStatus } from '../../../shared/journey/journey.ts';

/**
 * Pause, resume and stop. Publishing (draft to live) is journeys.publish. A paused journey admits no one
 * and decides nothing, but its runs and queued emails stay as they are; stopping ends every run at once.
 */
export class JourneyControls {
  private readonly db: Db;
  private readonly now: () => number;

  constructor(db: Db, now: () => number) {
    this.db = db;
    this.now = now;
  }

  private status(id: string): JourneyStatus {
    const status = this.db.prepare('SELECT status FROM journeys WHERE id = ?').pluck().get(id) as JourneyStatus | undefined;
    if (!status) throw new ApiError('not-found', `no journey with the id ${id}`);
    return status;
  }

  private setStatus(id: string, from: JourneyStatus, to: JourneyStatus, refusal: string): void {
    const current = this.status(id);
    if (current !== from) throw new ApiError('refused', refusal.replace('{status}', current));
    this.db.prepare('UPDATE journeys SET status = ?, updated_at = ? WHERE id = ?').run(to, this.now(), id);
  }

  pause(id: string): void {
    this.setStatus(id, 'live', 'paused', 'only a live journey can be paused; this one is {status}');
  }

  resume(id: string): void {
    this.setStatus(id, 'paused', 'live', 'only a paused journey can be resumed; this one is {status}');
  }

  /** Ends every active run with the reason 'stopped' and cancels their unsent emails; returns how many. */
  stop(id: string): number {
    const status = this.status(id);
    if (status !== 'live' && status !== 'paused') throw new ApiError('refused', `only a live or paused journey can be stopped; this one is ${status}`);
    const at = this.now();
    return writeTransaction(this.db, () => {
      this.db
        .prepare(`
          INSERT INTO journey_steps (run_id, journey_id, node_id, node_kind, outcome, branch, reason, message_key, at)
          SELECT id, journey_id, node_id, 'exit', 'exited', NULL, 'stopped', NULL, ? FROM journey_runs WHERE journey_id = ? AND status = 'active'`)
        .run(at, id);
      const { changes } = this.db
        .prepare(`
          UPDATE journey_runs SET status = 'exited', due_at = NULL, exited_at = @at, exit_reason = 'stopped', updated_at = @at,
            state = json_set(state, '$.status', 'exited', '$.wait', json('null'),
                             '$.exit', json_object('at', @at, 'nodeId', node_id, 'reason', 'stopped'))
          WHERE journey_id = @id AND status = 'active'`)
        .run({ at, id });
      this.db
        .prepare(`UPDATE outbound_emails SET status = 'cancelled', last_error = 'the journey was stopped' WHERE journey_id = ? AND status = 'queued'`)
        .run(id);
      this.db.prepare(`UPDATE journeys SET status = 'stopped', updated_at = ? WHERE id = ?`).run(at, id);
      return changes;
    })();
  }
}
