/**
 * Older journey files, brought up to the current version one step at a time. Each step takes the raw JSON
 * of version n (already known to be an object) and returns version n + 1; the result is then checked
 * against the current schema like any other file, so a step need not validate.
 *
 * Version 1 was the first shape of an export: the journey wrapped as { journey: { id, name, document } },
 * the layout inside the document and no templates, snippets or segments.
 */
type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

export const journeyFileMigrations: Record<number, (file: Raw) => Raw> = {
  1: (file) => {
    const journey = isObject(file.journey) ? file.journey : {};
    const document = isObject(journey.document) ? journey.document : {};
    return {
      format: file.format,
      version: 2,
      id: journey.id,
      name: journey.name,
      nodes: document.nodes,
      edges: document.edges,
      settings: document.settings ?? {},
      layout: document.layout ?? { positions: {}, notes: [] },
      templates: [],
      snippets: [],
      segments: [],
    };
  },
};

/** Runs every step from `version` to `target`. */
export function migrateJourneyFile(file: Raw, version: number, target: number): Raw {
  let current = file;
  for (let v = version; v < target; v++) {
    const step = journeyFileMigrations[v];
    if (!step) throw new Error(`no migration from journey format version ${v}`);
    current = step(current);
  }
  return current;
}
