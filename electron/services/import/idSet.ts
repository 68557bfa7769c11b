/**
 * A set of row ids from 1 to `largest`, a bit each: a million contacts' ids take 125 KB, where a Set of numbers
 * took tens of MB. The bits are allocated at the first add (an import of new contacts never adds any). Ids
 * beyond what a bit array can sensibly hold (a store whose ids were set by hand, far apart) go in a Set.
 */
export class IdSet {
  private readonly largest: number;
  private bits: Uint8Array | undefined;
  private readonly sparse = new Set<number>();

  constructor(largest: number) {
    this.largest = largest;
  }

  has(id: number): boolean {
    if (id > MAX_BITS || id > this.largest || id < 0) return this.sparse.has(id);
    return this.bits !== undefined && (this.bits[id >>> 3] & (1 << (id & 7))) !== 0;
  }

  add(id: number): void {
    if (id > MAX_BITS || id > this.largest || id < 0) {
      this.sparse.add(id);
      return;
    }
    this.bits ??= new Uint8Array((Math.min(this.largest, MAX_BITS) >>> 3) + 1);
    this.bits[id >>> 3] |= 1 << (id & 7);
  }
}

/** 2^27 ids: 16 MB of bits at most. */
const MAX_BITS = 2 ** 27;
