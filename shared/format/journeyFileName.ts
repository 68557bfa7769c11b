// Apart from canonical.ts, which needs the journey file's schema: the renderer names a file without building it.
/** A file name from the journey's name: 'Cart abandonment' → 'cart-abandonment.journey.json'. */
export function journeyFileName(name: string): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  return `${slug || 'journey'}.journey.json`;
}
