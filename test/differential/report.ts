import { outcomesOf } from '../../shared/journey/outcomes.ts';
import { formatOffset } from '../../shared/simulation/offset.ts';
import type { CaseEvent, DiffCase } from './case.ts';
import type { Comparison } from './compare.ts';
import type { Summary } from './harness.ts';

/**
 * What a person reads when the hosts disagree: the seed (and how to run that case alone), the case itself (the
 * journey, one line per step, the contact, their events, segments and templates) and, per disagreement, what
 * each host did at the first difference.
 */
export function caseReport(c: DiffCase, comparison: Comparison): string {
  const lines = [
    `✗ seed ${c.seed}: ${comparison.disagreements.map((d) => d.kind).join(' | ')}`,
    `  alone: npm run test:differential -- --seed ${c.seed} --cases 1 --verbose`,
    `  start ${new Date(c.start).toISOString()}, ${c.days} day(s)`,
    ...journeyLines(c),
    `  contact: ${JSON.stringify({ ...c.contact, createdAt: new Date(c.contact.createdAt).toISOString() })}`,
    '  history:',
    ...c.history.map((e) => eventLine(c, e)),
    '  future (live: arriving as the clock reaches them):',
    ...c.future.map((e) => eventLine(c, e)),
    '  segments:',
    ...c.segments.map((s) => `    ${s.id} ${s.kind}${s.kind === 'static' ? ` (contact ${s.member ? 'on' : 'not on'} the list)` : ''}: ${JSON.stringify(s.rule)}`),
    '  templates:',
    ...c.templates.map((t) => `    ${t.id}: subject ${JSON.stringify(t.document.content.subject)}${Object.keys(t.document.variants).length ? `, variants ${Object.keys(t.document.variants).join(', ')}` : ''}`),
  ];
  for (const d of comparison.disagreements) lines.push(`  ${d.kind}`, ...d.lines.map((l) => `    ${l}`));
  return lines.join('\n');
}

function journeyLines(c: DiffCase): string[] {
  const { nodes, edges, settings } = c.journey;
  const width = Math.max(...nodes.map((n) => n.id.length));
  return [
    `  journey ${c.journeyId}, settings ${JSON.stringify(settings)}`,
    ...nodes.map((n) => {
      const exits = outcomesOf(n)
        .map((o) => {
          const edge = edges.find((e) => e.source === n.id && e.sourceHandle === o.id);
          return edge ? `${o.id} → ${edge.target}` : null;
        })
        .filter(Boolean);
      return `    ${n.id.padEnd(width)} ${n.name ? `"${n.name}" ` : ''}${JSON.stringify(n.config)}${exits.length ? `  [${exits.join(', ')}]` : ''}`;
    }),
  ];
}

function eventLine(c: DiffCase, e: CaseEvent): string {
  const engages = e.engagesStep ? ` (the email of ${e.engagesStep}, by its Message-ID)` : '';
  return `    ${formatOffset(e.at - c.start).padEnd(10)} ${new Date(e.at).toISOString()} ${e.name} ${JSON.stringify(e.properties)}${engages}`;
}

/** The run's totals and its disagreement classes, each with its count and its smallest case's seed. */
export function summaryReport(summary: Summary): string {
  const lines = [
    `${summary.cases} case(s) from seed ${summary.firstSeed} in ${(summary.ms / 1000).toFixed(1)} s (${(summary.ms / Math.max(1, summary.cases)).toFixed(1)} ms a case): ` +
      `${summary.agreeing} agree, ${summary.disagreeing} disagree, ${summary.incomparable} not comparable`,
  ];
  if (summary.classes.length) lines.push(`${summary.classes.length} disagreement class(es):`);
  for (const k of summary.classes) lines.push(`  ${String(k.count).padStart(6)}  ${k.kind}  (smallest: seed ${k.seed})`);
  if (summary.incomparableReasons.size) {
    lines.push('not comparable:');
    for (const [reason, count] of summary.incomparableReasons) lines.push(`  ${String(count).padStart(6)}  ${reason}`);
  }
  return lines.join('\n');
}
