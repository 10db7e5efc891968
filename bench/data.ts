/**
 * Deterministic benchmark data: one fact table `t` and one dimension table `d`, built once as
 * typed arrays and then loaded into every system before any timing starts.
 *
 * Every column is NOT NULL so that all systems run their fast paths and the comparison is fair.
 * `v` takes values k/2^20 (k < 2^20), so every sum over up to 2^33 rows is exact in float64 and
 * does not depend on the order of summation: checksums agree bit for bit across systems.
 */
import { SeededRandom } from './prng.js';

/** Number of distinct values of `t.k` (W2). */
export const SMALL_GROUPS = 1_000;
/** Number of distinct values of `t.g` when rows ≥ this number (W2b). */
export const LARGE_GROUPS = 1_000_000;
/** Rows of the dimension table `d` (W3). */
export const DIM_ROWS = 100_000;
/** Number of distinct strings of `t.s` (W6). */
export const STRING_KEYS = 10_000;
/** Values of `t.v` are multiples of 2^-V_BITS in [0, 1). */
export const V_BITS = 20;

/** The fact table `t` as columns. */
export interface FactColumns {
  readonly rows: number;
  /** INT in [0, 1000): the W2 group key. */
  readonly k: Int32Array;
  /** INT spread over the whole int32 range, min(rows, 1,000,000) distinct values: the W2b key. */
  readonly g: Int32Array;
  /** INT in [0, 100000): foreign key into `d.dk`, every row finds exactly one match. */
  readonly fk: Int32Array;
  /** DOUBLE in [0, 1), multiples of 2^-20. */
  readonly v: Float64Array;
  /** Dictionary code of `s` in [0, 10000). */
  readonly sCode: Int32Array;
  /** The 10,000 distinct strings `s` takes (1 to 23 ASCII characters, some above 12). */
  readonly sDictionary: readonly string[];
}

/** The dimension table `d` as columns. */
export interface DimColumns {
  readonly rows: number;
  /** INT, a permutation of 0..99,999 (unique key). */
  readonly dk: Int32Array;
  /** INT in [0, 1000): the attribute W3 sums. */
  readonly attr: Int32Array;
}

/** Both tables of one benchmark run. */
export interface BenchData {
  readonly t: FactColumns;
  readonly d: DimColumns;
}

/**
 * The W2b key for key index `i`: a bijection of the uint32 range (odd multiplier), so distinct
 * indices stay distinct while values scatter over all of int32 (no dense-range shortcut).
 */
export function scatterKey(i: number): number {
  return (Math.imul(i, 0x9e3779b1) + 0x7f4a7c15) | 0;
}

function makeDictionary(rnd: SeededRandom): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const out: string[] = [];
  for (let i = 0; i < STRING_KEYS; i++) {
    // "<base36 index>" then an optional "_<tail>": the '_' keeps the strings distinct.
    const tailLength = rnd.nextInt(20);
    let s = i.toString(36);
    if (tailLength > 0) {
      s += '_';
      for (let j = 0; j < tailLength; j++) s += letters[rnd.nextInt(letters.length)];
    }
    out.push(s);
  }
  return out;
}

/** Builds the benchmark tables for `rows` fact rows from `seed`. */
export function generateBenchData(rows: number, seed = 42): BenchData {
  const rnd = new SeededRandom(seed);
  const k = new Int32Array(rows);
  const g = new Int32Array(rows);
  const fk = new Int32Array(rows);
  const v = new Float64Array(rows);
  const sCode = new Int32Array(rows);
  const vScale = 1 / 2 ** V_BITS;
  for (let i = 0; i < rows; i++) {
    k[i] = rnd.nextU32() % SMALL_GROUPS;
    // The first LARGE_GROUPS rows take each key index once, the rest draw uniformly: exactly
    // min(rows, LARGE_GROUPS) distinct keys, in an order that is random after scattering.
    g[i] = scatterKey(i < LARGE_GROUPS ? i : rnd.nextU32() % LARGE_GROUPS);
    fk[i] = rnd.nextU32() % DIM_ROWS;
    v[i] = (rnd.nextU32() >>> (32 - V_BITS)) * vScale;
    sCode[i] = rnd.nextU32() % STRING_KEYS;
  }
  const sDictionary = makeDictionary(rnd);
  const dk = new Int32Array(DIM_ROWS);
  for (let i = 0; i < DIM_ROWS; i++) dk[i] = i;
  rnd.shuffle(dk);
  const attr = new Int32Array(DIM_ROWS);
  for (let i = 0; i < DIM_ROWS; i++) attr[i] = rnd.nextU32() % 1000;
  return { t: { rows, k, g, fk, v, sCode, sDictionary }, d: { rows: DIM_ROWS, dk, attr } };
}

/** The UTF-8 bytes and Arrow offsets of `t.s`, built once for the systems that load Arrow utf8. */
export function encodeStrings(t: FactColumns): { offsets: Int32Array; bytes: Uint8Array } {
  const encoder = new TextEncoder();
  const dict = t.sDictionary.map((s) => encoder.encode(s));
  const offsets = new Int32Array(t.rows + 1);
  let total = 0;
  for (let i = 0; i < t.rows; i++) {
    total += (dict[t.sCode[i]!] as Uint8Array).length;
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < t.rows; i++) bytes.set(dict[t.sCode[i]!] as Uint8Array, offsets[i]!);
  return { offsets, bytes };
}
