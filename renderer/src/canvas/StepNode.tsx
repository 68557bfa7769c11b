import { memo, useContext } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { DraftNode } from '../../../shared/journey/journey.ts';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import type { Outcome } from '../../../shared/journey/outcomes.ts';
import { KindIcon } from './KindIcon.tsx';
import { useStepNumbersLine, useBranchCount } from './liveCounts.ts';
import { OverviewContext } from './overview.ts';
import { summarize } from './nodeSummary.ts';
import { useTemplates } from '../editor/templatesStore.ts';
import { outcomeHandleAt } from './stepGeometry.ts';

export interface StepData extends Record<string, unknown> {
  node: DraftNode;
  outcomes: Outcome[];
  problems: number;
}
export type StepFlowNode = Node<StepData, 'step'>;

/**
 * A step on the canvas: its card (kind, name, setting, problem badge, labelled outcomes), or, zoomed out past
 * reading, a plain box of the same size tinted with its kind. The box keeps the handles, so the arrows stay put
 * (React Flow reads a step's handles from the page whenever its ResizeObserver reports, even when given them),
 * and React Flow's node element keeps the step's accessible name, so it is selected and moved as before.
 */
export const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const overview = useContext(OverviewContext);
  const { node, problems } = data;
  const className = `step step-${node.kind}${selected ? ' is-selected' : ''}${problems ? ' has-problems' : ''}`;
  if (overview) {
    return (
      <div className={`${className} step-box`}>
        <StepHandles data={data} labelled={false} />
      </div>
    );
  }
  return (
    <div className={className}>
      <StepCard data={data} />
      <StepHandles data={data} labelled />
    </div>
  );
});

function StepCard({ data }: { data: StepData }) {
  const { node, problems } = data;
  const info = nodeKindInfo[node.kind];
  const live = useStepNumbersLine(node.id, node.kind);
  // Derived here rather than kept in the step's data: the templates' names arrive after a journey opens, and only the
  // cards on show (none in the overview) need to say them.
  const summary = useTemplates((s) => summarize(node, (id) => s.names.get(id)));
  return (
    <>
      <div className="step-head">
        <KindIcon kind={node.kind} className="step-icon" />
        <span className="step-kind">{info.label}</span>
        {problems > 0 && (
          <span className="step-badge" title={`${problems} problem${problems === 1 ? '' : 's'}`} aria-label={`${problems} problem${problems === 1 ? '' : 's'}`}>
            {problems}
          </span>
        )}
      </div>
      <div className="step-name">{node.name || info.label}</div>
      <div className="step-summary">{summary}</div>
      {live && (
        <div className="step-live" aria-label={`Numbers: ${live}`}>
          {live}
        </div>
      )}
    </>
  );
}

/** The step's way in (every kind but the trigger) and one handle per outcome, labelled on the card (stepGeometry.ts says where). */
function StepHandles({ data, labelled }: { data: StepData; labelled: boolean }) {
  const { node, outcomes } = data;
  const name = node.name || nodeKindInfo[node.kind].label;
  return (
    <>
      {node.kind !== 'trigger' && <Handle type="target" position={Position.Top} className="step-in" aria-label={`Into ${name}`} />}
      {outcomes.map((outcome, i) => (
        <Handle
          key={outcome.id}
          id={outcome.id}
          type="source"
          position={Position.Bottom}
          className="step-out"
          style={{ left: `${outcomeHandleAt(i, outcomes.length) * 100}%` }}
          aria-label={outcome.label ? `${outcome.label} outcome of ${name}` : `Next from ${name}`}
          title={outcome.label || 'Next'}
        >
          {labelled && outcome.label && <OutcomeLabel nodeId={node.id} outcomeId={outcome.id} label={outcome.label} />}
        </Handle>
      ))}
    </>
  );
}

function OutcomeLabel({ nodeId, outcomeId, label }: { nodeId: string; outcomeId: string; label: string }) {
  const count = useBranchCount(nodeId, outcomeId);
  return <span className="step-out-label">{count === undefined ? label : `${label} · ${count.toLocaleString()}`}</span>;
}
