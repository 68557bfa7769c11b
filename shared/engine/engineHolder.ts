import type { EngineHolder } from '../api/calls/engine.ts';

/** The process that holds a workspace's engine lease, as people know it: "journey-studio run (pid 1234 on host x)". */
export function engineHolderLabel(holder: Pick<EngineHolder, 'kind' | 'pid' | 'host'>): string {
  return `${holder.kind} (pid ${holder.pid} on ${holder.host})`;
}
