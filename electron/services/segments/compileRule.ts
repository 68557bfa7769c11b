import { durationMs } from '../../../shared/util/duration.ts';
import type { EventMatch } from '../../../shared/rules/propertyFilter.ts';
import type { AttributeRule, EngagementModel, PercentileSource, Rule } from '../../../shared/rules/rule.ts';
import { ENGAGEMENT_PRECISION } from '../../../shared/rules/engagement.ts';
import { percentileBound, percentileKey, type PopulationStats } from '../../../shared/rules/population.ts';
import { AMOUNT_PROPERTY, PURCHASE_EVENT, rfmGroupTable } from '../../../shared/rules/rfm.ts';
import { hasTagSql } from '../contacts/tagColumn.ts';
import { isBuiltInField } from '../../../shared/contacts/fields.ts';
import { readableJsonSql, readableSql } from '../../store/readableJson.ts';

const DAY = 86_400_000;


/** Built-in names are a fixed list, so writing them into the SQL as column names is safe. */
// The contact columns that are attributes too (shared/contacts/fields.ts); every other one is in the attributes JSON.
const isBuiltIn = isBuiltInField;

export interface CompileContext {
  now: number;
  /** RFM cuts and percentile distributions, from populationStats() at the same `now`. */
  population?: PopulationStats;
  /** A referenced segment: static ones are read from segment_members, dynamic ones inlined. */
  segment?: (id: string) => { kind: 'dynamic' | 'static'; rule: Rule } | undefined;
}

export interface CompiledRule {
  /** A 0/1 expression over the contacts row aliased `c` (never NULL, so NOT works). */
  sql: string;
  /** Named parameters (@p0, @p1...): order-free, so a fragment may be repeated. */
  params: Record<string, unknown>;
}

const sqlOp = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' } as const;

/**
 * The SQL half of the rule model: a rule becomes a boolean expression over one contacts row, for counts and
 * membership over the whole store. evaluate.ts is its in-memory twin; compileRule.property.test.ts holds
 * them equal on random data.
 */
export function compileRule(rule: Rule, context: CompileContext): CompiledRule {
  const compiler = createCompiler(context);
  return { sql: compiler.compile(rule), params: compiler.params };
}

/** The value a percentile rule ranks, as SQL over `c` (NULL when the contact has none). */
export function compilePercentileValue(source: PercentileSource, context: CompileContext): CompiledRule {
  const compiler = createCompiler(context);
  return { sql: compiler.percentileValue(source), params: compiler.params };
}

function createCompiler(context: CompileContext) {
  const params: Record<string, unknown> = {};
  let next = 0;
  const bind = (value: unknown) => {
    const name = `p${next++}`;
    params[name] = typeof value === 'boolean' ? Number(value) : value;
    return `@${name}`;
  };
  const visiting = new Set<string>();

  /**
   * The JSON text of an attribute: json_quote of a built-in column, or the value in the attributes JSON (NULL, as
   * for a missing attribute, when the stored JSON cannot be read: store/readableJson.ts).
   */
  const attributeJson = (name: string) =>
    isBuiltIn(name) ? `json_quote(c.${name})` : `(CASE WHEN ${readableSql('c.attributes')} THEN c.attributes -> ${bind(jsonPath(name))} END)`;

  /**
   * An attribute test as plain SQL for the values whose meaning SQL can reproduce exactly, and as a call to
   * evaluateAttribute() (the in-memory definition) for the rest. Not set (missing, null, '') has one answer
   * per operator. ASCII text is compared with lower(), which folds exactly the letters toLowerCase() folds
   * in ASCII; other text (where toLowerCase() knows more, e.g. the Kelvin sign is a 'k') goes to JavaScript.
   * Numbers compare as numbers for gt / lt / between, up to 2^53 where JavaScript's own numbers end. Booleans,
   * lists, numbers in text tests, text in number tests and every date test go to JavaScript: rare in a count,
   * so the usual 'country in (US, GB, DE)' never leaves SQLite.
   */
  const attribute = (r: AttributeRule): string => {
    const builtIn = isBuiltIn(r.attribute);
    const fallback = builtIn
      ? `js_attribute_text(${bind(r.op)}, c.${r.attribute}, ${bind(JSON.stringify(r.value ?? null))}, ${bind(context.now)})`
      : `js_attribute(${bind(r.op)}, ${attributeJson(r.attribute)}, ${bind(JSON.stringify(r.value ?? null))}, ${bind(context.now)})`;
    const unset = r.op === 'is-not-set' || r.op === 'neq' ? '1' : '0';
    const value = builtIn ? `c.${r.attribute}` : `json_extract(c.attributes, ${bind(jsonPath(r.attribute))})`;
    const type = builtIn ? undefined : `json_type(c.attributes, ${bind(jsonPath(r.attribute))})`;
    const isUnset = builtIn ? `${value} IS NULL OR ${value} = ''` : `${type} IS NULL OR ${type} = 'null' OR (${type} = 'text' AND ${value} = '')`;
    const isText = builtIn ? '' : `${type} = 'text' AND `;
    const unsetBranch = `WHEN ${isUnset} THEN ${unset}`;
    // Attributes SQLite cannot read are none at all (store/readableJson.ts): tested first, before any JSON function
    // meets them (a CASE tries its branches in order).
    const branches: string[] = builtIn ? [] : [`WHEN NOT ${readableSql('c.attributes')} THEN ${unset}`];
    const equal = equalityTest(r, value);
    const operands = r.op === 'in' ? (Array.isArray(r.value) ? r.value : []) : [r.value];
    if (equal !== undefined && !operands.some((operand) => String(operand) === '')) {
      // eq / neq / in, the usual 'country in (US, GB, DE)', in as few steps as the hand-written test: equal but
      // for ASCII case means equal for toLowerCase() too, whatever else the text holds; an unequal ASCII text
      // gets the answer an unset value gets (no operand is empty), so the unset test comes after, for the rest.
      branches.push(`WHEN ${isText}${equal} THEN ${r.op === 'neq' ? '0' : '1'}`);
      branches.push(`WHEN ${isText}length(${value}) = octet_length(${value}) THEN ${unset}`, unsetBranch);
    } else {
      branches.push(unsetBranch);
      const text = textTest(r, value);
      if (text !== undefined) branches.push(`WHEN ${isText}length(${value}) = octet_length(${value}) THEN ${text}`);
    }
    const number = builtIn ? undefined : numberTest(r, value);
    if (number !== undefined) branches.push(`WHEN ${type} IN ('integer', 'real') AND ${value} BETWEEN -9007199254740991 AND 9007199254740991 THEN ${number}`);
    const otherwise = r.op === 'is-set' ? '1' : r.op === 'is-not-set' ? '0' : fallback;
    return `(CASE ${branches.join(' ')} ELSE ${otherwise} END)`;
  };

  /** For eq, neq and in: SQL true when `value` equals the operand (one of them) but for ASCII case. */
  const equalityTest = (r: AttributeRule, value: string): string | undefined => {
    if (r.op === 'eq' || r.op === 'neq') return `${value} = ${bind(String(r.value).toLowerCase())} COLLATE NOCASE`;
    if (r.op !== 'in') return undefined;
    if (!Array.isArray(r.value) || r.value.length === 0) return '0';
    return `${value} COLLATE NOCASE IN (${r.value.map((item) => bind(String(item).toLowerCase())).join(', ')})`;
  };

  /** evaluateAttribute() over a set, ASCII text `value`; undefined when its meaning is not a text comparison. */
  const textTest = (r: AttributeRule, value: string): string | undefined => {
    const expected = String(r.value).toLowerCase();
    switch (r.op) {
      case 'is-set':
        return '1';
      case 'is-not-set':
        return '0';
      case 'eq':
        return `(lower(${value}) = ${bind(expected)})`;
      case 'neq':
        return `(lower(${value}) <> ${bind(expected)})`;
      case 'contains':
        return `(instr(lower(${value}), ${bind(expected)}) > 0)`;
      case 'starts-with':
        return `(substr(lower(${value}), 1, ${bind(expected.length)}) = ${bind(expected)})`;
      case 'in':
        return Array.isArray(r.value) && r.value.length
          ? `(lower(${value}) IN (${r.value.map((item) => bind(String(item).toLowerCase())).join(', ')}))`
          : '0';
      default:
        return undefined; // numbers and dates read from text: JavaScript's Number() and Date.parse()
    }
  };

  /** evaluateAttribute() over a number `value` (safe integer or real); undefined when it is not a number test. */
  const numberTest = (r: AttributeRule, value: string): string | undefined => {
    switch (r.op) {
      case 'is-set':
        return '1';
      case 'is-not-set':
        return '0';
      case 'gt':
      case 'lt': {
        const bound = Number(r.value);
        return Number.isNaN(bound) ? '0' : `(${value} ${r.op === 'gt' ? '>' : '<'} ${bind(bound)})`;
      }
      case 'between': {
        if (!Array.isArray(r.value) || r.value.length !== 2) return '0';
        const [low, high] = r.value.map(Number);
        return Number.isNaN(low) || Number.isNaN(high) ? '0' : `(${value} BETWEEN ${bind(low)} AND ${bind(high)})`;
      }
      default:
        return undefined;
    }
  };

  const eventMatch = (match: EventMatch) =>
    `e.name = ${bind(match.name)}` + (match.filters.length ? ` AND js_event_filters(${readableJsonSql('e.properties')}, ${bind(JSON.stringify(match.filters))})` : '');

  const eventsOf = (where: string) => `FROM events e WHERE e.contact_id = c.id AND ${where}`;

  const engagement = (model: EngagementModel) => {
    const weighted = Object.entries(model.weights).filter(([, weight]) => weight > 0);
    if (weighted.length === 0) return '0.0';
    const weight = `CASE e.name ${weighted.map(([name, w]) => `WHEN ${bind(name)} THEN ${bind(w)}`).join(' ')} END`;
    const decay = `pow(0.5, CAST(${bind(context.now)} - e.occurred_at AS REAL) / ${bind(model.halfLifeDays * DAY)})`;
    const names = weighted.map(([name]) => bind(name)).join(', ');
    return `(SELECT round(COALESCE(SUM(${weight} * ${decay}), 0) * ${ENGAGEMENT_PRECISION}) / ${ENGAGEMENT_PRECISION} ${eventsOf(`e.name IN (${names}) AND e.occurred_at <= ${bind(context.now)}`)})`;
  };

  const rfmScoreSql = (dimension: 'recency' | 'frequency' | 'monetary') => {
    const cuts = context.population!.rfm!;
    const above = (value: string, list: readonly number[]) => list.map((cut) => `(${value} > ${bind(cut)})`).join(' + ');
    if (dimension === 'recency') return `(5 - (${above(`(${bind(context.now)} - MAX(e.occurred_at))`, cuts.recency)}))`;
    if (dimension === 'frequency') return `(1 + ${above('COUNT(*)', cuts.frequency)})`;
    return `(1 + ${above(`SUM(${amountCentsSql('e.properties')})`, cuts.monetary)})`;
  };
  // HAVING: a contact without purchases gets no row (no score), not a row of zeros.
  const purchases = () => `${eventsOf(`e.name = ${bind(PURCHASE_EVENT)} AND e.occurred_at <= ${bind(context.now)}`)} HAVING COUNT(*) > 0`;

  const percentileValue = (source: PercentileSource) =>
    source.kind === 'engagement' ? engagement(source.model) : `js_number(${attributeJson(source.attribute)})`;

  const compile = (r: Rule): string => {
    switch (r.type) {
      case 'all':
        return r.rules.length ? `(${cheapestFirst(r.rules).map(compile).join(' AND ')})` : '1';
      case 'any':
        return r.rules.length ? `(${cheapestFirst(r.rules).map(compile).join(' OR ')})` : '0';
      case 'not':
        return `(NOT ${compile(r.rule)})`;
      case 'tag':
        // IN rather than EXISTS: SQLite can then start from the tag's index instead of visiting every contact.
        return `(${r.has ? '' : 'NOT '}${hasTagSql('c.tags', bind(r.tag))})`;
      case 'attribute':
        return attribute(r);
      case 'event-count': {
        const window = r.window ? ` AND e.occurred_at > ${bind(context.now - durationMs(r.window))}` : '';
        const where = `${eventMatch(r.event)}${window} AND e.occurred_at <= ${bind(context.now)}`;
        // 'at least once' and 'never' are existence tests: SQLite stops at the first row.
        if ((r.op === 'gte' && r.count === 1) || (r.op === 'gt' && r.count === 0)) return `EXISTS (SELECT 1 ${eventsOf(where)})`;
        if ((r.op === 'eq' && r.count === 0) || (r.op === 'lt' && r.count === 1)) return `(NOT EXISTS (SELECT 1 ${eventsOf(where)}))`;
        return `((SELECT COUNT(*) ${eventsOf(where)}) ${sqlOp[r.op]} ${bind(r.count)})`;
      }
      case 'last-event': {
        const where = `${eventMatch(r.event)} AND e.occurred_at > ${bind(context.now - durationMs(r.window))} AND e.occurred_at <= ${bind(context.now)}`;
        return `(${r.within ? '' : 'NOT '}EXISTS (SELECT 1 ${eventsOf(where)}))`;
      }
      // Segments are evaluated outside any journey, where these are false (as in evaluate.ts).
      case 'event-since-entry':
      case 'email-engagement':
        return r.happened ? '0' : '1';
      case 'segment': {
        const segment = context.segment?.(r.segmentId);
        if (!segment) return r.member ? '0' : '1';
        if (segment.kind === 'static' || visiting.has(r.segmentId)) {
          return `(${r.member ? '' : 'NOT '}EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = ${bind(r.segmentId)} AND m.contact_id = c.id))`;
        }
        visiting.add(r.segmentId);
        const inner = compile(segment.rule);
        visiting.delete(r.segmentId);
        return r.member ? inner : `(NOT ${inner})`;
      }
      case 'engagement':
        return `(${engagement(r.model)} ${sqlOp[r.op]} ${bind(r.value)})`;
      case 'rfm-score': {
        if (!context.population?.rfm?.recency.length) return '0';
        return `COALESCE((SELECT ${rfmScoreSql(r.dimension)} BETWEEN ${bind(r.min)} AND ${bind(r.max)} ${purchases()}), 0)`;
      }
      case 'rfm-group': {
        if (!context.population?.rfm?.recency.length) return '0';
        const index = rfmGroupTable.findIndex((row) => row.group === r.group);
        const inRow = (row: (typeof rfmGroupTable)[number]) =>
          `(${rfmScoreSql('recency')} BETWEEN ${bind(row.r[0])} AND ${bind(row.r[1])} AND ${rfmScoreSql('frequency')} BETWEEN ${bind(row.f[0])} AND ${bind(row.f[1])})`;
        // The first matching row of the table wins: in this group's row and in none before it.
        const earlier = rfmGroupTable.slice(0, index).map((row) => ` AND NOT ${inRow(row)}`).join('');
        return `COALESCE((SELECT ${inRow(rfmGroupTable[index])}${earlier} ${purchases()}), 0)`;
      }
      case 'percentile': {
        const bound = percentileBound(context.population?.quantiles?.[percentileKey(r.of)] ?? [], r.direction, r.percent);
        if (!bound) return '0';
        return `COALESCE(${percentileValue(r.of)} ${bound.op} ${bind(bound.value)}, 0)`;
      }
      case 'lifecycle': {
        const { newDays, activeDays, lapsedDays } = r.thresholds;
        const since = (days: number) => bind(context.now - days * DAY);
        // First seen: the first event, or the contact's creation when earlier (and not after `now`).
        const created = `(CASE WHEN c.created_at <= ${bind(context.now)} THEN c.created_at END)`;
        const firstSeen = `COALESCE(min(MIN(e.occurred_at), ${created}), MIN(e.occurred_at), ${created})`;
        const stage = `CASE WHEN ${firstSeen} > ${since(newDays)} THEN 'new' WHEN MAX(e.occurred_at) IS NULL THEN 'dormant' WHEN MAX(e.occurred_at) > ${since(activeDays)} THEN 'active' WHEN MAX(e.occurred_at) > ${since(lapsedDays)} THEN 'lapsed' ELSE 'dormant' END`;
        return `((SELECT ${stage} ${eventsOf(`e.occurred_at <= ${bind(context.now)}`)}) = ${bind(r.stage)})`;
      }
    }
  };

  return { compile, percentileValue, params };
}

/** The JSON path of a custom attribute in the attributes column. */
const jsonPath = (name: string) => `$."${name.replaceAll('"', '\\"')}"`;

/** SQL for amountCents() of rfm.ts: a number amount in whole cents, anything else (unreadable properties too) 0. */
export function amountCentsSql(properties: string): string {
  const path = `'$.${AMOUNT_PROPERTY}'`;
  return `(CASE WHEN NOT ${readableSql(properties)} THEN 0 WHEN json_type(${properties}, ${path}) IN ('integer', 'real') THEN round(json_extract(${properties}, ${path}) * 100) ELSE 0 END)`;
}

/**
 * How much a condition costs per contact: index lookups (0), event subqueries (1), aggregates over a
 * contact's events (2), a call into JavaScript for every contact (3). SQLite evaluates AND / OR terms in the
 * order written; every compiled term is a side-effect-free 0 or 1, so ordering cheap terms first changes
 * nothing but the time (the JavaScript comparisons then run only for the contacts that are left).
 */
function cost(rule: Rule): number {
  switch (rule.type) {
    case 'all':
    case 'any':
      return Math.max(0, ...rule.rules.map(cost));
    case 'not':
      return cost(rule.rule);
    case 'tag':
    case 'event-since-entry':
    case 'email-engagement':
      return 0;
    case 'event-count':
    case 'last-event':
      return rule.event.filters.length ? 2 : 1;
    case 'attribute':
      // Plain SQL on the row itself (see attribute()), except date tests, which call JavaScript.
      return rule.op === 'before' || rule.op === 'after' || rule.op === 'within-last-days' ? 3 : 0;
    case 'percentile':
      return rule.of.kind === 'attribute' ? 3 : 2;
    default:
      return 2;
  }
}

const cheapestFirst = (rules: readonly Rule[]) =>
  rules
    .map((rule, index) => ({ rule, index, cost: cost(rule) }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index)
    .map((entry) => entry.rule);
