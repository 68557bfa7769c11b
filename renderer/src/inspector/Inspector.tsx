import { useCallback, useMemo } from 'react';
import { useJourney } from '../editor/journeyStore.ts';
import { singleNodeId, useSelection } from '../editor/selectionStore.ts';
import { useProblems } from '../editor/problems.ts';
import { useTemplates } from '../editor/templatesStore.ts';
import { connect, disconnect, updateNode, updateSettings } from '../editor/documentEdits.ts';
import { deleteSelection } from '../editor/commands.ts';
import { NodeInspector } from './NodeInspector.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import type { FormContext } from './formProps.ts';

/**
 * The side panel: the selected step's form, or the journey's settings when no single step is selected.
 * Typing in one field is one undo step: edits coalesce until focus leaves the field.
 */
export function Inspector({ showSettings, onCreateTemplate }: { showSettings: boolean; onCreateTemplate?: () => void }) {
  const doc = useJourney((s) => s.doc);
  const edit = useJourney((s) => s.edit);
  const seal = useJourney((s) => s.seal);
  const nodeId = useSelection(singleNodeId);
  const templates = useTemplates((s) => s.templates);
  const problems = useProblems();
  const node = nodeId ? doc?.nodes.find((n) => n.id === nodeId) : undefined;

  const emailSteps = useMemo(() => (doc?.nodes ?? []).filter((n) => n.kind === 'email').map((n) => ({ id: n.id, name: n.name || 'Email' })), [doc?.nodes]);
  const context: FormContext = useMemo(() => ({ templates, emailSteps, onCreateTemplate }), [templates, emailSteps, onCreateTemplate]);

  const onRename = useCallback((name: string) => nodeId && edit((d) => updateNode(d, nodeId, { name }), `name:${nodeId}`), [edit, nodeId]);
  const onConfigChange = useCallback((config: Record<string, unknown>) => nodeId && edit((d) => updateNode(d, nodeId, { config }), `config:${nodeId}`), [edit, nodeId]);
  const onConnect = useCallback(
    (outcome: string, target: string | null) => nodeId && edit((d) => (target ? connect(d, { source: nodeId, sourceHandle: outcome, target }) : disconnect(d, nodeId, outcome))),
    [edit, nodeId],
  );

  if (!doc) return null;
  return (
    <aside className="side-panel" onBlur={seal}>
      {node && !showSettings ? (
        <NodeInspector
          key={node.id}
          node={node}
          doc={doc}
          problems={problems.byNode.get(node.id) ?? []}
          context={context}
          onRename={onRename}
          onConfigChange={onConfigChange}
          onConnect={onConnect}
          onDelete={deleteSelection}
        />
      ) : (
        <SettingsPanel settings={doc.settings} onChange={(settings) => edit((d) => updateSettings(d, settings), 'settings')} />
      )}
    </aside>
  );
}
