import { z } from 'zod';
import { JourneySettings } from './settings.ts';
import { nodeKinds, type NodeKind } from './nodes.ts';
import { Id } from './id.ts';
import { MAX_JOURNEY_CONNECTIONS, MAX_JOURNEY_STEPS, MAX_NAME_CHARS } from '../limits.ts';

export { Id };

/**
 * The journey document as stored and edited. A draft may hold a half-configured node, so a node's config
 * is only checked for being an object here; validate.ts checks it against its kind's schema and reports
 * what is missing. The layout lives apart from the logic so that exports diff cleanly.
 */
export const DraftNode = z.object({
  id: Id,
  kind: z.enum(nodeKinds as [NodeKind, ...NodeKind[]]),
  name: z.string().max(MAX_NAME_CHARS).default(''),
  config: z.record(z.string(), z.unknown()),
});
export type DraftNode = z.infer<typeof DraftNode>;

export const Edge = z.object({
  id: Id,
  source: Id,
  /** The source node's outcome this edge leaves from ('next', 'yes', a branch id...). */
  sourceHandle: z.string().min(1),
  target: Id,
});
export type Edge = z.infer<typeof Edge>;

export const Position = z.object({ x: z.number(), y: z.number() });

export const StickyNote = z.object({
  id: Id,
  text: z.string().max(10_000),
  position: Position,
  width: z.number().positive().default(200),
  height: z.number().positive().default(120),
});
export type StickyNote = z.infer<typeof StickyNote>;

export const Layout = z.object({
  positions: z.record(z.string(), Position).default({}),
  notes: z.array(StickyNote).default([]),
});
export type Layout = z.infer<typeof Layout>;

export const JourneyDocument = z.object({
  nodes: z.array(DraftNode),
  edges: z.array(Edge),
  settings: JourneySettings,
  layout: Layout.default({ positions: {}, notes: [] }),
});
export type JourneyDocument = z.infer<typeof JourneyDocument>;

/** A journey's steps and connections as every door takes them (a file, a backup, the API), within the limits. */
export const StepList = z.array(DraftNode).max(MAX_JOURNEY_STEPS, `a journey holds at most ${MAX_JOURNEY_STEPS} steps`);
export const ConnectionList = z.array(Edge).max(MAX_JOURNEY_CONNECTIONS, `a journey holds at most ${MAX_JOURNEY_CONNECTIONS} connections`);

/**
 * A document as the API takes it in. The store's own documents are read without these limits, so that a journey
 * saved before them still opens.
 */
export const JourneyDocumentInput = JourneyDocument.extend({ nodes: StepList, edges: ConnectionList });

export const emptyDocument = (): JourneyDocument => JourneyDocument.parse({ nodes: [], edges: [], settings: {} });

export const journeyStatuses = ['draft', 'live', 'paused', 'stopped'] as const;
export const JourneyStatus = z.enum(journeyStatuses);
export type JourneyStatus = z.infer<typeof JourneyStatus>;
