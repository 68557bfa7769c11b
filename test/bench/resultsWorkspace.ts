import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from '../../electron/store/migrations/index.ts';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace.ts';
import type { Db } from '../../electron/store/database.ts';
import { sampleTemplates } from '../../electron/services/sample/sampleTemplates.ts';
import { sampleJourneys } from '../../electron/services/sample/sampleJourneys.ts';
import { messageIdOf } from '../../shared/engine/messageKey.ts';
import { seededRandom, type Random } from '../../shared/util/random.ts';
import { benchRoot } from './benchData.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The first entry; runs enter over the 90 days that follow. */
export const RESULTS_T0 = Date.UTC(2026, 0, 5);
/** The workspace's clock: runs that entered in the last three weeks are still going. */
export const RESULTS_NOW = RESULTS_T0 + 90 * DAY;
/** Bump when the data below changes, so a cached file of the old shape is not reused. */
const GENERATOR_VERSION = 1;

/**
 * A workspace with `runs` runs of the sample's 21-day trial journey (j_trial_drip) as the engine leaves them,
 * generated once per size into the system temporary folder and reused (1M runs take several minutes).
 *
 * Each contact enters once at a random moment over 90 days and goes as far as the clock allows: the timeline
 * steps the engine writes (entered; waiting and resumed at each wait; sent, with a deferral for a fifth of the
 * emails and a suppression for 1%; the day-21 A/B split; exited), the emails (1% failed, the latest still queued),
 * opens on 35% of the emails (a fifth of them opened twice) and clicks on 30% of those, 85% carrying the
 * Message-ID and the rest tied back by time, a few unsubscribes, the goal (upgraded) for 15% at a random day,
 * purchases for 10% of the contacts, page views, and for 30% of the contacts a cart-abandonment run with its
 * own emails and opens, so that an open without a Message-ID can belong to the other journey.
 */
export function resultsWorkspace(runs: number): string {
  const file = join(benchRoot, `results-${runs}-g${GENERATOR_VERSION}-v${migrations.length}.db`);
  if (existsSync(file)) return file;
  mkdirSync(benchRoot, { recursive: true });
  const work = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
  console.error(`  building a results workspace: ${runs.toLocaleString('en-US')} trial runs…`);
  const services = openWorkspace(work, () => RESULTS_T0);
  const { db } = services;
  db.pragma('cache_size = -1048576');
  // A run's steps and emails are written before its row (its final state is known only at the end).
  db.pragma('foreign_keys = OFF');
  // A half-written file is thrown away, never opened: no journal needed while generating.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const now = RESULTS_T0;
  const insertTemplate = db.prepare('INSERT INTO templates (id, name, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  for (const t of sampleTemplates) insertTemplate.run(t.id, t.name, JSON.stringify(t.document), now, now);
  for (const j of sampleJourneys().filter((j) => j.id !== 'j_win_back')) {
    services.journeys.create(j.name, j.document, j.id);
    services.journeys.publish(j.id);
  }
  db.prepare(`INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES ('s_french', 'French speakers', 'dynamic', ?, ?, ?)`).run(
    JSON.stringify({ type: 'attribute', attribute: 'locale', op: 'eq', value: 'fr-FR' }),
    now,
    now,
  );
  // Rows go in without the secondary indexes, which are built once at the end (a sort each, instead of
  // tens of millions of inserts at random places).
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('journey_runs', 'journey_steps', 'outbound_emails', 'events')`)
    .all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  const writer = new RowWriter(db);
  const random = seededRandom(42);
  const batch = 20_000;
  for (let first = 1; first <= runs; first += batch) {
    db.transaction(() => {
      for (let c = first; c < Math.min(first + batch, runs + 1); c++) writeContact(writer, random, c);
    })();
  }
  for (const index of indexes) db.exec(index.sql);
  db.pragma('journal_mode = WAL');
  db.close();
  renameSync(work, file);
  return file;
}

const trialDays = [1, 3, 7, 10, 12, 15, 18, 20, 21];
const amounts = [18, 22, 49, 89, 129, 44, 67];

class RowWriter {
  readonly contact;
  readonly run;
  readonly step;
  readonly email;
  readonly event;
  private eventCount = 0;

  constructor(db: Db) {
    this.contact = db.prepare(`INSERT INTO contacts (id, email, locale, timezone, consent, created_at, updated_at) VALUES (?, ?, ?, ?, 'subscribed', ?, ?)`);
    this.run = db.prepare(
      `INSERT INTO journey_runs (id, journey_id, version, contact_id, entry, status, node_id, state, due_at, entered_at, exited_at, exit_reason, updated_at)
       VALUES (?, ?, 1, ?, 1, ?, ?, '{}', ?, ?, ?, ?, ?)`,
    );
    this.step = db.prepare(`INSERT INTO journey_steps (run_id, journey_id, node_id, node_kind, outcome, branch, reason, message_key, at) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)`);
    this.email = db.prepare(
      `INSERT INTO outbound_emails (message_key, run_id, journey_id, node_id, contact_id, template_id, to_email, status, attempts, next_attempt_at, created_at, sent_at)
       VALUES (?, ?, ?, ?, ?, 't', 'x@example.com', ?, 1, ?, ?, ?)`,
    );
    this.event = db.prepare('INSERT INTO events (contact_id, name, occurred_at, properties, dedupe_key) VALUES (?, ?, ?, ?, ?)');
  }

  addEvent(contactId: number, name: string, at: number, properties: Record<string, unknown>) {
    this.event.run(contactId, name, at, JSON.stringify(properties), `g${++this.eventCount}`);
  }

  /** An email written as delivery leaves it, and the opens, clicks and unsubscribes it drew. */
  addEmail(random: Random, runId: string, journeyId: string, nodeId: string, contactId: number, queuedAt: number, openChance: number) {
    const key = `${runId}.${nodeId}.1`;
    const sentAt = queuedAt + random.int(0, 120) * 1000;
    const status = sentAt > RESULTS_NOW ? 'queued' : random.chance(0.01) ? 'failed' : 'sent';
    this.email.run(key, runId, journeyId, nodeId, contactId, status, queuedAt, queuedAt, status === 'sent' ? sentAt : null);
    if (status !== 'sent') return key;
    const tag = (): Record<string, unknown> => (random.chance(0.85) ? { message_id: messageIdOf(key) } : {});
    if (random.chance(openChance)) {
      const openedAt = sentAt + random.int(1, 2880) * MINUTE;
      this.addEvent(contactId, 'email_opened', openedAt, tag());
      if (random.chance(0.2)) this.addEvent(contactId, 'email_opened', openedAt + random.int(1, 4000) * MINUTE, tag());
      if (random.chance(0.3)) this.addEvent(contactId, 'email_clicked', openedAt + random.int(0, 30) * MINUTE, tag());
      if (random.chance(0.01)) this.addEvent(contactId, 'email_unsubscribed', openedAt + MINUTE, { message_id: messageIdOf(key) });
    }
    return key;
  }
}

function writeContact(w: RowWriter, random: Random, c: number): void {
  const enteredAt = RESULTS_T0 + random.int(0, 89) * DAY + random.int(0, 86_399) * 1000;
  w.contact.run(c, `c${c}@example.com`, random.pick(['en-US', 'en-US', 'fr-FR', 'de-DE']), random.pick(['Europe/Paris', 'America/New_York', 'Asia/Tokyo']), RESULTS_T0, RESULTS_T0);
  const runId = `j_trial_drip.${c}.1`;
  const step = (nodeId: string, kind: string, outcome: string, at: number, branch: string | null = null, key: string | null = null) =>
    w.step.run(runId, 'j_trial_drip', nodeId, kind, outcome, branch, key, at);
  step('n_trigger', 'trigger', 'entered', enteredAt);
  const upgradedAt = random.chance(0.15) ? enteredAt + random.int(1, 28) * DAY + random.int(0, 23) * HOUR : null;
  const variant = random.chance(0.5) ? 'v_a' : 'v_b';
  let last = enteredAt;
  let waitingAt: string | null = null;
  let goal = false;
  for (const day of trialDays) {
    const due = enteredAt + day * DAY;
    if (upgradedAt !== null && upgradedAt < due && upgradedAt <= RESULTS_NOW) {
      goal = true;
      break;
    }
    const wait = `n_wait_d${day}`;
    step(wait, 'wait', 'waiting', last);
    if (due > RESULTS_NOW) {
      waitingAt = wait;
      break;
    }
    step(wait, 'wait', 'resumed', due, 'next');
    let node = `n_email_d${day}`;
    if (day === 21) {
      step('n_ab_d21', 'ab-split', 'branched', due, variant);
      node = variant === 'v_a' ? 'n_email_d21' : 'n_email_d21_b';
    }
    let sendAt = due;
    if (random.chance(0.2)) {
      step(node, 'email', 'deferred', due);
      sendAt = due + random.int(1, 14) * HOUR;
    }
    last = sendAt;
    if (random.chance(0.01)) {
      step(node, 'email', 'suppressed', sendAt, 'next');
      continue;
    }
    const key = w.addEmail(random, runId, 'j_trial_drip', node, c, sendAt, 0.35);
    step(node, 'email', 'sent', sendAt, 'next', key);
  }
  if (goal) {
    step('n_goal', 'goal', 'goal', upgradedAt!);
    w.addEvent(c, 'upgraded', upgradedAt!, {});
  } else if (waitingAt === null) {
    step('n_exit', 'exit', 'exited', last);
  }
  const exitedAt = waitingAt === null ? (goal ? upgradedAt : last) : null;
  w.run.run(runId, 'j_trial_drip', c, waitingAt === null ? 'exited' : 'active', waitingAt ?? (goal ? 'n_goal' : 'n_exit'), waitingAt === null ? null : last + DAY, enteredAt, exitedAt, exitedAt === null ? null : 'done', last);
  if (random.chance(0.1)) {
    for (let i = random.int(1, 2); i > 0; i--) {
      w.addEvent(c, 'purchased', enteredAt + random.int(0, 30 * 24 * 60) * MINUTE, { amount: random.pick(amounts) * random.int(1, 2), currency: 'USD' });
    }
  }
  for (let i = 0; i < 3; i++) w.addEvent(c, 'page_viewed', enteredAt + random.int(-20 * 24 * 60, 40 * 24 * 60) * MINUTE, { url: `/p/${random.int(1, 500)}` });
  if (random.chance(0.3)) {
    const cartRun = `j_cart_abandonment.${c}.1`;
    const cartAt = enteredAt + random.int(-5 * 24 * 60, 25 * 24 * 60) * MINUTE;
    const reminders = (['n_email_1', 'n_email_2', 'n_email_3'] as const).slice(0, random.int(1, 3)).filter((_, i) => cartAt + (1 + 24 * i) * HOUR <= RESULTS_NOW);
    w.run.run(cartRun, 'j_cart_abandonment', c, 'exited', 'n_exit', null, cartAt, cartAt + 50 * HOUR, 'done', cartAt + 50 * HOUR);
    const cartStep = (nodeId: string, kind: string, outcome: string, at: number, key: string | null = null) =>
      w.step.run(cartRun, 'j_cart_abandonment', nodeId, kind, outcome, null, key, at);
    cartStep('n_trigger', 'trigger', 'entered', cartAt);
    reminders.forEach((node, i) => {
      const sendAt = cartAt + (1 + 24 * i) * HOUR;
      cartStep(node, 'email', 'sent', sendAt, w.addEmail(random, cartRun, 'j_cart_abandonment', node, c, sendAt, 0.3));
    });
    cartStep('n_exit', 'exit', 'exited', cartAt + 50 * HOUR);
  }
}
