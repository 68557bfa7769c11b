import type { Db } from '../../store/database.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import type { SegmentLookup } from '../../../shared/rules/evaluate.ts';
import type { Rule } from '../../../shared/rules/rule.ts';

interface SegmentRow {
  id: string;
  kind: 'dynamic' | 'static';
  rule: string;
}

/**
 * The workspace's segment definitions as the interpreter reads them: each decision evaluates a dynamic segment's
 * rule on the contact at its own moment (shared/rules/evaluate.ts inSegment), exactly as the SQL compiler counts
 * it, and reads a static list from the contact's stored memberships. The definitions are parsed once and read again
 * only when the segments table has changed (one cheap aggregate per call), so the engine can ask on every tick.
 */
export class SegmentCatalog {
  private readonly rows;
  private readonly version;
  private seen = '';
  private definitions = new Map<string, { kind: 'dynamic' | 'static'; rule: Rule }>();
  private readonly lookupFn: SegmentLookup = (id) => this.definitions.get(id);

  constructor(db: Db) {
    this.rows = db.prepare('SELECT id, kind, rule FROM segments');
    this.version = db.prepare(`SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), 0) || '/' || COALESCE(SUM(rowid), 0) FROM segments`).pluck();
  }

  /** The current definitions, for AdvanceInput.segments and EvaluationContext.segments. */
  lookup(): SegmentLookup {
    const version = this.version.get() as string;
    if (version !== this.seen) {
      this.seen = version;
      this.definitions = new Map((this.rows.all() as SegmentRow[]).map((row) => [row.id, { kind: row.kind, rule: JSON.parse(row.rule) as Rule }]));
    }
    return this.lookupFn;
  }

  /**
   * The rules of the dynamic segments a journey refers to, following segments that refer to other segments (once
   * each): what the interpreter may evaluate on a contact, so what the contact's read must include.
   */
  dynamicRulesReadBy(document: JourneyDocument): Rule[] {
    const lookup = this.lookup();
    const rules: Rule[] = [];
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const segment = lookup(id);
      if (segment?.kind !== 'dynamic') return;
      rules.push(segment.rule);
      for (const inner of segmentIdsIn(segment.rule)) visit(inner);
    };
    for (const id of segmentIdsIn(document.nodes.map((n) => n.config))) visit(id);
    return rules;
  }
}

/** Every segment id named anywhere in a value (node configs, rules). */
export function segmentIdsIn(value: unknown): string[] {
  const ids = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key === 'segmentId' && typeof child === 'string') ids.add(child);
        else walk(child);
      }
    }
  };
  walk(value);
  return [...ids].sort();
}
