import { useState } from 'react';
import type { TemplateSummary } from '../../../shared/api/calls/templates.ts';
import { emptyDocument, type DraftNode } from '../../../shared/journey/journey.ts';
import type { NodeKind } from '../../../shared/journey/nodes.ts';
import { newNode } from '../../../shared/journey/defaults.ts';
import { NodeInspector } from './NodeInspector.tsx';

export const sampleTemplates: TemplateSummary[] = [
  { id: 't_cart_1', name: 'Cart reminder 1', subject: 'You left something behind', preheader: 'Your cart is waiting', updatedAt: 0 },
  { id: 't_cart_2', name: 'Cart reminder 2', subject: 'Still thinking it over?', preheader: '', updatedAt: 0 },
];

/**
 * The inspector for one step, holding the step in React state the way the editor's store would, and
 * reporting each config the form emits in `seen`.
 */
export function InspectorHarness({ kind, config, seen, onCreateTemplate, emailSteps = [], templates = sampleTemplates }: { kind: NodeKind; config?: Record<string, unknown>; seen: Array<Record<string, unknown>>; onCreateTemplate?: () => void; emailSteps?: Array<{ id: string; name: string }>; templates?: readonly TemplateSummary[] }) {
  const [node, setNode] = useState<DraftNode>(() => ({ ...newNode(kind), config: config ?? newNode(kind).config }));
  const doc = { ...emptyDocument(), nodes: [node] };
  return (
    <NodeInspector
      node={node}
      doc={doc}
      problems={[]}
      context={{ templates, emailSteps, onCreateTemplate }}
      onRename={(name) => setNode((n) => ({ ...n, name }))}
      onConfigChange={(next) => {
        seen.push(next);
        setNode((n) => ({ ...n, config: next }));
      }}
      onConnect={() => {}}
      onDelete={() => {}}
    />
  );
}

export const last = (seen: Array<Record<string, unknown>>) => seen[seen.length - 1];
