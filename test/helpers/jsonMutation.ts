/** Paths into a JSON value and edits at a path, for tests that break valid files at random. */
export type Path = Array<string | number>;

export function pathsOf(value: unknown, at: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...entries.flatMap(([k, v]) => pathsOf(v, [...at, k]))].filter((p) => p.length > 0);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks arbitrary JSON
export function mutate(root: any, path: Path, set: { value: unknown } | null) {
  let parent = root;
  for (const key of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return;
    parent = parent[key];
  }
  if (parent === null || typeof parent !== 'object') return;
  const last = path[path.length - 1];
  if (set) parent[last] = set.value;
  else if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
}
