// Test I/O of the hash aggregate: JS columns written into linear memory as batches (blocks the
// test frees), and emitted result chunks read back as JS rows.
import { Kind, type BatchDesc, type ColumnDesc } from '../../bindings/column.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';

/** A cell: BOOL boolean, I32/F64 number, I64/I128 bigint, UTF8/DICT string, NULL null. */
export type Cell = boolean | number | bigint | string | null;

/**
 * A JS column. DICT columns are encoded against `dictionary` (built from the values if absent);
 * with `codes`, the codes are taken as given (a code may point at a NULL dictionary entry).
 */
export interface JsColumn {
  kind: Kind;
  values: Cell[];
  dictionary?: (string | null)[];
  codes?: number[];
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Long-lived blocks of test batches, freed together. */
export class TestMemory {
  private blocks: [number, number][] = [];
  constructor(readonly w: WasmInstance) {}

  alloc(size: number): number {
    const s = Math.max(1, size);
    const p = this.w.fn.mem_alloc!(s) >>> 0;
    this.blocks.push([p, s]);
    return p;
  }

  freeAll(): void {
    for (const [p, s] of this.blocks) this.w.fn.mem_free!(p, s);
    this.blocks = [];
  }

  /** Writes a batch; `validityOffset` shifts every validity bitmap (exercises sliced columns). */
  batch(cols: readonly JsColumn[], validityOffset = 0): BatchDesc {
    const n = cols[0]?.values.length ?? 0;
    return { numRows: n, columns: cols.map((c) => this.column(c, validityOffset)) };
  }

  /** Writes i32 row indices; returns the pointer (0 for an empty list, which is never passed as a selection). */
  selection(rows: readonly number[]): number {
    const p = this.alloc(rows.length * 4);
    this.w.views.i32.set(rows, p >>> 2);
    return p;
  }

  private column(c: JsColumn, vOff: number): ColumnDesc {
    const n = c.values.length;
    const validity = this.validity(c.values, vOff);
    const base = { kind: c.kind, validity, validityOffset: validity ? vOff : 0, length: n };
    switch (c.kind) {
      case Kind.BOOL: {
        const p = this.alloc(n);
        c.values.forEach((v, i) => { this.w.views.u8[p + i] = v === true ? 1 : 0; });
        return { ...base, values: p, data: 0 };
      }
      case Kind.I32: {
        const p = this.alloc(n * 4);
        c.values.forEach((v, i) => { this.w.views.i32[(p >>> 2) + i] = v === null ? 0 : (v as number); });
        return { ...base, values: p, data: 0 };
      }
      case Kind.I64: {
        const p = this.alloc(n * 8);
        c.values.forEach((v, i) => { this.w.views.i64[(p >>> 3) + i] = v === null ? 0n : (v as bigint); });
        return { ...base, values: p, data: 0 };
      }
      case Kind.F64: {
        const p = this.alloc(n * 8);
        c.values.forEach((v, i) => { this.w.views.f64[(p >>> 3) + i] = v === null ? 0 : (v as number); });
        return { ...base, values: p, data: 0 };
      }
      case Kind.I128: {
        const p = this.alloc(n * 16);
        c.values.forEach((v, i) => {
          const x = v === null ? 0n : (v as bigint);
          this.w.views.i64[(p >>> 3) + 2 * i] = BigInt.asIntN(64, x);
          this.w.views.i64[(p >>> 3) + 2 * i + 1] = BigInt.asIntN(64, x >> 64n);
        });
        return { ...base, values: p, data: 0 };
      }
      case Kind.UTF8: {
        const { offsets, data } = this.strings(c.values.map((v) => (v === null ? '' : (v as string))));
        return { ...base, values: offsets, data };
      }
      case Kind.DICT: {
        const dict = c.dictionary ?? [...new Set(c.values.filter((v): v is string => v !== null))];
        const { offsets, data } = this.strings(dict.map((d) => d ?? ''));
        const dictValidity = this.validity(dict, 0);
        const descPtr = this.alloc(32);
        const u32 = this.w.views.u32;
        const o = descPtr >>> 2;
        u32[o] = Kind.UTF8; u32[o + 1] = dictValidity; u32[o + 2] = 0; u32[o + 3] = offsets; u32[o + 4] = data;
        u32[o + 5] = dict.length; u32[o + 6] = 0; u32[o + 7] = 0;
        const idx = this.alloc(n * 4);
        c.values.forEach((v, i) => {
          this.w.views.i32[(idx >>> 2) + i] = c.codes ? c.codes[i]! : v === null ? 0 : dict.indexOf(v as string);
        });
        const withCodes = c.codes ? { ...base, validity: 0, validityOffset: 0 } : base;
        return { ...withCodes, values: idx, data: descPtr };
      }
    }
    throw new Error(`kind ${c.kind}`);
  }

  private strings(values: readonly string[]): { offsets: number; data: number } {
    const bytes = values.map((s) => enc.encode(s));
    const total = bytes.reduce((a, b) => a + b.length, 0);
    const offsets = this.alloc((values.length + 1) * 4);
    const data = this.alloc(total);
    let pos = 0;
    bytes.forEach((b, i) => {
      this.w.views.i32[(offsets >>> 2) + i] = pos;
      this.w.views.u8.set(b, data + pos);
      pos += b.length;
    });
    this.w.views.i32[(offsets >>> 2) + values.length] = pos;
    return { offsets, data };
  }

  private validity(values: readonly Cell[], vOff: number): number {
    if (!values.some((v) => v === null)) return 0;
    const bytes = Math.ceil((values.length + vOff) / 8) + 1;
    const p = this.alloc(bytes);
    const u8 = this.w.views.u8;
    u8.fill(0xff, p, p + bytes);
    values.forEach((v, i) => {
      if (v === null) u8[p + ((i + vOff) >> 3)]! &= ~(1 << ((i + vOff) & 7));
    });
    return p;
  }
}

function isValid(w: WasmInstance, c: ColumnDesc, i: number): boolean {
  if (c.validity === 0) return true;
  const bit = c.validityOffset + i;
  return ((w.views.u8[c.validity + (bit >> 3)]! >> (bit & 7)) & 1) === 1;
}

/** Reads row i of an emitted column as a JS cell. */
export function readCell(w: WasmInstance, c: ColumnDesc, i: number): Cell {
  if (!isValid(w, c, i)) return null;
  switch (c.kind) {
    case Kind.BOOL: return w.views.u8[c.values + i] !== 0;
    case Kind.I32: return w.views.i32[(c.values >>> 2) + i]!;
    case Kind.I64: return w.views.i64[(c.values >>> 3) + i]!;
    case Kind.F64: return w.views.f64[(c.values >>> 3) + i]!;
    case Kind.I128: {
      const lo = BigInt.asUintN(64, w.views.i64[(c.values >>> 3) + 2 * i]!);
      const hi = w.views.i64[(c.values >>> 3) + 2 * i + 1]!;
      return (hi << 64n) | lo;
    }
    case Kind.UTF8: {
      const start = w.views.i32[(c.values >>> 2) + i]!;
      const end = w.views.i32[(c.values >>> 2) + i + 1]!;
      return dec.decode(w.views.u8.subarray(c.data + start, c.data + end));
    }
  }
  throw new Error(`unexpected output kind ${c.kind}`);
}

/** Reads every row of an emitted chunk. */
export function readRows(w: WasmInstance, b: BatchDesc): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < b.numRows; i++) rows.push(b.columns.map((c) => readCell(w, c, i)));
  return rows;
}

