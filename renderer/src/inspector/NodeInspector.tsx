import { useId, useMemo } from 'react';
import type { DraftNode, JourneyDocument } from '../../../shared/journey/journey.ts';
import { configSchemas } from '../../../shared/journey/nodes.ts';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import { outcomesOf } from '../../../shared/journey/outcomes.ts';
import type { Problem } from '../../../shared/journey/problems.ts';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { fieldErrors } from './fieldErrors.ts';
import type { FormContext } from './formProps.ts';
import { nodeForms } from './forms/index.ts';
import { TextField } from './fields.tsx';

export interface NodeInspectorProps {
  node: DraftNode;
  doc: JourneyDocument;
  problems: readonly Problem[];
  context: FormContext;
  onRename(name: string): void;
  onConfigChange(config: Record<string, unknown>): void;
  onConnect(outcome: string, target: string | null): void;
  onDelete(): void;
}

/** The selected step: its name, its kind's form (checked live against the shared schema) and where each outcome leads. */
export function NodeInspector({ node, doc, problems, context, onRename, onConfigChange, onConnect, onDelete }: NodeInspectorProps) {
  const info = nodeKindInfo[node.kind];
  const Form = nodeForms[node.kind];
  const errors = useMemo(() => fieldErrors(configSchemas[node.kind], node.config), [node.kind, node.config]);
  const otherProblems = problems.filter((p) => p.code !== 'invalid-config');
  return (
    <section className="inspector" aria-label={`${info.label} settings`}>
      <header className="inspector-head">
        <KindIcon kind={node.kind} className={`inspector-icon kind-${node.kind}`} />
        <div>
          <h2 className="panel-title">{info.label}</h2>
          <p className="muted">{info.description}</p>
        </div>
      </header>
      <TextField label="Step name" value={node.name} placeholder={info.label} onChange={onRename} />
      <Form config={node.config} onChange={onConfigChange} errors={errors} context={context} />
      <Connections node={node} doc={doc} onConnect={onConnect} />
      {otherProblems.length > 0 && (
        <ul className="inspector-problems" aria-label="Problems with this step">
          {otherProblems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      <button type="button" className="danger" onClick={onDelete}>
        Delete step
      </button>
    </section>
  );
}

/** Where each outcome leads, as a list of selects: the keyboard way to connect steps. */
function Connections({ node, doc, onConnect }: { node: DraftNode; doc: JourneyDocument; onConnect(outcome: string, target: string | null): void }) {
  const outcomes = outcomesOf(node);
  const id = useId();
  if (outcomes.length === 0) return null;
  const targets = doc.nodes.filter((n) => n.id !== node.id && n.kind !== 'trigger');
  return (
    <fieldset className="group">
      <legend>Leads to</legend>
      {outcomes.map((outcome) => {
        const current = doc.edges.find((e) => e.source === node.id && e.sourceHandle === outcome.id)?.target ?? '';
        const label = outcome.label ? `${outcome.label} leads to` : 'Next step';
        return (
          <div className="field" key={outcome.id}>
            <label htmlFor={`${id}-${outcome.id}`}>{label}</label>
            <select id={`${id}-${outcome.id}`} value={current} onChange={(e) => onConnect(outcome.id, e.target.value || null)}>
              <option value="">{outcome.required ? 'Nothing yet' : 'Nothing (the journey ends)'}</option>
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name || nodeKindInfo[t.kind].label} ({nodeKindInfo[t.kind].label})
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
