import { readTransaction, type Db } from '../../store/database.ts';
import { readableJsonSql } from '../../store/readableJson.ts';
import type { CompiledRule } from '../segments/compileRule.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { Attribution } from '../../../shared/results/attribution.ts';
import { engagementEventNames } from '../../../shared/results/attribution.ts';
import { keyFromMessageId, messageIdDomain } from '../../../shared/engine/messageKey.ts';
import { DAY, type DateRange, type EntryTally, type JourneyTallies } from '../../../shared/results/journeyMetrics.ts';

export interface TallyQuery {
  journeyId: string;
  document: JourneyDocument;
  range: DateRange;
  attribution: Attribution;
  /** The segments to break the entries down by, each as its membership over the contacts row `c`. */
  segments: ReadonlyArray<{ id: string; condition: CompiledRule }>;
}

/**
 * A journey's results as SQL aggregates over the engine's records (journey_runs, journey_steps,
 * outbound_emails) and the contacts' events: what comes back to JavaScript grows with the journey's nodes,
 * variants, locales, segments and days, never with its runs, emails or events. The counting rules, which
 * docs/results.md states, are the ones the results have always had; test/integration/resultsTallies.test.ts
 * holds every field equal to the in-memory computation they replaced.
 *
 * The work happens in temporary tables of this connection, filled in order and emptied after each call:
 * the emails each engagement event is tied to, the purchases credited to a run's email, each run's goal,
 * conversion and A/B branches, and one row per run entered in the range. Everything is read in one snapshot.
 *
 * Two facts of the engine's writing are relied on: an email's contact is its run's contact (RunStore writes
 * both from the run), and an email or step never outlives its run (foreign keys, ON DELETE CASCADE).
 */
export class TallyReader {
  private readonly db: Db;
  private readonly statements;

  constructor(db: Db) {
    this.db = db;
    registerFunctions(db);
    db.exec(temporaryTables);
    // The temporary tables hold a fraction of a journey's emails and runs: kept in memory up to 256 MB (a
    // million runs need about that), beyond that in SQLite's temporary file.
    db.pragma('temp.cache_size = -262144');
    const prepare = (sql: string) => db.prepare(sql);
    this.statements = {
      clear: temporaryTableNames.map((name) => prepare(`DELETE FROM temp.${name}`)),
      since: prepare(`SELECT COALESCE(MIN(entered_at), 0) FROM journey_runs INDEXED BY journey_runs_by_entry WHERE journey_id = @journey`).pluck(),
      nodes: prepare(stepNodes),
      engaged: { index: prepare(engagedEmails('index')), scan: prepare(engagedEmails('scan')) },
      contactShare: prepare(`SELECT (SELECT COUNT(DISTINCT contact_id) FROM journey_runs WHERE journey_id = @journey) * 1.0 / MAX(1, (SELECT MAX(id) FROM contacts))`).pluck(),
      purchases: { index: prepare(creditedPurchases('index')), scan: prepare(creditedPurchases('scan')) },
      goals: prepare(goalsReached),
      conversionsByPurchase: prepare(`
        INSERT INTO results_conversions (run_id, converted_at, message_key, revenue)
        SELECT run_id, MIN(at), message_key, TOTAL(amount) FROM results_purchases GROUP BY run_id`),
      conversionsByGoal: [
        prepare(`INSERT INTO results_conversions (run_id, converted_at, message_key, revenue) SELECT run_id, NULL, NULL, TOTAL(amount) FROM results_purchases GROUP BY run_id`),
        prepare(goalConversions),
      ],
      credit: [
        prepare(`INSERT INTO results_credit (run_id, message_key, converted, revenue) SELECT run_id, message_key, 0, TOTAL(amount) FROM results_purchases GROUP BY run_id, message_key`),
        prepare(`
          INSERT INTO results_credit (run_id, message_key, converted, revenue)
          SELECT run_id, message_key, 1, 0 FROM results_conversions WHERE message_key IS NOT NULL
          ON CONFLICT (run_id, message_key) DO UPDATE SET converted = 1`),
        prepare(`
          UPDATE results_credit SET (node_id, sent_at, created_at) =
            (SELECT m.node_id, m.sent_at, m.created_at FROM outbound_emails m WHERE m.message_key = results_credit.message_key)`),
      ],
      branches: prepare(firstBranches),
      runEmails: prepare(runEmails),
      runEngagement: prepare(runEngagement),
      runFlags: prepare(runFlags),
      runConversions: prepare(runConversions),
      entries: prepare(runsEntered),
      sentByNodeAndDay: prepare(sentByNodeAndDay),
      datedByQueueTime: prepare(datedByQueueTime),
      creditedByNodeAndDay: prepare(creditedByNodeAndDay),
      stepsByNode: prepare(stepsByNode),
      entryCells: prepare(`
        SELECT COALESCE(locale, '') AS locale, MAX(locale IS NULL) AS unknownLocale, day, ${entrySums} FROM results_entries GROUP BY 1, 3`),
      entriesByVariant: prepare(`
        SELECT b.node_id AS nodeId, b.variant AS variantId, ${entrySums}
          FROM results_entries e JOIN results_branches b ON b.run_id = e.run_id GROUP BY b.node_id, b.variant`),
      variants: prepare(variantsAfterSplit),
    };
  }

  /** The tallies of one journey over one range, attribution and choice of segments. */
  journey(query: TallyQuery): JourneyTallies {
    const s = this.statements;
    const { attribution } = query;
    // A purchase event named like an engagement event is a purchase, and only that (as it always was).
    const engagement = (name: string) => (name === attribution.purchaseEvent ? null : name);
    const params = {
      journey: query.journeyId,
      from: query.range.from,
      to: query.range.to,
      window: attribution.windowDays * DAY,
      purchase: attribution.purchaseEvent,
      revenueProperty: attribution.revenueProperty,
      // A property that is a plain name is read by SQL when it holds an integer; anything else goes through Number().
      revenuePath: /^[A-Za-z_][A-Za-z0-9_]*$/.test(attribution.revenueProperty) ? `$.${attribution.revenueProperty}` : null,
      opened: engagement(engagementEventNames.opened),
      clicked: engagement(engagementEventNames.clicked),
      unsubscribedA: engagement(engagementEventNames.unsubscribed[0]),
      unsubscribedB: engagement(engagementEventNames.unsubscribed[1]),
      splits: JSON.stringify(query.document.nodes.filter((n) => n.kind === 'ab-split').map((n) => n.id)),
      since: 0,
    };
    const clear = () => {
      for (const statement of s.clear) statement.run();
    };
    return readTransaction(this.db, () => {
      clear();
      try {
        // The journey's contacts, from their first entry on: earlier events cannot refer to its emails.
        params.since = s.since.get(params) as number;
        s.nodes.run(params);
        // A quarter of the contacts or more: reading every event once is cheaper than seeking each contact's.
        const events: EventsRead = (s.contactShare.get(params) as number) >= 0.25 ? 'scan' : 'index';
        s.engaged[events].run(params);
        s.purchases[events].run(params);
        s.goals.run(params);
        if (attribution.conversion === 'purchase') s.conversionsByPurchase.run();
        else for (const statement of s.conversionsByGoal) statement.run(params);
        for (const statement of s.credit) statement.run();
        s.branches.run(params);
        s.runEmails.run(params);
        s.runEngagement.run(params);
        s.runFlags.run(params);
        s.runConversions.run();
        s.entries.run(params);
        return this.read(query, params);
      } finally {
        clear();
      }
    });
  }

  private read(query: TallyQuery, params: Record<string, unknown>): JourneyTallies {
    const s = this.statements;
    // Emails per node come back per node and day: the node's row sums its days, the daily series sums its nodes.
    type NodeDay = { nodeId: string; day: number };
    type Credited = NodeDay & { hasSendTime: number; opened: number; clicked: number; unsubscribed: number; converted: number; revenue: number };
    const emails = new Map<string, JourneyTallies['emails'][number]>();
    const emailOf = (nodeId: string) => {
      let tally = emails.get(nodeId);
      if (!tally) emails.set(nodeId, (tally = { nodeId, sent: 0, failed: 0, opened: 0, clicked: 0, unsubscribed: 0, converted: 0, revenue: 0 }));
      return tally;
    };
    const days = new Map<number, JourneyTallies['sendDays'][number]>();
    const dayOfSend = (day: number) => {
      let tally = days.get(day);
      if (!tally) days.set(day, (tally = { day, sent: 0, opened: 0, clicked: 0, converted: 0 }));
      return tally;
    };
    for (const row of s.sentByNodeAndDay.all(params) as Array<NodeDay & { sent: number }>) {
      emailOf(row.nodeId).sent += row.sent;
      dayOfSend(row.day).sent += row.sent;
    }
    for (const row of s.datedByQueueTime.all(params) as Array<{ nodeId: string; status: 'sent' | 'failed'; emails: number }>) emailOf(row.nodeId)[row.status] += row.emails;
    for (const row of s.creditedByNodeAndDay.all(params) as Credited[]) {
      const tally = emailOf(row.nodeId);
      tally.opened += row.opened;
      tally.clicked += row.clicked;
      tally.unsubscribed += row.unsubscribed;
      tally.converted += row.converted;
      tally.revenue += row.revenue;
      // The daily series counts emails by when they were sent: one marked sent without a time is not in it.
      if (!row.hasSendTime) continue;
      const day = dayOfSend(row.day);
      day.opened += row.opened;
      day.clicked += row.clicked;
      day.converted += row.converted;
    }

    const cells = s.entryCells.all(params) as Array<EntryTally & { locale: string; unknownLocale: number; day: number }>;
    // Contacts without a locale show as 'Unknown'; the key is '' for them and for an empty locale alike.
    const unknownLocale = new Set(cells.filter((c) => c.unknownLocale).map((c) => c.locale));
    const entries = cells.map(({ unknownLocale: _, ...cell }) => ({ ...cell, localeLabel: unknownLocale.has(cell.locale) ? 'Unknown' : cell.locale }));

    const entriesBySegment = query.segments.map(({ id, condition }) => ({
      segmentId: id,
      ...(this.db
        .prepare(`SELECT ${entrySums} FROM results_entries e JOIN contacts c ON c.id = e.contact_id WHERE ${condition.sql}`)
        .get(condition.params) as EntryTally),
    }));

    return {
      emails: [...emails.values()],
      steps: s.stepsByNode.all(params) as JourneyTallies['steps'],
      entries,
      entriesByVariant: s.entriesByVariant.all(params) as JourneyTallies['entriesByVariant'],
      entriesBySegment,
      variants: s.variants.all(params) as JourneyTallies['variants'],
      sendDays: [...days.values()],
    };
  }
}

function registerFunctions(db: Db): void {
  // Message-IDs other than the engine's own '<key@journey-studio.local>' (which SQL reads directly) go
  // through the engine's parser, so both read them alike.
  db.function('results_message_key', { deterministic: true }, (raw: unknown) => keyFromMessageId(raw) ?? null);
  // What the amount of a purchase is worth, exactly as Number() reads it: a number in a string counts, anything
  // that is not a finite number is 0.
  db.function('results_purchase_amount', { deterministic: true }, (properties: unknown, property: unknown) => {
    const value = Number((JSON.parse(String(properties)) as Record<string, unknown>)[String(property)]);
    return Number.isFinite(value) ? value : 0;
  });
}

const temporaryTables = `
  -- Every node id in the journey's timeline, the document's or not (totals count them all).
  CREATE TEMP TABLE IF NOT EXISTS results_nodes (id TEXT PRIMARY KEY) WITHOUT ROWID;
  -- The sent emails that were opened (a click counts), clicked or unsubscribed from.
  CREATE TEMP TABLE IF NOT EXISTS results_engaged (
    run_id TEXT NOT NULL, message_key TEXT NOT NULL, node_id TEXT NOT NULL, sent_at INTEGER, created_at INTEGER NOT NULL,
    opened INTEGER NOT NULL, clicked INTEGER NOT NULL, unsubscribed INTEGER NOT NULL,
    PRIMARY KEY (run_id, message_key)) WITHOUT ROWID;
  -- Each purchase within the window after one of a run's emails, with the latest such email (last touch).
  CREATE TEMP TABLE IF NOT EXISTS results_purchases (run_id TEXT NOT NULL, at INTEGER NOT NULL, amount REAL NOT NULL, message_key TEXT NOT NULL);
  -- Each run's first goal step.
  CREATE TEMP TABLE IF NOT EXISTS results_goals (run_id TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
  -- Runs that converted or brought revenue: when they converted, the email credited with it, the revenue.
  CREATE TEMP TABLE IF NOT EXISTS results_conversions (run_id TEXT PRIMARY KEY, converted_at INTEGER, message_key TEXT, revenue REAL NOT NULL) WITHOUT ROWID;
  -- Emails credited with their run's conversion or with revenue.
  CREATE TEMP TABLE IF NOT EXISTS results_credit (
    run_id TEXT NOT NULL, message_key TEXT NOT NULL, node_id TEXT, sent_at INTEGER, created_at INTEGER,
    converted INTEGER NOT NULL, revenue REAL NOT NULL,
    PRIMARY KEY (run_id, message_key)) WITHOUT ROWID;
  -- Each run's first step down an A/B split of the document.
  CREATE TEMP TABLE IF NOT EXISTS results_branches (run_id TEXT NOT NULL, node_id TEXT NOT NULL, variant TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (run_id, node_id)) WITHOUT ROWID;
  -- Per run, what a breakdown sums (over all its emails and steps, whenever): its emails by status, how many
  -- were opened, clicked and unsubscribed from, whether it had a suppressed or a deferred step, whether it
  -- converted and its revenue. One table, so that each entered run is looked up once.
  CREATE TEMP TABLE IF NOT EXISTS results_runs (
    run_id TEXT PRIMARY KEY, sent INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
    opened INTEGER NOT NULL DEFAULT 0, clicked INTEGER NOT NULL DEFAULT 0, unsubscribed INTEGER NOT NULL DEFAULT 0,
    suppressed INTEGER NOT NULL DEFAULT 0, deferred INTEGER NOT NULL DEFAULT 0, converted INTEGER NOT NULL DEFAULT 0, revenue REAL NOT NULL DEFAULT 0) WITHOUT ROWID;
  -- One row per run entered in the range: what the breakdowns group.
  CREATE TEMP TABLE IF NOT EXISTS results_entries (
    run_id TEXT NOT NULL, contact_id INTEGER NOT NULL, locale TEXT, day INTEGER NOT NULL,
    sent INTEGER NOT NULL, failed INTEGER NOT NULL, opened INTEGER NOT NULL, clicked INTEGER NOT NULL, unsubscribed INTEGER NOT NULL,
    suppressed INTEGER NOT NULL, deferred INTEGER NOT NULL, converted INTEGER NOT NULL, revenue REAL NOT NULL);
`;
const temporaryTableNames = [...temporaryTables.matchAll(/CREATE TEMP TABLE IF NOT EXISTS (\w+)/g)].map((match) => match[1]);

/** Days since the epoch, rounded down as Math.floor(at / DAY) rounds them (before 1970 too). */
const dayOf = (column: string) => `CAST(floor(${column} / ${DAY}.0) AS INTEGER)`;

/** The sums a breakdown row shows, over rows of results_entries. */
const entrySums = `COUNT(*) AS entered, TOTAL(converted) AS converted, TOTAL(revenue) AS revenue, TOTAL(sent) AS sent, TOTAL(failed) AS failed,
  TOTAL(opened) AS opened, TOTAL(clicked) AS clicked, TOTAL(unsubscribed) AS unsubscribed, TOTAL(suppressed) AS suppressed, TOTAL(deferred) AS deferred`;

/**
 * The latest sent email of run `runId` at or before `at`, as `select`; among emails sent at the same moment the
 * last in node order, as the journey's emails have always been listed.
 */
const latestSentEmail = (select: string, runId: string, at: string) => `
  (SELECT ${select} FROM outbound_emails s INDEXED BY outbound_emails_by_run
    WHERE s.journey_id = @journey AND s.run_id = ${runId} AND s.status = 'sent' AND s.sent_at <= ${at}
    ORDER BY s.sent_at DESC, s.node_id DESC, s.created_at DESC, s.rowid DESC LIMIT 1)`;

/** A loose scan of journey_steps_by_node: the node ids of the journey's timeline, one seek each. */
const stepNodes = `
  INSERT INTO results_nodes (id)
  WITH RECURSIVE nodes(id) AS (
    SELECT (SELECT MIN(node_id) FROM journey_steps INDEXED BY journey_steps_by_node WHERE journey_id = @journey)
    UNION ALL
    SELECT (SELECT MIN(node_id) FROM journey_steps INDEXED BY journey_steps_by_node WHERE journey_id = @journey AND node_id > nodes.id)
      FROM nodes WHERE nodes.id IS NOT NULL)
  SELECT id FROM nodes WHERE id IS NOT NULL`;

/**
 * Closes a subquery whose columns the next one reads several times: a LIMIT keeps SQLite from copying the
 * column's expression (JSON reads, the Message-ID parse) into each place it is used.
 */
const evaluatedOnce = 'LIMIT -1';

/** `column` (a value read from `properties` at `path` with '->>') when it is a JSON string, else NULL. */
const textValue = (column: string, path: string) => `
  CASE WHEN typeof(${column}) <> 'text' THEN NULL
       WHEN substr(${column}, 1, 1) IN ('{', '[') AND json_type(properties, ${path}) <> 'text' THEN NULL
       ELSE ${column} END`;

/** How the engine's own Message-ID, '<key@journey-studio.local>', ends: SQL cuts its key out without the parser. */
const ownMessageIdEnd = `@${messageIdDomain}>`;

/**
 * How a statement reads the journey's contacts' events: in index order per contact, or, when the journey has a
 * good part of the workspace's contacts, in one pass over the table (a sequential read beats a seek per
 * contact and event name there). Either gives the same rows.
 */
type EventsRead = 'index' | 'scan';

/**
 * The emails opens, clicks and unsubscribes are tied to (shared/engine/engagement.ts, the engine's rule): the
 * email named by the event's Message-ID (message_id, else messageId), otherwise the latest email sent to the
 * contact by any journey at or before the event; among emails sent at the same moment another journey's
 * comes last, then this journey's in node order. Only this journey's sent emails count.
 */
const engagedEmails = (events: EventsRead) => `
  INSERT INTO results_engaged (run_id, message_key, node_id, sent_at, created_at, opened, clicked, unsubscribed)
  SELECT m.run_id, m.message_key, m.node_id, m.sent_at, m.created_at, t.opened, t.clicked, t.unsubscribed
  FROM (
    SELECT key, MAX(kind < 3) AS opened, MAX(kind = 2) AS clicked, MAX(kind = 3) AS unsubscribed
    FROM (
      SELECT kind,
        CASE WHEN key <> '' THEN key
        ELSE (SELECT message_key FROM outbound_emails WHERE rowid =
               (SELECT s.rowid FROM outbound_emails s INDEXED BY outbound_emails_by_contact
                 WHERE s.contact_id = g.contact_id AND s.status = 'sent' AND s.sent_at <= g.at
                 ORDER BY s.sent_at DESC, s.journey_id <> @journey DESC, s.node_id DESC, s.created_at DESC, s.rowid DESC LIMIT 1))
        END AS key
      FROM (
        SELECT contact_id, at, kind,
          CASE WHEN raw IS NULL THEN NULL
               WHEN raw GLOB '<?*${ownMessageIdEnd}' THEN substr(raw, 2, length(raw) - ${1 + ownMessageIdEnd.length})
               ELSE results_message_key(raw) END AS key
        FROM (
          -- properties.message_id ?? properties.messageId, when it is a string ('->>' reads a JSON null as
          -- NULL, as '??' does, and an object or a list as its JSON text, which json_type tells from a string)
          SELECT contact_id, at, kind,
            CASE WHEN messageId IS NULL THEN ${textValue('messageIdCamel', "'$.messageId'")} ELSE ${textValue('messageId', "'$.message_id'")} END AS raw
          FROM (
            SELECT e.contact_id, e.occurred_at AS at, CASE e.name WHEN @opened THEN 1 WHEN @clicked THEN 2 ELSE 3 END AS kind,
              ${readableJsonSql('e.properties')} AS properties,
              ${readableJsonSql('e.properties')} ->> '$.message_id' AS messageId, ${readableJsonSql('e.properties')} ->> '$.messageId' AS messageIdCamel
            FROM events e ${events === 'scan' ? 'NOT INDEXED' : 'INDEXED BY events_by_contact'}
            WHERE e.name IN (@opened, @clicked, @unsubscribedA, @unsubscribedB) AND e.occurred_at >= @since
              AND e.contact_id IN (SELECT contact_id FROM journey_runs WHERE journey_id = @journey)
            ${evaluatedOnce})
          ${evaluatedOnce})
        ${evaluatedOnce}) g
      ${evaluatedOnce})
    GROUP BY key) t
  CROSS JOIN outbound_emails m
  WHERE m.message_key = t.key AND m.journey_id = @journey AND m.status = 'sent'`;

/**
 * Every purchase of a journey's contact within the window after one of the run's sent emails, credited to the
 * latest of them. Its amount is the revenue property as Number() reads it (0 when not a finite number). The
 * events are read as engagedEmails() reads them.
 */
const creditedPurchases = (events: EventsRead) => `
  INSERT INTO results_purchases (run_id, at, amount, message_key)
  SELECT c.run_id, c.at,
    CASE WHEN json_type(c.properties, @revenuePath) = 'integer' THEN json_extract(c.properties, @revenuePath)
         ELSE results_purchase_amount(c.properties, @revenueProperty) END,
    m.message_key
  FROM (
    SELECT r.id AS run_id, p.occurred_at AS at, ${readableJsonSql('p.properties')} AS properties, ${latestSentEmail('s.rowid', 'r.id', 'p.occurred_at')} AS email
    FROM ${
      events === 'scan'
        ? 'events p NOT INDEXED CROSS JOIN journey_runs r INDEXED BY journey_runs_by_contact'
        : 'journey_runs r INDEXED BY journey_runs_by_entry CROSS JOIN events p INDEXED BY events_by_contact'
    }
    WHERE r.journey_id = @journey AND p.contact_id = r.contact_id AND p.name = @purchase AND p.occurred_at >= @since) c
  JOIN outbound_emails m ON m.rowid = c.email
  WHERE c.at - m.sent_at <= @window`;

const goalsReached = `
  INSERT INTO results_goals (run_id, at)
  SELECT s.run_id, MIN(s.at) FROM results_nodes n
  CROSS JOIN journey_steps s INDEXED BY journey_steps_by_node
  WHERE s.journey_id = @journey AND s.node_id = n.id AND s.outcome = 'goal'
  GROUP BY s.run_id`;

/** Reaching the goal converts a run; the latest email before it (however long before) is credited. */
const goalConversions = `
  INSERT INTO results_conversions (run_id, converted_at, message_key, revenue)
  SELECT g.run_id, g.at, ${latestSentEmail('s.message_key', 'g.run_id', 'g.at')}, 0
  FROM results_goals g
  WHERE true
  ON CONFLICT (run_id) DO UPDATE SET converted_at = excluded.converted_at, message_key = excluded.message_key`;

const firstBranches = `
  INSERT INTO results_branches (run_id, node_id, variant, at)
  SELECT s.run_id, s.node_id, s.branch, MIN(s.at) FROM journey_steps s INDEXED BY journey_steps_by_node
  WHERE s.journey_id = @journey AND s.node_id IN (SELECT value FROM json_each(@splits)) AND s.outcome = 'branched' AND s.branch <> ''
  GROUP BY s.node_id, s.run_id`;

/** Every run's emails by status, in one pass over the journey's emails in run order. */
const runEmails = `
  INSERT INTO results_runs (run_id, sent, failed)
  SELECT run_id, SUM(status = 'sent'), SUM(status = 'failed') FROM outbound_emails INDEXED BY outbound_emails_by_run
  WHERE journey_id = @journey GROUP BY run_id`;

/** How many of each run's emails were opened, clicked and unsubscribed from. */
const runEngagement = `
  UPDATE results_runs SET (opened, clicked, unsubscribed) = (g.opened, g.clicked, g.unsubscribed)
  FROM (SELECT run_id, SUM(opened) AS opened, SUM(clicked) AS clicked, SUM(unsubscribed) AS unsubscribed FROM results_engaged GROUP BY run_id) g
  WHERE results_runs.run_id = g.run_id`;

/** Runs with a suppressed or a deferred step at any node, ever (a run may have neither email nor such a step). */
const runFlags = `
  INSERT INTO results_runs (run_id, suppressed, deferred)
  SELECT s.run_id, MAX(s.outcome = 'suppressed'), MAX(s.outcome = 'deferred') FROM results_nodes n
  CROSS JOIN journey_steps s INDEXED BY journey_steps_by_node
  WHERE s.journey_id = @journey AND s.node_id = n.id AND s.outcome IN ('suppressed', 'deferred')
  GROUP BY s.run_id
  ON CONFLICT (run_id) DO UPDATE SET suppressed = excluded.suppressed, deferred = excluded.deferred`;

const runConversions = `
  INSERT INTO results_runs (run_id, converted, revenue)
  SELECT run_id, converted_at IS NOT NULL, revenue FROM results_conversions WHERE true
  ON CONFLICT (run_id) DO UPDATE SET converted = excluded.converted, revenue = excluded.revenue`;

/** The runs entered in the range, each with what a breakdown sums. */
const runsEntered = `
  INSERT INTO results_entries (run_id, contact_id, locale, day, sent, failed, opened, clicked, unsubscribed, suppressed, deferred, converted, revenue)
  SELECT r.id, r.contact_id, c.locale, ${dayOf('r.entered_at')},
    COALESCE(m.sent, 0), COALESCE(m.failed, 0), COALESCE(m.opened, 0), COALESCE(m.clicked, 0), COALESCE(m.unsubscribed, 0),
    COALESCE(m.suppressed, 0), COALESCE(m.deferred, 0), COALESCE(m.converted, 0), COALESCE(m.revenue, 0)
  FROM journey_runs r INDEXED BY journey_runs_by_entry
  JOIN contacts c ON c.id = r.contact_id
  LEFT JOIN results_runs m ON m.run_id = r.id
  WHERE r.journey_id = @journey AND r.entered_at >= @from AND r.entered_at < @to`;

const distinctRuns = (index: string, outcome: string | null) => `
  (SELECT COUNT(DISTINCT run_id) FROM journey_steps INDEXED BY ${index}
    WHERE journey_id = @journey AND node_id = n.id ${outcome ? `AND outcome = '${outcome}'` : ''} AND at >= @from AND at < @to)`;

/** Per node of the timeline: distinct runs with a step there in the range, and with a suppressed, deferred or goal step. */
const stepsByNode = `
  SELECT n.id AS nodeId, ${distinctRuns('journey_steps_by_node_run', null)} AS reached,
    ${distinctRuns('journey_steps_by_node', 'suppressed')} AS suppressed, ${distinctRuns('journey_steps_by_node', 'deferred')} AS deferred,
    ${distinctRuns('journey_steps_by_node', 'goal')} AS goals
  FROM results_nodes n`;

/**
 * Per A/B variant: the runs sent down it in the range and, of them, those who converted after the split and
 * those who opened or clicked an email sent after it, with the revenue credited to those emails.
 */
const variantsAfterSplit = `
  SELECT b.node_id AS nodeId, b.variant AS variantId, COUNT(*) AS contacts,
    TOTAL(v.converted_at >= b.at) AS converted,
    TOTAL(EXISTS (SELECT 1 FROM results_engaged g WHERE g.run_id = b.run_id AND g.opened AND g.sent_at >= b.at)) AS opened,
    TOTAL(EXISTS (SELECT 1 FROM results_engaged g WHERE g.run_id = b.run_id AND g.clicked AND g.sent_at >= b.at)) AS clicked,
    TOTAL((SELECT TOTAL(k.revenue) FROM results_credit k WHERE k.run_id = b.run_id AND k.sent_at >= b.at)) AS revenue
  FROM results_branches b LEFT JOIN results_conversions v ON v.run_id = b.run_id
  WHERE b.at >= @from AND b.at < @to
  GROUP BY b.node_id, b.variant`;

/** A loose scan of outbound_emails_by_node: the node ids of the journey's emails, one seek each. */
const emailNodes = `
  email_nodes(id) AS (
    SELECT (SELECT MIN(node_id) FROM outbound_emails INDEXED BY outbound_emails_by_node WHERE journey_id = @journey)
    UNION ALL
    SELECT (SELECT MIN(node_id) FROM outbound_emails INDEXED BY outbound_emails_by_node WHERE journey_id = @journey AND node_id > email_nodes.id)
      FROM email_nodes WHERE email_nodes.id IS NOT NULL)`;

/**
 * Sent emails per node and UTC day sent, in the range. Counted node by node and day by day through
 * outbound_emails_by_node, each count a range of the index, stepping from one day with emails to the next:
 * every email is read once, and none is sorted.
 */
const sentByNodeAndDay = `
  WITH RECURSIVE ${emailNodes},
    days(node, day) AS (
      SELECT id, (SELECT ${dayOf('MIN(sent_at)')} FROM outbound_emails INDEXED BY outbound_emails_by_node
                   WHERE journey_id = @journey AND node_id = email_nodes.id AND status = 'sent' AND sent_at >= @from AND sent_at < @to)
        FROM email_nodes WHERE id IS NOT NULL
      UNION ALL
      SELECT node, (SELECT ${dayOf('MIN(sent_at)')} FROM outbound_emails INDEXED BY outbound_emails_by_node
                     WHERE journey_id = @journey AND node_id = days.node AND status = 'sent' AND sent_at >= (days.day + 1) * ${DAY} AND sent_at < @to)
        FROM days WHERE day IS NOT NULL)
  SELECT node AS nodeId, day,
    (SELECT COUNT(*) FROM outbound_emails INDEXED BY outbound_emails_by_node
      WHERE journey_id = @journey AND node_id = days.node AND status = 'sent'
        AND sent_at >= MAX(days.day * ${DAY}, @from) AND sent_at < MIN((days.day + 1) * ${DAY}, @to)) AS sent
  FROM days WHERE day IS NOT NULL`;

/** Emails in the range by when they were queued, per node: the failed ones, and any marked sent without a send time. */
const datedByQueueTime = `
  WITH RECURSIVE ${emailNodes}
  SELECT n.id AS nodeId, 'failed' AS status, COUNT(*) AS emails FROM email_nodes n CROSS JOIN outbound_emails m INDEXED BY outbound_emails_by_node
  WHERE n.id IS NOT NULL AND m.journey_id = @journey AND m.node_id = n.id AND m.status = 'failed'
    AND COALESCE(m.sent_at, m.created_at) >= @from AND COALESCE(m.sent_at, m.created_at) < @to
  GROUP BY n.id
  UNION ALL
  SELECT n.id, 'sent', COUNT(*) FROM email_nodes n CROSS JOIN outbound_emails m INDEXED BY outbound_emails_by_node
  WHERE n.id IS NOT NULL AND m.journey_id = @journey AND m.node_id = n.id AND m.status = 'sent' AND m.sent_at IS NULL
    AND m.created_at >= @from AND m.created_at < @to
  GROUP BY n.id`;

/**
 * What the emails in the range led to, per node and UTC day sent: opens, clicks and unsubscribes, and the
 * conversions and revenue credited to them. An email marked sent without a send time is dated by when it was queued.
 */
const creditedByNodeAndDay = `
  SELECT node_id AS nodeId, ${dayOf('COALESCE(sent_at, created_at)')} AS day, sent_at IS NOT NULL AS hasSendTime,
    SUM(opened) AS opened, SUM(clicked) AS clicked, SUM(unsubscribed) AS unsubscribed, 0 AS converted, 0 AS revenue
  FROM results_engaged WHERE COALESCE(sent_at, created_at) >= @from AND COALESCE(sent_at, created_at) < @to GROUP BY 1, 2, 3
  UNION ALL
  SELECT node_id, ${dayOf('sent_at')}, 1, 0, 0, 0, SUM(converted), TOTAL(revenue)
  FROM results_credit WHERE sent_at >= @from AND sent_at < @to GROUP BY 1, 2`;
