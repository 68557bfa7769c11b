import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { DraftNode } from '../../../shared/journey/journey.ts';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import type { Outcome } from '../../../shared/journey/outcomes.ts';
import { KindIcon } from './KindIcon.tsx';
import { useStepNumbersLine, useBranchCount } from './liveCounts.ts';

export interface StepData extends Record<string, unknown> {
  node: DraftNode;
  outcomes: Outcome[];
  summary: string;
  problems: number;
}
export type StepFlowNode = Node<StepData, 'step'>;

/** A step on the canvas: its kind, name and setting, a problem badge, and one labelled handle per outcome. */
export const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const { node, outcomes, summary, problems } = data;
  const info = nodeKindInfo[node.kind];
  const live = useStepNumbersLine(node.id, node.kind);
  return (
    <div className={`step step-${node.kind}${selected ? ' is-selected' : ''}${problems ? ' has-problems' : ''}`}>
      {node.kind !== 'trigger' && <Handle type="target" position={Position.Top} className="step-in" aria-label={`Into ${node.name || info.label}`} />}
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
      {outcomes.map((outcome, i) => (
        <Handle
          key={outcome.id}
          id={outcome.id}
          type="source"
          position={Position.Bottom}
          className="step-out"
          style={{ left: `${((i + 1) / (outcomes.length + 1)) * 100}%` }}
          aria-label={outcome.label ? `${outcome.label} outcome of ${node.name || info.label}` : `Next from ${node.name || info.label}`}
          title={outcome.label || 'Next'}
        >
          {outcome.label && <OutcomeLabel nodeId={node.id} outcomeId={outcome.id} label={outcome.label} />}
        </Handle>
      ))}
    </div>
  );
});

function OutcomeLabel({ nodeId, outcomeId, label }: { nodeId: string; outcomeId: string; label: string }) {
  const count = useBranchCount(nodeId, outcomeId);
  return <span className="step-out-label">{count === undefined ? label : `${label} · ${count.toLocaleString()}`}</span>;
}
