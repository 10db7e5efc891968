// Fixtures of the hash-aggregate tests: seeded random columns with nulls and edge values, a
// runner that feeds a table in several batches with selections and reads every emitted chunk,
// and the leak checks every test applies.
import { expect } from 'vitest';
import { HashAggregateTable, type AggregateSpec, type HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TestMemory, readRows, type Cell, type JsColumn } from './batch-io.js';

/** mulberry32: small, seeded, good enough for test data. */
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

const STRINGS = ['', 'a', 'b', 'ab', 'abc', 'é', '日本', 'zzzzzzzzzz', 'abcdefgh', 'abcdefghi', 'abcdefgh\u0000', 'Z', '\u{1F600}', 'ﬀ'];
const I32_EDGE = [0, 1, -1, 2147483647, -2147483648];
const I64_EDGE = [0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n)];
const F64_EDGE = [0, -0, NaN, Infinity, -Infinity, 0.5, -1.25, 1e300, -1e-300];
const I128_EDGE = [0n, -1n, 1n << 100n, -(1n << 100n), (1n << 127n) - 1n, -(1n << 127n)];

/** Options of a random column. */
export interface GenOptions {
  /** Distinct values to draw from (besides edge values). */
  card: number;
  /** Probability of NULL. */
  nulls: number;
  /** Probability of an edge value (extremes, -0, NaN, empty string). */
  edges?: number;
  /** Integer magnitude for sums that must not overflow. */
  small?: boolean;
}

/** A random column of `n` cells. */
export function genColumn(kind: Kind, n: number, r: () => number, o: GenOptions): Cell[] {
  const out: Cell[] = [];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < n; i++) {
    if (r() < o.nulls) { out.push(null); continue; }
    const edge = !o.small && r() < (o.edges ?? 0.1);
    const j = Math.floor(r() * o.card);
    switch (kind) {
      case Kind.BOOL: out.push(r() < 0.5); break;
      case Kind.I32: out.push(edge ? pick(I32_EDGE) : j - Math.floor(o.card / 2)); break;
      case Kind.I64: out.push(edge ? pick(I64_EDGE) : BigInt(j - Math.floor(o.card / 2)) * (o.small ? 1n : 1000003n)); break;
      case Kind.F64: out.push(edge ? pick(F64_EDGE) : (j - Math.floor(o.card / 2)) / 4); break;
      case Kind.UTF8: case Kind.DICT: out.push(edge || j < STRINGS.length ? STRINGS[j % STRINGS.length]! : `s${j}-${'x'.repeat(j % 13)}`); break;
      case Kind.I128: out.push(edge ? pick(I128_EDGE) : BigInt(j) * (1n << 70n) - 5n); break;
    }
  }
  return out;
}

/** A random BOOL FILTER column (TRUE, FALSE or NULL). */
export function genFilter(n: number, r: () => number): Cell[] {
  return Array.from({ length: n }, () => (r() < 0.1 ? null : r() < 0.6));
}

/** The input of a kernel run: all columns, and the batches (row ranges plus a selection). */
export interface RunInput {
  columns: JsColumn[];
  keyCols: number[];
  argCols: (number | undefined)[];
  filterCols: (number | undefined)[];
  /**
   * Per batch: [start, end) rows of the columns and the selected rows inside it (undefined: all);
   * `columns`, when given, is how the batch encodes those rows (e.g. with a dictionary of its own).
   */
  batches: { start: number; end: number; sel?: number[]; columns?: JsColumn[] }[];
}

/** Splits n rows into 1-4 batches, some with random selections (unless `select` is false). */
export function splitBatches(n: number, r: () => number, select = true): RunInput['batches'] {
  const batches: RunInput['batches'] = [];
  const parts = 1 + Math.floor(r() * 4);
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const end = p === parts - 1 ? n : start + Math.floor(r() * (n - start + 1));
    const len = end - start;
    const sel = !select || r() < 0.5 ? undefined : Array.from({ length: len }, (_, i) => i).filter(() => r() < 0.7);
    batches.push({ start, end, sel });
    start = end;
  }
  return batches;
}

/** Batches of `size` rows (the last may be shorter); with `select`, about half get a random selection. */
export function fixedBatches(n: number, size: number, r: () => number, select = true): RunInput['batches'] {
  const out: RunInput['batches'] = [];
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    const sel = !select || r() < 0.5 ? undefined : Array.from({ length: end - start }, (_, i) => i).filter(() => r() < 0.7);
    out.push({ start, end, sel });
  }
  return out;
}

/** The rows a run selects, in order, as indexes into its columns. */
export function selectedRows(input: RunInput): number[] {
  const rows: number[] = [];
  for (const b of input.batches) {
    if (b.sel) rows.push(...b.sel.map((i) => b.start + i));
    else for (let i = b.start; i < b.end; i++) rows.push(i);
  }
  return rows;
}

/** Runs a table over the input's batches and returns every emitted row (chunks of `chunk`), checking for leaks. */
export function runKernel(w: WasmInstance, spec: HashAggregateSpec, input: RunInput, chunk = 1000, validityOffset = 0): Cell[][] {
  const arena = w.fn.arena_mark!() >>> 0;
  w.fn.arena_trim!();
  const base = w.inUseBytes();
  const mem = new TestMemory(w);
  const table = HashAggregateTable.create(w, spec);
  try {
    for (const b of input.batches) {
      const cols = b.columns ?? input.columns.map((c) => ({ ...c, values: c.values.slice(b.start, b.end), codes: c.codes?.slice(b.start, b.end) }));
      const batch = mem.batch(cols, validityOffset);
      if (b.sel && b.sel.length === 0) continue;
      const sel = b.sel ? mem.selection(b.sel) : 0;
      const mark = w.fn.arena_mark!() >>> 0;
      table.update(batch, input.keyCols, input.argCols, input.filterCols, sel, b.sel ? b.sel.length : batch.numRows);
      expect(w.fn.arena_mark!() >>> 0).toBe(mark);
    }
    const rows: Cell[][] = [];
    const mark = w.fn.arena_mark!() >>> 0;
    for (const out of table.emit(chunk)) {
      expect(out.numRows).toBeLessThanOrEqual(chunk);
      expect(out.columns.map((c) => c.kind)).toEqual(table.outputKinds());
      rows.push(...readRows(w, out));
      w.fn.arena_reset!(mark);
    }
    expect(rows.length).toBe(table.groupCount);
    return rows;
  } finally {
    table.free();
    mem.freeAll();
    w.fn.arena_reset!(arena);
    w.fn.arena_trim!();
    expect(w.inUseBytes()).toBe(base);
  }
}

/** Spec shorthand. */
export function aggSpec(fn: AggregateSpec['fn'], argKind?: Kind, name: string = fn): AggregateSpec {
  return { fn, argKind, name };
}
