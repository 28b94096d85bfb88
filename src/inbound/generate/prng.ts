/**
 * Small deterministic random sources. Math.random is never used: the same seed must give
 * byte-identical files on every machine and Node version.
 */

/** mulberry32: 32-bit state, fast, good enough for test data (not for anything secret). */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max] inclusive. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Index into a list of size n, skewed towards the front so common names are common. */
  skewed(n: number): number {
    const r = this.next();
    return Math.floor(n * (this.next() < 0.5 ? r : r * r));
  }

  /** Index picked by cumulative weights (last entry must be the total). */
  weighted(cumulative: readonly number[]): number {
    const r = this.next() * cumulative[cumulative.length - 1];
    let i = 0;
    while (i < cumulative.length - 1 && r >= cumulative[i]) i++;
    return i;
  }
}

/**
 * Stateless integer hash of (seed, a, b, c) into [0, 1). Used where a decision must be
 * recomputable from a position alone (sibling links, username offsets) without storing it.
 */
export function hashUnit(seed: number, a: number, b = 0, c = 0): number {
  return mix(mix(mix(seed ^ 0x9e3779b9, a), b), c) / 4294967296;
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Running sums of weights, for Prng.weighted. */
export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
