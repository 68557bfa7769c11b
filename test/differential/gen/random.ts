import { seededRandom, type Random } from '../../../shared/util/random.ts';

/**
 * The repo's seeded random (mulberry32) with the few choices a case generator keeps making. Everything a case
 * holds comes from one of these, made from the case's seed: the same seed gives the same case on every machine.
 */
export class Dice {
  private readonly random: Random;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  next(): number {
    return this.random.next();
  }

  int(min: number, max: number): number {
    return this.random.int(min, max);
  }

  chance(probability: number): boolean {
    return this.random.chance(probability);
  }

  pick<T>(items: readonly T[]): T {
    return this.random.pick(items);
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    let roll = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** Between min and max of the items, in their order. */
  some<T>(items: readonly T[], min = 0, max = items.length): T[] {
    const wanted = this.int(min, Math.min(max, items.length));
    const copy = [...items];
    for (let i = 0; i < wanted; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    const chosen = new Set(copy.slice(0, wanted));
    return items.filter((item) => chosen.has(item));
  }

  /** The value `make` makes, with this probability; else null. */
  maybe<T>(probability: number, make: () => T): T | null {
    return this.chance(probability) ? make() : null;
  }
}
