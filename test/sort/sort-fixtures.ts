// Test fixtures of the sort kernel: columns written into linear memory from JS values, random
// data with ties, nulls and extremes, and a plain TypeScript reference order.
import { COL_SIZE, Kind, writeDescsAt, type ColumnDesc } from '../../bindings/column.js';
import type { SortKey } from '../../bindings/sort-kernel.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';

/** A JS-side column: one value per row, null for NULL. DICT rows hold dictionary codes. */
export interface TestColumn {
  kind: Kind;
  values: (number | bigint | boolean | string | null)[];
  /** DICT only: the dictionary strings (null entries allowed). */
  dictionary?: (string | null)[];
}

const enc = new TextEncoder();

/** Allocates long-lived blocks and remembers them so a test can free them all. */
export class Blocks {
  private list: [number, number][] = [];
  constructor(readonly w: WasmInstance) {}
  alloc(size: number): number {
    const s = Math.max(size, 1);
    const p = this.w.fn.mem_alloc!(s) >>> 0;
    this.list.push([p, s]);
    return p;
  }
  freeAll(): void {
    for (const [p, s] of this.list) this.w.fn.mem_free!(p, s);
    this.list = [];
  }
}

function writeValidity(b: Blocks, isNull: boolean[], bitOffset: number): number {
  if (!isNull.some((x) => x)) return 0;
  const bytes = Math.ceil((isNull.length + bitOffset) / 8) + 1;
  const p = b.alloc(bytes);
  const u8 = b.w.views.u8;
  u8.fill(0xff, p, p + bytes);
  isNull.forEach((n, i) => {
    if (n) u8[p + ((i + bitOffset) >> 3)]! &= ~(1 << ((i + bitOffset) & 7));
  });
  return p;
}

function writeUtf8(b: Blocks, strings: (string | null)[], bitOffset: number): ColumnDesc {
  const encoded = strings.map((s) => enc.encode(s ?? ''));
  const total = encoded.reduce((a, e) => a + e.length, 0);
  const offsets = b.alloc((strings.length + 1) * 4);
  const data = b.alloc(total);
  let o = 0;
  encoded.forEach((e, i) => {
    b.w.views.i32[(offsets >> 2) + i] = o;
    b.w.views.u8.set(e, data + o);
    o += e.length;
  });
  b.w.views.i32[(offsets >> 2) + strings.length] = o;
  const validity = writeValidity(b, strings.map((s) => s === null), bitOffset);
  return { kind: Kind.UTF8, validity, validityOffset: validity ? bitOffset : 0, values: offsets, data, length: strings.length };
}

/** Writes a column into blocks; `bitOffset` shifts the validity bitmap (as a sliced Arrow column). */
export function writeColumn(b: Blocks, col: TestColumn, bitOffset = 0): ColumnDesc {
  const n = col.values.length;
  const isNull = col.values.map((v) => v === null);
  switch (col.kind) {
    case Kind.UTF8:
      return writeUtf8(b, col.values as (string | null)[], bitOffset);
    case Kind.DICT: {
      const dict = writeUtf8(b, col.dictionary!, 0);
      const dictDesc = b.alloc(COL_SIZE);
      writeDescsAt(b.w, dictDesc, [dict]);
      const codes = b.alloc(n * 4);
      col.values.forEach((v, i) => { b.w.views.i32[(codes >> 2) + i] = v === null ? 0 : (v as number); });
      const validity = writeValidity(b, isNull, bitOffset);
      return { kind: Kind.DICT, validity, validityOffset: validity ? bitOffset : 0, values: codes, data: dictDesc, length: n };
    }
    default: {
      const width = col.kind === Kind.BOOL ? 1 : col.kind === Kind.I32 ? 4 : col.kind === Kind.I128 ? 16 : 8;
      const p = b.alloc(n * width);
      const dv = b.w.views.dataView;
      col.values.forEach((v, i) => {
        const at = p + i * width;
        if (col.kind === Kind.BOOL) dv.setUint8(at, v === null ? 0 : v ? 1 : 0);
        else if (col.kind === Kind.I32) dv.setInt32(at, v === null ? 0 : (v as number), true);
        else if (col.kind === Kind.I64) dv.setBigInt64(at, v === null ? 0n : (v as bigint), true);
        else if (col.kind === Kind.F64) dv.setFloat64(at, v === null ? 0 : (v as number), true);
        else {
          const x = v === null ? 0n : BigInt.asUintN(128, v as bigint);
          dv.setBigUint64(at, x & 0xffffffffffffffffn, true);
          dv.setBigUint64(at + 8, x >> 64n, true);
        }
      });
      const validity = writeValidity(b, isNull, bitOffset);
      return { kind: col.kind, validity, validityOffset: validity ? bitOffset : 0, values: p, data: 0, length: n };
    }
  }
}

function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function cmpNumber(a: number, b: number): number {
  const an = Number.isNaN(a), bn = Number.isNaN(b);
  if (an || bn) return an && bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0; // -0 == 0
}

function cmpValue(col: TestColumn, a: unknown, b: unknown): number {
  switch (col.kind) {
    case Kind.BOOL: return Number(a) - Number(b);
    case Kind.I32: case Kind.F64: return cmpNumber(a as number, b as number);
    case Kind.I64: case Kind.I128: return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
    case Kind.UTF8: return cmpBytes(enc.encode(a as string), enc.encode(b as string));
    case Kind.DICT: return cmpBytes(enc.encode(col.dictionary![a as number]!), enc.encode(col.dictionary![b as number]!));
  }
  return 0;
}

function isNullAt(col: TestColumn, row: number): boolean {
  const v = col.values[row];
  return v === null || (col.kind === Kind.DICT && col.dictionary![v as number] === null);
}

/** The reference order: Array.prototype.sort (stable) of the rows with a per-key comparator. */
export function referenceOrder(cols: TestColumn[], keys: readonly SortKey[], rows: number[], limit = Infinity): number[] {
  const sorted = [...rows].sort((ra, rb) => {
    for (const key of keys) {
      const col = cols[key.col]!;
      const na = isNullAt(col, ra), nb = isNullAt(col, rb);
      let c: number;
      if (na || nb) {
        if (na && nb) continue;
        c = na === key.nullsFirst ? -1 : 1;
      } else {
        c = cmpValue(col, col.values[ra], col.values[rb]);
        if (!key.ascending) c = -c;
      }
      if (c !== 0) return c;
    }
    return 0;
  });
  return sorted.slice(0, Math.min(limit, sorted.length));
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const F64_SPECIAL = [0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 1, -1, 0.5];
const I32_SPECIAL = [0, 1, -1, 2147483647, -2147483648];
const I64_SPECIAL = [0n, 1n, -1n, 9223372036854775807n, -9223372036854775808n, 4294967296n, -4294967296n];
const I128_SPECIAL = [0n, 1n, -1n, (1n << 127n) - 1n, -(1n << 127n), 1n << 64n, -(1n << 64n), (1n << 64n) - 1n];
const STR_SPECIAL = ['', 'a', 'a\u0000', 'ab', 'abcdefgh', 'abcdefghi', 'abcdefgh\u0000', 'é', 'z', '\u{1F600}', '\uFFFF', 'ÿ', 'customer#0001', 'customer#0002'];

/**
 * A random column of `n` rows. `distinct` bounds the number of distinct values (ties);
 * `nullRate` is the share of NULLs. Special values (NaN, -0, extremes, empty strings, unicode)
 * are mixed in.
 */
export function randomColumn(kind: Kind, n: number, r: () => number, distinct: number, nullRate: number): TestColumn {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const pool: unknown[] = [];
  for (let i = 0; i < distinct; i++) {
    const special = r() < 0.3;
    switch (kind) {
      case Kind.BOOL: pool.push(r() < 0.5); break;
      case Kind.I32: pool.push(special ? pick(I32_SPECIAL) : Math.floor(r() * 2000) - 1000); break;
      case Kind.I64: pool.push(special ? pick(I64_SPECIAL) : BigInt(Math.floor(r() * 2e6) - 1e6) * 1234567n); break;
      case Kind.I128: pool.push(special ? pick(I128_SPECIAL) : BigInt(Math.floor(r() * 2e6) - 1e6) * 12345678901234567n); break;
      case Kind.F64: pool.push(special ? pick(F64_SPECIAL) : (r() - 0.5) * 1000); break;
      case Kind.UTF8: case Kind.DICT: {
        if (special) { pool.push(pick(STR_SPECIAL)); break; }
        const len = Math.floor(r() * 12);
        let s = '';
        for (let j = 0; j < len; j++) s += String.fromCharCode(97 + Math.floor(r() * 3));
        pool.push(s);
        break;
      }
    }
  }
  if (kind === Kind.DICT) {
    const dictionary: (string | null)[] = [...(pool as string[])];
    if (r() < 0.3) dictionary.push(null);
    if (r() < 0.3 && dictionary.length > 0) dictionary.push(dictionary[0]!); // a duplicate entry
    const values = Array.from({ length: n }, () => (r() < nullRate ? null : Math.floor(r() * dictionary.length)));
    return { kind, values, dictionary };
  }
  const values = Array.from({ length: n }, () => (r() < nullRate ? null : (pool[Math.floor(r() * pool.length)] as TestColumn['values'][number])));
  return { kind, values };
}

/**
 * A UTF8 column whose strings share long prefixes (as "customer#000…" keys or URLs do): one of a
 * few prefixes of 0 to 20 bytes, then a short suffix that may hold NUL, multi-byte characters or
 * nothing; `distinct` strings in all, so many duplicates.
 */
export function prefixedStrings(n: number, r: () => number, distinct: number, nullRate: number): TestColumn {
  const prefixes = ['', 'customer#0000', 'https://example.org/a/b/', 'aaaaaaaaaaaaaaaaaaaa'];
  const alphabet = ['a', 'b', '\u0000', 'é', '\u{1F600}', 'z'];
  const pool = Array.from({ length: distinct }, () => {
    let s = prefixes[Math.floor(r() * prefixes.length)]!;
    const len = Math.floor(r() * 12);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(r() * alphabet.length)]!;
    return s;
  });
  return { kind: Kind.UTF8, values: Array.from({ length: n }, () => (r() < nullRate ? null : pool[Math.floor(r() * pool.length)]!)) };
}
