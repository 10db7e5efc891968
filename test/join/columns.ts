import { Kind, writeDescsAt, type ColumnDesc } from '../../bindings/column.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';

/** A JS value of a test column: number (I32/F64), bigint (I64/I128), string (UTF8/DICT), boolean, or null. */
export type Val = number | bigint | string | boolean | null;

/** A test column: its kind and values. */
export interface TestColumn {
  readonly kind: Kind;
  readonly values: readonly Val[];
}

/**
 * Columns written into long-lived blocks of a WASM instance for a test, freed together. Validity
 * bitmaps start at a non-zero bit offset so that kernels must honour validityOffset.
 */
export class TestBatch {
  private readonly blocks: [number, number][] = [];
  readonly columns: ColumnDesc[];

  constructor(private readonly w: WasmInstance, readonly numRows: number, cols: readonly TestColumn[]) {
    this.columns = cols.map((c) => this.write(c));
  }

  private alloc(bytes: number): number {
    const size = Math.max(1, bytes);
    const p = this.w.fn.mem_alloc!(size) >>> 0;
    this.blocks.push([p, size]);
    return p;
  }

  private write(c: TestColumn): ColumnDesc {
    const n = this.numRows;
    const vals = c.values;
    const hasNull = vals.some((v) => v === null);
    const voff = 5;
    let validity = 0;
    if (hasNull) {
      validity = this.alloc((n + voff + 7) >> 3);
      const u8 = this.w.views.u8;
      u8.fill(0xff, validity, validity + ((n + voff + 7) >> 3));
      vals.forEach((v, i) => { if (v === null) u8[validity + ((i + voff) >> 3)]! &= ~(1 << ((i + voff) & 7)); });
    }
    const base = { kind: c.kind, validity, validityOffset: hasNull ? voff : 0, length: n };
    switch (c.kind) {
      case Kind.BOOL: {
        const p = this.alloc(n);
        vals.forEach((v, i) => { this.w.views.u8[p + i] = v ? 1 : 0; });
        return { ...base, values: p, data: 0 };
      }
      case Kind.I32: {
        const p = this.alloc(n * 4);
        vals.forEach((v, i) => { this.w.views.i32[(p >> 2) + i] = v === null ? 12345 : Number(v); });
        return { ...base, values: p, data: 0 };
      }
      case Kind.F64: {
        const p = this.alloc(n * 8);
        vals.forEach((v, i) => { this.w.views.f64[(p >> 3) + i] = v === null ? 1.5 : Number(v); });
        return { ...base, values: p, data: 0 };
      }
      case Kind.I64: case Kind.I128: {
        const words = c.kind === Kind.I64 ? 1 : 2;
        const p = this.alloc(n * 8 * words);
        vals.forEach((v, i) => {
          const x = v === null ? 7n : BigInt(v as bigint);
          const i64 = this.w.views.i64;
          i64[(p >> 3) + i * words] = BigInt.asIntN(64, x);
          if (words === 2) i64[(p >> 3) + i * 2 + 1] = BigInt.asIntN(64, x >> 64n);
        });
        return { ...base, values: p, data: 0 };
      }
      case Kind.UTF8: {
        const { offsets, data } = this.writeStrings(vals.map((v) => (v === null ? 'null?' : String(v))));
        return { ...base, values: offsets, data };
      }
      case Kind.DICT: {
        // A dictionary in reverse first-seen order, with an unused entry, so indices differ from any other column's.
        const dict = [...new Set(vals.filter((v) => v !== null).map(String))].reverse();
        dict.push('unused entry');
        const { offsets, data } = this.writeStrings(dict);
        const dictDesc = this.alloc(32);
        writeDescsAt(this.w, dictDesc, [{ kind: Kind.UTF8, validity: 0, validityOffset: 0, values: offsets, data, length: dict.length }]);
        const idx = this.alloc(n * 4);
        vals.forEach((v, i) => { this.w.views.i32[(idx >> 2) + i] = v === null ? 0 : dict.indexOf(String(v)); });
        return { ...base, values: idx, data: dictDesc };
      }
    }
  }

  private writeStrings(strs: readonly string[]): { offsets: number; data: number } {
    const enc = strs.map((s) => new TextEncoder().encode(s));
    const total = enc.reduce((a, b) => a + b.length, 0);
    const offsets = this.alloc((strs.length + 1) * 4);
    const data = this.alloc(total);
    let o = 0;
    enc.forEach((b, i) => {
      this.w.views.i32[(offsets >> 2) + i] = o;
      this.w.views.u8.set(b, data + o);
      o += b.length;
    });
    this.w.views.i32[(offsets >> 2) + strs.length] = o;
    return { offsets, data };
  }

  /** Writes i32 values into the arena (e.g. a selection vector); valid until the arena is reset. */
  static arenaI32(w: WasmInstance, values: readonly number[]): number {
    const p = w.fn.arena_alloc!(Math.max(1, values.length) * 4) >>> 0;
    w.views.i32.set(values, p >> 2);
    return p;
  }

  free(): void {
    for (const [p, s] of this.blocks) this.w.fn.mem_free!(p, s);
    this.blocks.length = 0;
  }
}

/** Reads `count` i32 values at `ptr`. */
export function readI32(w: WasmInstance, ptr: number, count: number): number[] {
  return Array.from(w.views.i32.subarray(ptr >> 2, (ptr >> 2) + count));
}

/** Deterministic PRNG (mulberry32) so failures reproduce. */
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
