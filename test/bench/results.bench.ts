import { tempWorkspace } from '../helpers/workspace.ts';
import { loadMetricRows } from '../../electron/services/results/metricsSource.ts';
import { defaultAttribution } from '../../shared/results/attribution.ts';
import { seededRandom } from '../../shared/util/random.ts';
import { sampleTemplates } from '../../electron/services/sample/sampleTemplates.ts';
import { sampleJourneys } from '../../electron/services/sample/sampleJourneys.ts';
import { time, type Bench } from './harness.ts';

const RUNS = Number(process.env.BENCH_RESULTS_RUNS ?? 50_000);
const DAY = 86_400_000;

/**
 * The results of the trial journey over 50,000 runs (nine emails each, opens and clicks on a third, an A/B
 * split, goals), from a real SQLite file. Ours: the whole `results.journey` call (loading and counting).
 * References in the same run: reading the same rows without counting anything (loadMetricRows), and the
 * least any per-step report must do, one SQL GROUP BY of the emails per node and status.
 */
const bench: Bench = {
  name: 'results',
  async run() {
    const ws = tempWorkspace(() => Date.UTC(2026, 5, 1));
    try {
      const { db } = ws.services;
      const t0 = Date.UTC(2026, 0, 5);
      const random = seededRandom(42);
      db.transaction(() => {
        const now = Date.now();
        for (const t of sampleTemplates) db.prepare('INSERT INTO templates (id, name, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(t.id, t.name, JSON.stringify(t.document), now, now);
        const trial = sampleJourneys().find((j) => j.id === 'j_trial_drip')!;
        db.prepare(`INSERT INTO journeys (id, name, status, draft, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?)`).run(trial.id, trial.name, JSON.stringify(trial.document), now, now);
        const contact = db.prepare('INSERT INTO contacts (id, email, locale, timezone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
        const run = db.prepare(
          `INSERT INTO journey_runs (id, journey_id, version, contact_id, entry, status, node_id, state, entered_at, updated_at) VALUES (?, 'j_trial_drip', 1, ?, 1, 'exited', 'n_exit', '{}', ?, ?)`,
        );
        const step = db.prepare(`INSERT INTO journey_steps (run_id, journey_id, node_id, node_kind, outcome, branch, reason, message_key, at) VALUES (?, 'j_trial_drip', ?, ?, ?, ?, '', ?, ?)`);
        const email = db.prepare(
          `INSERT INTO outbound_emails (message_key, run_id, journey_id, node_id, contact_id, template_id, to_email, status, next_attempt_at, created_at, sent_at) VALUES (?, ?, 'j_trial_drip', ?, ?, 't', 'x', ?, 0, ?, ?)`,
        );
        const event = db.prepare('INSERT INTO events (contact_id, name, occurred_at, properties, dedupe_key) VALUES (?, ?, ?, ?, ?)');
        const days = [1, 3, 7, 10, 12, 15, 18, 20];
        for (let c = 1; c <= RUNS; c++) {
          const enteredAt = t0 + random.int(0, 60) * DAY;
          const runId = `j_trial_drip.${c}.1`;
          contact.run(c, `c${c}@example.com`, random.pick(['en-US', 'fr-FR', 'de-DE']), 'Europe/Paris', now, now);
          run.run(runId, c, enteredAt, enteredAt);
          const variant = random.chance(0.5) ? 'v_a' : 'v_b';
          const nodes = [...days.map((d) => [`n_email_d${d}`, d] as const), [variant === 'v_a' ? 'n_email_d21' : 'n_email_d21_b', 21] as const];
          for (const [nodeId, d] of nodes) {
            const key = `${runId}.${nodeId}.1`;
            const sentAt = enteredAt + d * DAY;
            const failed = random.chance(0.01);
            step.run(runId, nodeId, 'email', 'sent', 'next', key, sentAt);
            email.run(key, runId, nodeId, c, failed ? 'failed' : 'sent', sentAt, failed ? null : sentAt);
            if (!failed && random.chance(0.35)) {
              event.run(c, 'email_opened', sentAt + 3_600_000, JSON.stringify({ message_id: `<${key}@journey-studio.local>` }), `${key}.o`);
              if (random.chance(0.3)) event.run(c, 'email_clicked', sentAt + 3_700_000, JSON.stringify({ message_id: `<${key}@journey-studio.local>` }), `${key}.c`);
            }
          }
          step.run(runId, 'n_ab_d21', 'ab-split', 'branched', variant, null, enteredAt + 21 * DAY);
          if (random.chance(variant === 'v_b' ? 0.12 : 0.1)) {
            event.run(c, 'purchased', enteredAt + 22 * DAY, JSON.stringify({ amount: 49 }), `${runId}.p`);
            step.run(runId, 'n_goal', 'goal', 'goal', null, null, enteredAt + 22 * DAY);
          }
        }
      })();
      ws.services.journeys.publish('j_trial_drip');
      const query = { journeyId: 'j_trial_drip', attribution: defaultAttribution(), abMetric: 'conversion' as const, minimumLiftPoints: 2, confidence: 0.95 };
      ws.services.results.journey(query); // warm the statement cache and the JIT
      const ours = await time(() => ws.services.results.journey(query));
      const read = await time(() => loadMetricRows(db, 'j_trial_drip', 'purchased'));
      const groupBy = await time(() => db.prepare(`SELECT node_id, status, COUNT(*) FROM outbound_emails WHERE journey_id = 'j_trial_drip' GROUP BY node_id, status`).all());
      const emails = read.value.emails.length;
      return [
        {
          name: `results.journey, ${RUNS.toLocaleString('en-US')} runs / ${emails.toLocaleString('en-US')} emails`,
          unit: 'ms',
          ours: ours.ms,
          reference: read.ms,
          referenceName: 'reading the same rows',
          ratio: ours.ms / read.ms,
          goal: 'under 3 s on a laptop',
          extra: { verdict: ours.value.abTests[0].analysis.verdict.text },
        },
        { name: 'same, against a GROUP BY of emails per node', unit: 'ms', ours: ours.ms, reference: groupBy.ms, referenceName: 'SQL GROUP BY node, status', ratio: ours.ms / groupBy.ms },
      ];
    } finally {
      ws.close();
    }
  },
};

export default bench;
