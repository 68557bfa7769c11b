import type { ReactNode } from 'react';

interface ColumnHeadsProps {
  names: readonly ReactNode[];
  /** A last column of row buttons, named "Actions" for screen readers only; `className` e.g. keeps it off print. */
  actions?: true | { className: string };
}

/** A table's header row, each name announced as its column's header. */
export function ColumnHeads({ names, actions }: ColumnHeadsProps) {
  return (
    <thead>
      <tr>
        {names.map((name, i) => (
          <th key={i} scope="col">
            {name}
          </th>
        ))}
        {actions && (
          <th scope="col" className={actions === true ? undefined : actions.className}>
            <span className="visually-hidden">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
