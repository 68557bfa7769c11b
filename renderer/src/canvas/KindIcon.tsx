import type { CSSProperties } from 'react';
import type { NodeKind } from '../../../shared/journey/nodes.ts';

/** Line icons drawn as SVG paths, so they look the same whatever fonts the system has. */
const paths: Record<NodeKind, string> = {
  trigger: 'M13 2 4 14h7l-1 8 9-12h-7l1-8z',
  wait: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 4v5l3 2',
  'wait-for-event': 'M6 3h12M6 21h12M7 3c0 5 10 5 10 9s-10 4-10 9M17 3c0 5-10 5-10 9s10 4 10 9',
  condition: 'M12 3 21 12 12 21 3 12z',
  split: 'M12 21v-8M12 13 5 5M12 13l7-8M5 5v4M5 5h4M19 5v4M19 5h-4',
  'ab-split': 'M12 4v16M5 8h14M5 8l-3 6h6zM19 8l-3 6h6z',
  email: 'M3 6h18v12H3zM3 6l9 7 9-7',
  'update-contact': 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  goal: 'M12 3l2.6 5.6 6.1.7-4.5 4.2 1.2 6L12 16.6 6.6 19.5l1.2-6L3.3 9.3l6.1-.7z',
  exit: 'M10 4H5v16h5M15 8l4 4-4 4M19 12H9',
};

/** Each icon as an image URL, built once: a step's icon is then one element, not an SVG tree (500 steps, 1,000 fewer). */
const urls = Object.fromEntries(
  Object.entries(paths).map(([kind, d]) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="black" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="${d}"/></svg>`;
    return [kind, `url("data:image/svg+xml,${encodeURIComponent(svg)}")`];
  }),
) as Record<NodeKind, string>;

/**
 * The kind's icon in the current text colour, inside the element's box (`className` gives the box: its size,
 * tint and rounding). Painted by CSS (`.kind-icon::before` masks the text colour with the icon).
 */
export function KindIcon({ kind, className }: { kind: NodeKind; className: string }) {
  return <span className={`kind-icon ${className}`} style={{ '--icon': urls[kind] } as CSSProperties} aria-hidden="true" />;
}
