import type { DraftNode, Edge, JourneyDocument } from '../../../shared/journey/journey.ts';
import { JourneySettings } from '../../../shared/journey/settings.ts';
import type { NodeConfig, NodeKind } from '../../../shared/journey/nodes.ts';

/**
 * A small helper for writing journeys in code (the sample workspace, tests): stable ids, typed configs,
 * and a column-per-branch layout so the result looks tidy before anyone presses auto-layout.
 */
export class JourneyBuilder {
  private readonly nodes: DraftNode[] = [];
  private readonly edges: Edge[] = [];
  private readonly positions: Record<string, { x: number; y: number }> = {};

  add<K extends NodeKind>(id: string, kind: K, name: string, config: NodeConfig<K>, column = 0): this {
    const row = this.nodes.filter((n) => Math.round(this.positions[n.id].x / 280) === column).length;
    this.nodes.push({ id, kind, name, config: config as Record<string, unknown> });
    this.positions[id] = { x: column * 280, y: row * 130 };
    return this;
  }

  link(source: string, target: string, sourceHandle = 'next'): this {
    this.edges.push({ id: `e_${source}_${sourceHandle}`, source, sourceHandle, target });
    return this;
  }

  /** Adds the nodes in order, each linked to the next by its 'next' outcome. */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.link(ids[i - 1], ids[i]);
    return this;
  }

  build(settings: Partial<JourneySettings> = {}): JourneyDocument {
    return {
      nodes: this.nodes,
      edges: this.edges,
      settings: JourneySettings.parse(settings),
      layout: { positions: this.positions, notes: [] },
    };
  }
}
