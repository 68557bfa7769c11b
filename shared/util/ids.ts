/** Short random ids for journeys, nodes and edges. Web Crypto exists in Node >= 19 and in every browser. */
export function newId(prefix: string): string {
  return `${prefix}_${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}
