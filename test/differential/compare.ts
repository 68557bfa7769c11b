import type { DraftNode } from '../../shared/journey/journey.ts';
import { configSchemas } from '../../shared/journey/nodes.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { formatOffset } from '../../shared/simulation/offset.ts';
import type { DiffCase } from './case.ts';
import type { HostEmail, HostName, HostRun, HostStep } from './hosts/hostRun.ts';

/** One way the hosts differ on a case; cases whose disagreements have the same `kind` are one class. */
export interface Disagreement {
  kind: string;
  /** What each host did at the first difference, for the report. */
  lines: string[];
}

export interface Comparison {
  disagreements: Disagreement[];
  /** Why this case cannot be compared (it then has no disagreements). */
  incomparable?: string;
}

/**
 * The three hosts' runs of one case, compared: entry; then, among the hosts that admitted the contact, the steps
 * (node, outcome, branch, time, reason, Message-ID) up to the first difference, and on among the hosts that still
 * agree (so a host that stands apart early does not hide a later difference between the other two); then, among the
 * hosts that agreed on every step, each email's Message-ID, and the rendered subject, HTML and text (simulator and
 * live; the forecast renders nothing). A disagreement's `kind` names its class by what is seen (which host stands
 * apart, at what kind of step, in which field), never by a guessed cause.
 */
export function compare(c: DiffCase, runs: readonly HostRun[]): Comparison {
  const incomparable = runs.find((r) => r.incomparable);
  if (incomparable) return { disagreements: [], incomparable: `${incomparable.host}: ${incomparable.incomparable}` };
  const found: Disagreement[] = runs.filter((r) => r.error).map((r) => ({ kind: `error: ${r.host} failed: ${generalise(r.error!)}`, lines: [`${r.host}: ${r.error}`] }));
  let agreeing = runs.filter((r) => !r.error);
  const entry = compareEntry(agreeing);
  if (entry) found.push(entry);
  agreeing = agreeing.filter((r) => r.notAdmitted === undefined);
  for (let from = 0; agreeing.length > 1; ) {
    const difference = compareSteps(c, agreeing, from);
    if (!difference) break;
    found.push(difference.disagreement);
    agreeing = difference.majority;
    from = difference.at + 1;
  }
  if (agreeing.length > 1) found.push(...compareMessageIds(agreeing));
  if (agreeing.some((r) => r.host === 'simulator') && agreeing.some((r) => r.host === 'live')) found.push(...compareRenders(agreeing));
  return { disagreements: found };
}

/** Hosts grouped by what they did, biggest group first: one group means they agree. */
function groups<T>(runs: readonly HostRun[], keyOf: (run: HostRun) => T): HostName[][] {
  const byKey = new Map<string, HostName[]>();
  for (const run of runs) {
    const key = JSON.stringify(keyOf(run)) ?? 'undefined';
    byKey.set(key, [...(byKey.get(key) ?? []), run.host]);
  }
  return [...byKey.values()].sort((a, b) => b.length - a.length);
}

/** 'forecast ≠ simulator+live', or 'all three differ'. */
function which(split: HostName[][]): string {
  if (split.length > 2) return 'all three differ';
  return `${split[1].join('+')} ≠ ${split[0].join('+')}`;
}

/** An error message with its numbers and quoted names taken out, so that one cause is one class. */
const generalise = (message: string) => message.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N').slice(0, 160);

function compareEntry(runs: readonly HostRun[]): Disagreement | undefined {
  const split = groups(runs, (r) => r.notAdmitted === undefined);
  if (split.length === 1) return undefined;
  const admitted = runs.filter((r) => r.notAdmitted === undefined).map((r) => r.host);
  const refused = runs.filter((r) => r.notAdmitted !== undefined);
  return {
    kind: `entry: ${admitted.join('+')} admit${admitted.length === 1 ? 's' : ''}; ${refused.map((r) => `${r.host} does not (${generalise(r.notAdmitted!)})`).join(', ')}`,
    lines: runs.map((r) => `${r.host.padEnd(9)} ${r.notAdmitted === undefined ? `entered: ${r.steps.length} step(s), first ${r.steps[0] ? r.steps[0].outcome : 'none'}` : `not admitted: ${r.notAdmitted}`}`),
  };
}

const stepFields = ['nodeId', 'outcome', 'branch', 'at', 'reason', 'messageId'] as const;

/**
 * The first step from `from` on where the hosts differ, and the hosts that still agree there (the biggest group,
 * when there is one bigger than the rest).
 */
function compareSteps(c: DiffCase, runs: readonly HostRun[], from: number): { disagreement: Disagreement; at: number; majority: HostRun[] } | undefined {
  const longest = Math.max(...runs.map((r) => r.steps.length));
  for (let i = from; i < longest; i++) {
    const split = groups(runs, (r) => r.steps[i] ?? null);
    if (split.length === 1) continue;
    const stepOf = (host: HostName) => runs.find((r) => r.host === host)!.steps[i];
    const [majority, minority] = [stepOf(split[0][0]), stepOf(split[split.length - 1][0])];
    const here = runs.map((r) => r.steps[i]).filter((s): s is HostStep => s !== undefined);
    const kinds = [...new Set(here.map((s) => s.nodeKind))].join('/');
    const disagreement = {
      kind: `steps: ${which(split)} at ${kinds}${features(c, here)}: ${aspect(minority, majority, split)}`,
      lines: [
        `first difference at step #${i + 1}${i > 0 ? ` (after ${formatStep(c, runs[0].steps[i - 1])})` : ''}:`,
        ...runs.map((r) => `${r.host.padEnd(9)} ${r.steps[i] ? formatStep(c, r.steps[i]) : '(no more steps)'}`),
      ],
    };
    const bigger = split[0].length > split[1].length;
    return { disagreement, at: i, majority: bigger ? runs.filter((r) => split[0].includes(r.host)) : [] };
  }
  return undefined;
}

function aspect(minority: HostStep | undefined, majority: HostStep | undefined, split: HostName[][]): string {
  if (!minority || !majority) {
    const missing = !minority ? split[split.length - 1] : split[0];
    return `${missing.join('+')} ${missing.length === 1 ? 'has' : 'have'} no step here`;
  }
  const differing = stepFields.filter((f) => minority[f] !== majority[f]);
  if (differing.includes('outcome')) return `outcome ${minority.outcome} vs ${majority.outcome}`;
  if (differing.includes('nodeId')) return 'a different step';
  return differing.join(', ');
}

/**
 * What the steps at the difference are about: the kind of rule whose explanation differs at a condition or a split,
 * the goal's type, the wait's type, why an email was held or not sent.
 */
function features(c: DiffCase, steps: readonly HostStep[]): string {
  const found = new Set<string>();
  for (const step of steps) {
    const node = c.journey.nodes.find((n) => n.id === step.nodeId);
    if (node?.kind === 'condition' || node?.kind === 'split') ruleFeatures(node, steps, found);
    if (node?.kind === 'goal' && step.outcome === 'goal') found.add(`${configSchemas.goal.parse(node.config).goal.type} goal`);
    if (node?.kind === 'wait') found.add(configSchemas.wait.parse(node.config).wait.type);
    for (const words of ['frequency cap', 'quiet hours', 'send window', 'unsubscribed', 'suppression list', 'exit criterion', 'hours late']) {
      if (step.reason.includes(words)) found.add(words);
    }
  }
  return found.size ? ` [${[...found].sort().join(', ')}]` : '';
}

const pieces = (reason: string) => reason.split(/; (?:and|or) |: |\(|\)/);

/**
 * The kind of rule behind a condition's or a split's different answers: the first piece of the explanations that
 * differs and names a rule; for a split whose hosts took different branches, the rules explained for the earliest
 * branch taken (the others found it false); else every kind of rule the node holds.
 */
function ruleFeatures(node: DraftNode, steps: readonly HostStep[], into: Set<string>): void {
  if (node.kind === 'split' && new Set(steps.map((s) => s.branch)).size > 1) {
    const order = configSchemas.split.parse(node.config).branches.map((b) => b.id);
    const rank = (s: HostStep) => (order.includes(s.branch ?? '') ? order.indexOf(s.branch!) : order.length);
    const earliest = [...steps].sort((a, b) => rank(a) - rank(b))[0];
    const before = into.size;
    for (const piece of pieces(earliest.reason)) {
      const kind = fragmentKind(piece);
      if (kind) into.add(kind);
    }
    if (into.size > before) return;
  }
  const split = steps.map((s) => pieces(s.reason));
  for (let i = 0; i < Math.max(...split.map((p) => p.length)); i++) {
    if (new Set(split.map((p) => p[i])).size === 1) continue;
    const kind = split.map((p) => (p[i] === undefined ? undefined : fragmentKind(p[i]))).find(Boolean);
    if (kind) {
      into.add(kind);
      return;
    }
  }
  if (node.kind === 'condition') leafTypes(configSchemas.condition.parse(node.config).rule, into);
  else for (const b of configSchemas.split.parse(node.config).branches) leafTypes(b.rule, into);
}

/** Which kind of rule wrote a piece of an explanation (shared/engine/explain.ts), if one did. */
function fragmentKind(piece: string): string | undefined {
  if (/\bin segment /.test(piece)) return 'segment rule';
  if (/the tag "/.test(piece)) return 'tag rule';
  if (/the email of step /.test(piece)) return 'email-engagement rule';
  if (/^rule [a-z-]+ was /.test(piece)) return `${piece.split(' ')[1]} rule`;
  if (/^\d+ \S+ events? /.test(piece)) return 'event-count rule';
  if (/^no \S+ event since |^\S+ at \d{4}-/.test(piece)) return 'event-since-entry rule';
  if (/^\S+ is .* \(rule: /.test(piece) || /^\S+ is (?:not set|"|-?\d|true|false)/.test(piece)) return 'attribute rule';
  return undefined;
}

function leafTypes(rule: Rule, into: Set<string>): void {
  if (rule.type === 'all' || rule.type === 'any') rule.rules.forEach((r) => leafTypes(r, into));
  else if (rule.type === 'not') leafTypes(rule.rule, into);
  else into.add(`${rule.type} rule`);
}

/** Each host's emails as (time, Message-ID), in time order (emails of one instant in Message-ID order). */
function compareMessageIds(runs: readonly HostRun[]): Disagreement[] {
  const sent = (r: HostRun) => r.emails.map((e) => `${new Date(e.at).toISOString()} ${e.messageId}`).sort();
  const split = groups(runs, sent);
  if (split.length === 1) return [];
  return [{ kind: `emails: ${which(split)}: the Message-IDs or their times differ`, lines: runs.map((r) => `${r.host.padEnd(9)} ${sent(r).join(', ') || '(none)'}`) }];
}

const parts = ['subject', 'html', 'text'] as const;

/**
 * The rendered emails of the simulator and the live engine, part by part (the first email that differs). The class
 * says whether the decision that sent it also changed the contact (an update-contact step) before or after it.
 */
function compareRenders(runs: readonly HostRun[]): Disagreement[] {
  const simulated = runs.find((r) => r.host === 'simulator')!;
  const live = new Map(runs.find((r) => r.host === 'live')!.emails.map((e) => [e.messageId, e]));
  for (const email of simulated.emails) {
    const sent = live.get(email.messageId);
    if (!sent) continue;
    if (email.note) return [{ kind: `render: the simulator could not render (${generalise(email.note)})`, lines: [`${email.messageId}: ${email.note}`] }];
    const differing = parts.filter((p) => email[p] !== sent[p]);
    if (differing.length === 0) continue;
    return [
      {
        kind: `render: simulator ≠ live${reordered(differing.map((p) => [email[p], sent[p]]))}${updatesAround(simulated.steps, email.messageId)}`,
        lines: [`email ${email.messageId}, ${differing.join(', ')} differ:`, ...differing.flatMap((p) => excerpt(p, email, sent))],
      },
    ];
  }
  return [];
}

/** ' (same characters, in another order)' when that is all that differs. */
function reordered(pairs: Array<Array<string | null | undefined>>): string {
  const letters = (text: string | null | undefined) => [...(text ?? '')].sort().join('');
  return pairs.every(([a, b]) => letters(a) === letters(b)) ? ' (the same characters in another order)' : '';
}

/** ' (the contact updated earlier in the same decision)' and the like, from the steps at the email's instant. */
function updatesAround(steps: readonly HostStep[], messageId: string): string {
  const at = steps.findIndex((s) => s.messageId === messageId);
  if (at < 0) return '';
  const updated = (s: HostStep) => s.outcome === 'updated' && s.at === steps[at].at;
  const before = steps.slice(0, at).some(updated);
  const after = steps.slice(at + 1).some(updated);
  if (!before && !after) return '';
  return ` (the contact updated ${[before ? 'before' : '', after ? 'after' : ''].filter(Boolean).join(' and ')} it in the same decision)`;
}

/** Both versions of a part around its first difference. */
function excerpt(part: (typeof parts)[number], simulated: HostEmail, live: HostEmail): string[] {
  const a = simulated[part] ?? '';
  const b = live[part] ?? '';
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const around = (text: string) => JSON.stringify(`${i > 40 ? '…' : ''}${text.slice(Math.max(0, i - 40), i + 60)}${text.length > i + 60 ? '…' : ''}`);
  return [`  ${part}, from character ${i}:`, `    simulator ${around(a)}`, `    live      ${around(b)}`];
}

export function formatStep(c: DiffCase, step: HostStep): string {
  const branch = step.branch ? ` → ${step.branch}` : '';
  const id = step.messageId ? ` ${step.messageId}` : '';
  return `${formatOffset(step.at - c.start)} ${new Date(step.at).toISOString()} ${step.nodeId} ${step.outcome}${branch}: ${step.reason}${id}`;
}
