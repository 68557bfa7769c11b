import type { DraftNode, Edge, JourneyDocument } from '../journey/journey.ts';
import type { NodeConfig, NodeKind } from '../journey/nodes.ts';
import { JourneySettings } from '../journey/settings.ts';
import type { ContactEvent, ContactView } from '../rules/contactView.ts';
import { advance } from './advance.ts';
import type { AdvanceInput, AdvanceResult, RecentSend, RunState, Step } from './types.ts';

/**
 * Small helpers to write journeys and contacts in interpreter tests and the simulator's tests: a journey
 * as a list of nodes and 'a -> b' links, and a loop that calls advance() at each wake-up like a clock would.
 */
export function journey(
  nodes: Array<[id: string, kind: NodeKind, config: NodeConfig<NodeKind>, name?: string]>,
  links: string[],
  settings: Partial<JourneySettings> = {},
): JourneyDocument {
  const draftNodes: DraftNode[] = nodes.map(([id, kind, config, name]) => ({ id, kind, name: name ?? id, config: config as Record<string, unknown> }));
  const edges: Edge[] = links.map((link) => {
    const [from, to] = link.split('->').map((s) => s.trim());
    const [source, handle = 'next'] = from.split(':');
    return { id: `e_${source}_${handle}`, source, sourceHandle: handle, target: to };
  });
  return { nodes: draftNodes, edges, settings: JourneySettings.parse(settings), layout: { positions: {}, notes: [] } };
}

export function contactView(partial: Partial<Omit<ContactView, 'tags'>> & { tags?: string[] } = {}): ContactView {
  return {
    id: partial.id ?? 1,
    email: partial.email ?? 'ada@example.com',
    attributes: { consent: 'subscribed', timezone: 'Europe/Paris', ...partial.attributes },
    tags: new Set(partial.tags ?? []),
    events: partial.events ?? [],
    segments: partial.segments,
  };
}

export const event = (name: string, at: number, properties: Record<string, unknown> = {}): ContactEvent => ({ name, at, properties });

export interface Drive {
  state: RunState;
  steps: Step[];
  results: AdvanceResult[];
  sent: Array<{ at: number; nodeId: string; messageKey: string }>;
}

/**
 * Calls advance() at `start` and then at every wake-up until the run exits or `until` passes, like the
 * runner does. `sends` is the contact's shared send history (other journeys' sends go in it too).
 */
export function drive(
  base: Omit<AdvanceInput, 'now' | 'recentSends' | 'suppressed' | 'seed'> & Partial<Pick<AdvanceInput, 'suppressed' | 'seed'>>,
  start: number,
  until: number,
  sends: RecentSend[] = [],
): Drive {
  let state = base.state;
  let now = start;
  const out: Drive = { state, steps: [], results: [], sent: [] };
  for (let i = 0; i < 1000 && now <= until; i++) {
    const result = advance({ seed: 1, suppressed: false, ...base, state, now, recentSends: sends });
    out.results.push(result);
    out.steps.push(...result.steps);
    for (const email of result.emails) {
      sends.push({ at: now, messageKey: email.messageKey });
      out.sent.push({ at: now, nodeId: email.nodeId, messageKey: email.messageKey });
    }
    state = result.state;
    if (result.wakeAt === null) break;
    now = result.wakeAt;
  }
  out.state = state;
  return out;
}
