import type { DraftNode } from './journey.ts';
import { configSchemas } from './nodes.ts';
import type { Trigger } from './triggers.ts';

/**
 * The trigger of a journey: its trigger node's config, parsed (with defaults) and remembered per node object.
 * Throws when the journey has no valid trigger (a published version always has one; a draft is validated first).
 */
export function triggerOf(document: { readonly nodes: readonly DraftNode[] }): Trigger {
  const node = triggerNodeOf(document);
  let trigger = parsed.get(node);
  if (!trigger) parsed.set(node, (trigger = configSchemas.trigger.parse(node.config).trigger));
  return trigger;
}
const parsed = new WeakMap<DraftNode, Trigger>();

/** The trigger node of a journey (a valid journey has exactly one); throws when there is none. */
export function triggerNodeOf(document: { readonly nodes: readonly DraftNode[] }): DraftNode {
  const node = document.nodes.find((n) => n.kind === 'trigger');
  if (!node) throw new Error('the journey has no trigger');
  return node;
}

/** A draft's trigger when it is complete enough to read, else undefined (drafts may be half-configured). */
export function draftTriggerOf(document: { readonly nodes: readonly DraftNode[] }): Trigger | undefined {
  const node = document.nodes.find((n) => n.kind === 'trigger');
  const result = node && configSchemas.trigger.safeParse(node.config);
  return result?.success ? result.data.trigger : undefined;
}
