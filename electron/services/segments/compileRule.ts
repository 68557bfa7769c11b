import { durationMs } from '../../../shared/util/duration.ts';
import type { EventMatch } from '../../../shared/rules/propertyFilter.ts';
import type { EngagementModel, PercentileSource, Rule } from '../../../shared/rules/rule.ts';
import { ENGAGEMENT_PRECISION } from '../../../shared/rules/engagement.ts';
import { percentileBound, percentileKey, type PopulationStats } from '../../../shared/rules/population.ts';
import { AMOUNT_PROPERTY, PURCHASE_EVENT, rfmGroupTable } from '../../../shared/rules/rfm.ts';

const DAY = 86_400_000;

/** The contact columns that are attributes too; every other attribute lives in the attributes JSON. */
export const builtInAttributes = ['email', 'first_name', 'last_name', 'phone', 'country', 'timezone', 'locale', 'consent'] as const;

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

  /** 'c.email' for a built-in, the JSON text of a custom attribute otherwise. */
  const attributeJson = (name: string) =>
    (builtInAttributes as readonly string[]).includes(name) ? `json_quote(c.${name})` : `(c.attributes -> ${bind(`$."${name.replaceAll('"', '\\"')}"`)})`;

  const eventMatch = (match: EventMatch) =>
    `e.name = ${bind(match.name)}` + (match.filters.length ? ` AND js_event_filters(e.properties, ${bind(JSON.stringify(match.filters))})` : '');

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
        return r.rules.length ? `(${r.rules.map(compile).join(' AND ')})` : '1';
      case 'any':
        return r.rules.length ? `(${r.rules.map(compile).join(' OR ')})` : '0';
      case 'not':
        return `(NOT ${compile(r.rule)})`;
      case 'tag':
        return `(${r.has ? '' : 'NOT '}EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = ${bind(r.tag)}))`;
      case 'attribute':
        return `js_attribute(${bind(r.op)}, ${attributeJson(r.attribute)}, ${bind(JSON.stringify(r.value ?? null))}, ${bind(context.now)})`;
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
        const stage = `CASE WHEN MAX(e.occurred_at) IS NULL THEN 'dormant' WHEN MIN(e.occurred_at) > ${since(newDays)} THEN 'new' WHEN MAX(e.occurred_at) > ${since(activeDays)} THEN 'active' WHEN MAX(e.occurred_at) > ${since(lapsedDays)} THEN 'lapsed' ELSE 'dormant' END`;
        return `((SELECT ${stage} ${eventsOf(`e.occurred_at <= ${bind(context.now)}`)}) = ${bind(r.stage)})`;
      }
    }
  };

  return { compile, percentileValue, params };
}

/** SQL for amountCents() of rfm.ts: a number amount in whole cents, anything else 0. */
export function amountCentsSql(properties: string): string {
  const path = `'$.${AMOUNT_PROPERTY}'`;
  return `(CASE WHEN json_type(${properties}, ${path}) IN ('integer', 'real') THEN round(json_extract(${properties}, ${path}) * 100) ELSE 0 END)`;
}
