import type { JourneyDocument } from '../journey/journey.ts';

/**
 * The document that sends everyone reaching an A/B split down one variant: the winner gets 100%, the
 * others 0% (the schema allows 0, and the edges stay, so the losing branches remain visible and the test's
 * history still reads against them). Everything else is untouched. Throws, saying what is wrong, when the
 * split or the variant does not exist.
 */
export function withWinner(document: JourneyDocument, splitNodeId: string, winnerVariantId: string): JourneyDocument {
  const split = document.nodes.find((n) => n.id === splitNodeId);
  if (!split) throw new Error(`the journey has no node ${splitNodeId}`);
  if (split.kind !== 'ab-split') throw new Error(`node ${splitNodeId} is a ${split.kind}, not an A/B split`);
  const variants = Array.isArray(split.config.variants) ? (split.config.variants as Array<Record<string, unknown>>) : [];
  if (!variants.some((v) => v.id === winnerVariantId)) {
    throw new Error(`the A/B split ${splitNodeId} has no variant ${winnerVariantId} (it has ${variants.map((v) => String(v.id)).join(', ')})`);
  }
  return {
    ...document,
    nodes: document.nodes.map((node) =>
      node.id === splitNodeId
        ? { ...node, config: { ...node.config, variants: variants.map((v) => ({ ...v, percent: v.id === winnerVariantId ? 100 : 0 })) } }
        : node,
    ),
  };
}

/** The variant an A/B split sends everyone down, when a winner has been declared (one variant at 100%). */
export function declaredWinner(document: JourneyDocument, splitNodeId: string): string | null {
  const split = document.nodes.find((n) => n.id === splitNodeId && n.kind === 'ab-split');
  const variants = Array.isArray(split?.config.variants) ? (split.config.variants as Array<{ id: string; percent: number }>) : [];
  return variants.find((v) => v.percent === 100)?.id ?? null;
}
