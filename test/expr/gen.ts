/** Random test data with the edge values SQL engines get wrong: NULL, NaN, -0, extremes, '' and non-ASCII. */
import type { DataType } from '../../engine/types/data-type.js';
import { INT_RANGES, type SqlValue } from '../reference/scalar-eval-values.js';

/** A small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LENGTHS = [0, 1, 63, 64, 65, 1000, 2100];

/** Magnitude of generated numbers: small ones rarely overflow, extreme ones include the type's limits. */
export type Spread = 'small' | 'extreme';

export const STRING_POOL = ['', 'a', 'b', 'ab', 'abc', 'Abc', 'ABC', 'hello world', ' pad ', '  ', 'x%y', 'a_b', 'é', 'Été',
  'straße', '日本語', 'naïve café', '😀', 'a😀b', 'Ωmega', 'Привет', 'z', 'zz', 'aa', 'ba'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function randomBigInt(r: () => number, lo: bigint, hi: bigint): bigint {
  const span = hi - lo + 1n;
  let v = 0n;
  for (let i = 0; i < 4; i++) v = (v << 32n) | BigInt(Math.floor(r() * 4294967296));
  return lo + (v % span);
}

/** One random non-NULL value of `type`. */
export function randomValue(type: DataType, r: () => number, spread: Spread = 'small'): SqlValue {
  const extreme = spread === 'extreme' && r() < 0.15;
  switch (type.name) {
    case 'BOOLEAN': return r() < 0.5;
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': {
      const [lo, hi] = INT_RANGES[type.name]!;
      let v: bigint;
      if (extreme) v = pick(r, [lo, hi, lo + 1n, hi - 1n, -1n, 0n]);
      else if (spread === 'extreme') v = randomBigInt(r, lo, hi);
      else v = BigInt(type.name === 'TINYINT' ? Math.floor(r() * 22) - 11 : Math.floor(r() * 200) - 100);
      return type.name === 'BIGINT' ? v : Number(v);
    }
    case 'DECIMAL': {
      const p = type.precision ?? 10;
      const lim = 10n ** BigInt(p) - 1n;
      if (extreme) return pick(r, [lim, -lim, 0n, 1n, -1n]);
      const small = 10n ** BigInt(Math.min(p, (type.scale ?? 0) + 3)) - 1n;
      return randomBigInt(r, -(spread === 'small' ? small : lim), spread === 'small' ? small : lim);
    }
    case 'FLOAT': case 'DOUBLE': {
      let d: number;
      if (r() < 0.12) d = pick(r, [NaN, -0, 0, Infinity, -Infinity, 1e308, -1e308, 5e-324, 0.5, 0.1, 2.5, -2.5]);
      else if (spread === 'small') d = Math.round((r() * 200 - 100) * 1000) / 1000;
      else d = (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20);
      return type.name === 'FLOAT' ? Math.fround(d) : d;
    }
    case 'STRING': return pick(r, STRING_POOL);
    case 'DATE': return extreme ? pick(r, [-719528, 2932896, 0, -1]) : Math.floor(r() * 40000) - 10000;
    case 'TIMESTAMP': {
      const unit = type.precision === 6 ? 1000n : 1n;
      return randomBigInt(r, -2208988800000n, 4102444800000n) * unit + (unit > 1n ? BigInt(Math.floor(r() * 1000)) : 0n);
    }
    case 'NULL': return null;
  }
}

/** `n` random values of `type`, a share `nullRate` of them NULL. */
export function randomValues(type: DataType, n: number, r: () => number, nullRate = 0, spread: Spread = 'small'): SqlValue[] {
  return Array.from({ length: n }, () => (r() < nullRate ? null : randomValue(type, r, spread)));
}
