import { JourneyDocument, type DraftNode, type Edge } from './journey.ts';
import { configSchemas } from './nodes.ts';
import { outcomesOf } from './outcomes.ts';
import { nodeName, waitingKinds } from './kinds.ts';
import { problemsFromZod, type Problem } from './problems.ts';
import { builtInWriteProblem, isBuiltInField } from '../contacts/fields.ts';

/** What the validator may check references against; anything absent is not checked. */
export interface ValidationContext {
  templateIds?: ReadonlySet<string>;
  segmentIds?: ReadonlySet<string>;
}

/**
 * Every problem in a journey, by node id and field. An empty list means the journey can be published.
 * Accepts unknown input: a document that does not even have the right shape gets problems by JSON path.
 */
export function validateJourney(input: unknown, context: ValidationContext = {}): Problem[] {
  const parsed = JourneyDocument.safeParse(input);
  if (!parsed.success) return problemsFromZod(parsed.error, [], { code: 'invalid-document' });
  const { nodes, edges } = parsed.data;
  const problems: Problem[] = [];

  const byId = new Map<string, DraftNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) problems.push({ code: 'duplicate-id', nodeId: node.id, message: `two nodes share the id ${node.id}` });
    byId.set(node.id, node);
  }
  const edgeIds = new Set<string>();
  for (const edge of edges) {
    if (edgeIds.has(edge.id)) problems.push({ code: 'duplicate-id', edgeId: edge.id, message: `two edges share the id ${edge.id}` });
    edgeIds.add(edge.id);
  }

  problems.push(...checkConfigs(nodes, context));
  const usable = checkEdges(edges, byId, problems);
  problems.push(...checkTriggers(nodes, usable, byId));
  problems.push(...checkOutcomes(nodes, usable));
  problems.push(...checkReachability(nodes, usable));
  problems.push(...checkWaitlessCycles(nodes, usable, byId));
  return problems;
}

function checkConfigs(nodes: DraftNode[], context: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  for (const node of nodes) {
    const result = configSchemas[node.kind].safeParse(node.config);
    if (!result.success) {
      problems.push(...problemsFromZod(result.error, ['config'], { code: 'invalid-config', nodeId: node.id }));
      continue;
    }
    if (node.kind === 'update-contact') problems.push(...checkBuiltInWrites(node, result.data as { actions: Array<{ op: string; attribute?: string; value?: string | number | boolean }> }));
    for (const ref of referencesOf(node)) {
      const known = ref.type === 'template' ? context.templateIds : context.segmentIds;
      if (known && !known.has(ref.id)) {
        problems.push({
          code: 'unknown-reference',
          nodeId: node.id,
          field: ref.field,
          message: `${ref.field}: no ${ref.type} with the id ${ref.id}`,
        });
      }
    }
  }
  return problems;
}

/** An update-contact step may write a built-in field only as its column takes it (shared/contacts/fields.ts). */
function checkBuiltInWrites(node: DraftNode, config: { actions: Array<{ op: string; attribute?: string; value?: string | number | boolean }> }): Problem[] {
  const problems: Problem[] = [];
  config.actions.forEach((action, index) => {
    if ((action.op !== 'set-attribute' && action.op !== 'clear-attribute') || !action.attribute || !isBuiltInField(action.attribute)) return;
    const problem = builtInWriteProblem(action.attribute, action.op === 'set-attribute' ? action.value : undefined);
    if (problem) problems.push({ code: 'invalid-config', nodeId: node.id, field: `config.actions[${index}].attribute`, message: problem });
  });
  return problems;
}

/** Templates and segments a node points at, for reference checks and for exports. */
export function referencesOf(node: DraftNode): Array<{ type: 'template' | 'segment'; id: string; field: string }> {
  const refs: Array<{ type: 'template' | 'segment'; id: string; field: string }> = [];
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      const here = `${path}.${key}`;
      if (key === 'templateId' && typeof child === 'string' && child) refs.push({ type: 'template', id: child, field: here });
      else if (key === 'segmentId' && typeof child === 'string' && child) refs.push({ type: 'segment', id: child, field: here });
      else visit(child, here);
    }
  };
  visit(node.config, 'config');
  return refs;
}

/** Reports broken edges and returns the ones that connect two real nodes by a real outcome. */
function checkEdges(edges: Edge[], byId: Map<string, DraftNode>, problems: Problem[]): Edge[] {
  const usable: Edge[] = [];
  const taken = new Map<string, string>();
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      const missing = !source ? edge.source : edge.target;
      problems.push({ code: 'missing-node', edgeId: edge.id, message: `the edge ${edge.id} points to a missing node ${missing}` });
      continue;
    }
    if (!outcomesOf(source).some((o) => o.id === edge.sourceHandle)) {
      problems.push({
        code: 'unknown-handle',
        edgeId: edge.id,
        nodeId: source.id,
        message: `"${nodeName(source)}" has no outcome "${edge.sourceHandle}" for the edge ${edge.id} to leave from`,
      });
      continue;
    }
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    if (taken.has(key)) {
      problems.push({
        code: 'outcome-connected-twice',
        edgeId: edge.id,
        nodeId: source.id,
        message: `an outcome of "${nodeName(source)}" leads to two steps; keep one edge`,
      });
      continue;
    }
    taken.set(key, edge.id);
    usable.push(edge);
  }
  return usable;
}

function checkTriggers(nodes: DraftNode[], edges: Edge[], byId: Map<string, DraftNode>): Problem[] {
  const triggers = nodes.filter((n) => n.kind === 'trigger');
  const problems: Problem[] = [];
  if (triggers.length === 0) problems.push({ code: 'no-trigger', message: 'the journey has no trigger: add one to say who enters' });
  for (const extra of triggers.slice(1)) {
    problems.push({ code: 'several-triggers', nodeId: extra.id, message: 'a journey has one trigger; remove this one' });
  }
  for (const edge of edges) {
    if (byId.get(edge.target)?.kind === 'trigger') {
      problems.push({ code: 'edge-into-trigger', edgeId: edge.id, nodeId: edge.target, message: 'nothing can lead into a trigger' });
    }
  }
  return problems;
}

function checkOutcomes(nodes: DraftNode[], edges: Edge[]): Problem[] {
  const connected = new Set(edges.map((e) => `${e.source}\u0000${e.sourceHandle}`));
  const problems: Problem[] = [];
  for (const node of nodes) {
    for (const outcome of outcomesOf(node)) {
      if (outcome.required && !connected.has(`${node.id}\u0000${outcome.id}`)) {
        const which = outcome.label ? `the "${outcome.label}" outcome of "${nodeName(node)}"` : `"${nodeName(node)}"`;
        problems.push({ code: 'unconnected-outcome', nodeId: node.id, field: `outcomes.${outcome.id}`, message: `${which} leads nowhere: connect it to a step` });
      }
    }
  }
  return problems;
}

function successors(edges: Edge[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  return next;
}

function checkReachability(nodes: DraftNode[], edges: Edge[]): Problem[] {
  const trigger = nodes.find((n) => n.kind === 'trigger');
  if (!trigger) return [];
  const next = successors(edges);
  const seen = new Set([trigger.id]);
  const queue = [trigger.id];
  for (let head = 0; head < queue.length; head++) {
    for (const id of next.get(queue[head]) ?? []) {
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  // Goals are reached by jumping (a contact meets the goal anywhere), so they need no incoming edge;
  // extra triggers are reported as such.
  return nodes
    .filter((n) => !seen.has(n.id) && n.kind !== 'goal' && n.kind !== 'trigger')
    .map((n) => ({ code: 'unreachable' as const, nodeId: n.id, message: `"${nodeName(n)}" cannot be reached from the trigger` }));
}

/**
 * A loop in which every node is instant would spin forever in one decision. Waiting nodes break a loop,
 * so drop them and look for strongly connected components in what remains (Tarjan's algorithm, with an
 * explicit stack so that a journey of thousands of steps cannot overflow the call stack).
 */
function checkWaitlessCycles(nodes: DraftNode[], edges: Edge[], byId: Map<string, DraftNode>): Problem[] {
  const instant = edges.filter((e) => !waitingKinds.has(byId.get(e.source)!.kind) && !waitingKinds.has(byId.get(e.target)!.kind));
  const next = successors(instant);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const problems: Problem[] = [];

  const enter = (id: string) => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
  };

  const closeComponent = (id: string) => {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== id);
    const selfLoop = component.length === 1 && (next.get(id) ?? []).includes(id);
    if (component.length > 1 || selfLoop) {
      const shown = component.reverse().slice(0, 5).map((m) => `"${nodeName(byId.get(m)!)}"`).join(' → ');
      const names = component.length > 5 ? `${shown} → … ${component.length - 5} more` : shown;
      for (const m of component) {
        problems.push({ code: 'cycle-without-wait', nodeId: m, message: `a loop with no wait in it (${names}) would repeat forever: add a wait` });
      }
    }
  };

  for (const root of nodes) {
    if (index.has(root.id)) continue;
    enter(root.id);
    // Each frame is a node and how many of its successors have been looked at.
    const frames: Array<{ id: string; child: number }> = [{ id: root.id, child: 0 }];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const children = next.get(frame.id) ?? [];
      if (frame.child < children.length) {
        const to = children[frame.child++];
        if (!index.has(to)) {
          enter(to);
          frames.push({ id: to, child: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) closeComponent(frame.id);
    }
  }
  return problems;
}
