import { create } from 'zustand';

/**
 * The path a simulated contact took, shown on the canvas while the simulator shows its result: the steps and
 * edges on it are highlighted and the rest dimmed. null: nothing to show (no result, or the panel is closed).
 */
export const useSimulatedPath = create<{ path: readonly string[] | null }>(() => ({ path: null }));

export const showSimulatedPath = (path: readonly string[] | null) => useSimulatedPath.setState({ path });

export interface PathMarks {
  nodes: ReadonlySet<string>;
  /** `source>target` for each step the contact went to next. */
  moves: ReadonlySet<string>;
}

/** Which steps and moves a path covers; a step visited twice (re-entry, loops) counts once. */
export function pathMarks(path: readonly string[] | null): PathMarks | null {
  if (!path) return null;
  const moves = new Set<string>();
  for (let i = 1; i < path.length; i++) moves.add(`${path[i - 1]}>${path[i]}`);
  return { nodes: new Set(path), moves };
}
