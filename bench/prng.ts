/**
 * A small seeded pseudo-random number generator (mulberry32) shared by the benchmark data
 * generator and the test-data generator. Deterministic across runs and platforms: the same
 * seed always yields the same sequence, so checksums and test tables are reproducible.
 */
export class SeededRandom {
  private state: number;

  /** Starts the sequence for `seed` (any 32-bit integer). */
  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** The next uniformly distributed unsigned 32-bit integer. */
  nextU32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, n) for 0 < n ≤ 2^32 (multiply-shift, no modulo bias worth noting here). */
  nextInt(n: number): number {
    return Math.floor((this.nextU32() / 4294967296) * n);
  }

  /** A uniform integer in [lo, hi] inclusive; both ends must be safe integers. */
  nextRange(lo: number, hi: number): number {
    return lo + Math.floor(this.nextFloat() * (hi - lo + 1));
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    return (this.nextU32() * 2097152 + (this.nextU32() >>> 11)) / 9007199254740992;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.nextFloat() < p;
  }

  /** One element of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.nextInt(items.length)] as T;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
}
