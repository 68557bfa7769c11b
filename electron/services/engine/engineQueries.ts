import type { Db } from '../../store/database.ts';
import type { NodeCounts, OutboundEmail, RunView, StepView } from '../../../shared/api/calls/engine.ts';
import { messageIdOf } from '../../../shared/engine/messageKey.ts';
import type { PendingWait, RunState } from '../../../shared/engine/types.ts';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import type { JourneyCatalog } from './journeyCatalog.ts';
import type { RunRow } from './runStore.ts';
import { formatLocal } from '../../../shared/engine/time.ts';

/** What the canvas and the contact screen ask the engine: live counts, and where a contact is and why. */
export class EngineQueries {
  private readonly db: Db;
  private readonly catalog: JourneyCatalog;

  constructor(db: Db, catalog: JourneyCatalog) {
    this.db = db;
    this.catalog = catalog;
  }

  nodeCounts(journeyId: string): NodeCounts[] {
    const counts = new Map<string, NodeCounts>();
    const of = (nodeId: string) => {
      let c = counts.get(nodeId);
      if (!c) counts.set(nodeId, (c = { nodeId, now: 0, passed: 0, branches: {}, sent: 0, queued: 0, failed: 0, suppressed: 0, skipped: 0 }));
      return c;
    };
    const here = this.db.prepare(`SELECT node_id, COUNT(*) AS n FROM journey_runs WHERE journey_id = ? AND status = 'active' GROUP BY node_id`).all(journeyId) as Array<{ node_id: string; n: number }>;
    for (const row of here) of(row.node_id).now = row.n;
    const steps = this.db
      .prepare(`SELECT node_id, outcome, branch, COUNT(*) AS n, COUNT(DISTINCT run_id) AS runs FROM journey_steps WHERE journey_id = ? GROUP BY node_id, outcome, branch`)
      .all(journeyId) as Array<{ node_id: string; outcome: string; branch: string | null; n: number; runs: number }>;
    const reached = this.db
      .prepare(`SELECT node_id, COUNT(DISTINCT run_id) AS n FROM journey_steps WHERE journey_id = ? AND outcome <> 'resumed' GROUP BY node_id`)
      .all(journeyId) as Array<{ node_id: string; n: number }>;
    for (const row of reached) of(row.node_id).passed = row.n;
    for (const row of steps) {
      const c = of(row.node_id);
      if (row.branch !== null) c.branches[row.branch] = (c.branches[row.branch] ?? 0) + row.n;
      if (row.outcome === 'suppressed') c.suppressed += row.n;
      if (row.outcome === 'skipped') c.skipped += row.n;
    }
    const emails = this.db
      .prepare(`SELECT node_id, status, COUNT(*) AS n FROM outbound_emails WHERE journey_id = ? GROUP BY node_id, status`)
      .all(journeyId) as Array<{ node_id: string; status: string; n: number }>;
    for (const row of emails) {
      const c = of(row.node_id);
      if (row.status === 'sent') c.sent += row.n;
      else if (row.status === 'queued') c.queued += row.n;
      else if (row.status === 'failed') c.failed += row.n;
    }
    return [...counts.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  }

  whereIs(contactId: number, journeyId?: string): RunView[] {
    const rows = (
      journeyId
        ? this.db.prepare('SELECT * FROM journey_runs WHERE contact_id = ? AND journey_id = ? ORDER BY entered_at DESC, entry DESC').all(contactId, journeyId)
        : this.db.prepare('SELECT * FROM journey_runs WHERE contact_id = ? ORDER BY entered_at DESC, entry DESC').all(contactId)
    ) as RunRow[];
    const stepsOf = this.db.prepare(
      `SELECT at, node_id AS nodeId, node_kind AS nodeKind, outcome, branch, reason, message_key AS messageKey FROM journey_steps WHERE run_id = ? ORDER BY id`,
    );
    const zone = (this.db.prepare('SELECT timezone FROM contacts WHERE id = ?').pluck().get(contactId) as string | null) || 'UTC';
    return rows.map((row) => {
      const state = JSON.parse(row.state) as RunState;
      const document = this.catalog.document(row.journey_id, row.version);
      const node = document.nodes.find((n) => n.id === row.node_id);
      const nodeName = node ? node.name || nodeKindInfo[node.kind].label : row.node_id;
      const steps = stepsOf.all(row.id) as StepView[];
      return {
        runId: row.id,
        journeyId: row.journey_id,
        journeyName: this.catalog.name(row.journey_id),
        version: row.version,
        entry: row.entry,
        status: row.status,
        nodeId: row.node_id,
        nodeName,
        enteredAt: row.entered_at,
        dueAt: row.due_at,
        exitedAt: row.exited_at,
        exitReason: row.exit_reason,
        summary: summarise(row, nodeName, state.wait, steps, zone),
        steps,
      };
    });
  }

  outbox(limit: number, status?: OutboundEmail['status']): OutboundEmail[] {
    const rows = (
      status
        ? this.db.prepare('SELECT * FROM outbound_emails WHERE status = ? ORDER BY created_at DESC, message_key LIMIT ?').all(status, limit)
        : this.db.prepare('SELECT * FROM outbound_emails ORDER BY created_at DESC, message_key LIMIT ?').all(limit)
    ) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      messageKey: r.message_key as string,
      messageId: messageIdOf(r.message_key as string),
      journeyId: r.journey_id as string,
      nodeId: r.node_id as string,
      contactId: r.contact_id as number,
      to: r.to_email as string,
      subject: (r.subject as string | null) ?? null,
      status: r.status as OutboundEmail['status'],
      attempts: r.attempts as number,
      lastError: (r.last_error as string | null) ?? null,
      createdAt: r.created_at as number,
      sentAt: (r.sent_at as number | null) ?? null,
    }));
  }
}

function summarise(row: RunRow, nodeName: string, wait: PendingWait | null, steps: StepView[], zone: string): string {
  const last = steps[steps.length - 1];
  if (row.status === 'exited') return `Left at "${nodeName}": ${row.exit_reason ?? 'finished'}`;
  const when = (at: number) => formatLocal(at, zone);
  if (wait?.type === 'wait') return `Waiting at "${nodeName}" until ${when(wait.until)}`;
  if (wait?.type === 'wait-for-event') return `Waiting at "${nodeName}" for ${wait.event.name}, at most until ${when(wait.until)}`;
  if (wait?.type === 'deferred-email') return `Email at "${nodeName}" held back (${wait.reason}) until ${when(wait.until)}`;
  return `At "${nodeName}"${last ? `: ${last.reason}` : ', about to move on'}`;
}
