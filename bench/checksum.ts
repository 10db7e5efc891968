/**
 * Checksums that identify a workload's answer independently of the system that computed it.
 *
 * Each system reduces its native result (outside the timed region) to one of three canonical
 * shapes, and the checksum is computed on that shape:
 * - a scalar (W1, W3): the exact value;
 * - a set of groups (W2, W2b, W6): the group count, the total of the first value column and an
 *   order-independent hash (sum of per-row hashes mod 2^32), since systems emit groups in any order;
 * - a sequence (W4a, W4b): length, the sums of the first and last 10 values and an
 *   order-dependent hash of every value in order.
 * Numbers are hashed by their float64 bits (integers, counts and bigints via their Number value,
 * exact below 2^53; -0 as 0); strings by FNV-1a over UTF-16 code units.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit hash of a number's float64 bits (-0 hashed as 0). */
export function hashNumber(x: number, seed = 0): number {
  f64[0] = x === 0 ? 0 : x;
  return fmix32(Math.imul((u32[0]! ^ seed) >>> 0, 0x9e3779b1) ^ fmix32(u32[1]! + seed));
}

/** A 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** A value as it appears in a canonical result. */
export type CanonicalValue = number | bigint | string;

function toNumber(x: number | bigint): number {
  return typeof x === 'bigint' ? Number(x) : x;
}

function hashValue(x: CanonicalValue, seed: number): number {
  return typeof x === 'string' ? hashString(x, seed) : hashNumber(toNumber(x), seed);
}

/** Checksum of a single value (W1, W3). */
export function scalarChecksum(x: number | bigint | null): string {
  return x === null ? 'null' : String(toNumber(x));
}

/**
 * Checksum of a set of groups given as columns (keys first). `columns[c][r]` is row r's value
 * in column c; all columns have the same length. Order of rows does not matter.
 */
export function groupChecksum(columns: readonly ArrayLike<CanonicalValue>[]): string {
  const n = columns[0]?.length ?? 0;
  let sumHash = 0;
  let total = 0;
  for (let r = 0; r < n; r++) {
    let h = 0x2545f491;
    for (let c = 0; c < columns.length; c++) {
      h = fmix32(h ^ hashValue((columns[c] as ArrayLike<CanonicalValue>)[r] as CanonicalValue, c + 1));
    }
    sumHash = (sumHash + h) >>> 0;
    const first = columns[1]?.[r];
    if (first !== undefined && typeof first !== 'string') total += toNumber(first);
  }
  return `groups=${n} total=${total} h=${sumHash.toString(16).padStart(8, '0')}`;
}

/** Checksum of an ordered sequence of numbers (W4a, W4b). */
export function sequenceChecksum(values: ArrayLike<number>): string {
  const n = values.length;
  let first = 0;
  let last = 0;
  let h = 0x9747b28c;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (i < 10) first += x;
    if (i >= n - 10) last += x;
    h = fmix32(Math.imul(h, 31) ^ hashNumber(x));
  }
  return `n=${n} first10=${first} last10=${last} h=${h.toString(16).padStart(8, '0')}`;
}
