import { describe, expect, it } from 'vitest';
import { Kind, type ColumnDesc } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import { sortColumn, type SortKey } from '../../bindings/sort-kernel.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { Blocks, randomColumn, referenceOrder, rng, writeColumn, type TestColumn } from './sort-fixtures.js';

// sortColumn sorts the values of a key-only ORDER BY themselves (wasm/assembly/sort/
// sort-column.ts). Its result must be exactly the values of the stable row order (reference
// order of the rows, then their values), NULLs at the requested end and the bitmap following.

const KINDS = [Kind.I32, Kind.I64, Kind.F64] as const;
const LENGTHS = [0, 1, 2, 7, 64, 65, 1000, 5000];
const DIRECTIONS: Omit<SortKey, 'col'>[] = [
  { ascending: true, nullsFirst: true },
  { ascending: true, nullsFirst: false },
  { ascending: false, nullsFirst: false },
  { ascending: false, nullsFirst: true },
];

/** The column's values read back (null for an invalid row). */
function readBack(w: WasmInstance, d: ColumnDesc): unknown[] {
  const out: unknown[] = [];
  const dv = w.views.dataView;
  for (let i = 0; i < d.length; i++) {
    const bit = d.validityOffset + i;
    if (d.validity !== 0 && ((w.views.u8[d.validity + (bit >> 3)]! >> (bit & 7)) & 1) === 0) { out.push(null); continue; }
    if (d.kind === Kind.I32) out.push(dv.getInt32(d.values + 4 * i, true));
    else if (d.kind === Kind.I64) out.push(dv.getBigInt64(d.values + 8 * i, true));
    else out.push(dv.getFloat64(d.values + 8 * i, true));
  }
  return out;
}

/** Sorts `col` in place and compares with the reference; returns whether the kernel took it. */
function check(w: WasmInstance, col: TestColumn, dir: Omit<SortKey, 'col'>, bitOffset: number): boolean {
  const b = new Blocks(w);
  const inUse = w.inUseBytes();
  try {
    const desc = writeColumn(b, col, bitOffset);
    const before = readBack(w, desc);
    const rows = Array.from({ length: col.values.length }, (_, i) => i);
    const want = referenceOrder([col], [{ col: 0, ...dir }], rows).map((r) => col.values[r]);
    const sorted = sortColumn(w, desc, dir);
    // A refusal leaves the column exactly as it was; otherwise the values are the sorted ones.
    expect(readBack(w, sorted?.column ?? desc)).toEqual(sorted ? want : before);
    sorted?.release();
    sorted?.release();
    return sorted !== undefined;
  } finally {
    b.freeAll();
    expect(w.inUseBytes()).toBe(inUse);
  }
}

const noAmbiguousDoubles = (c: TestColumn): TestColumn => ({
  kind: c.kind,
  values: c.values.map((v) => (typeof v === 'number' && Object.is(v, -0) ? 0 : v)),
});

for (const debug of [false, true]) {
  describe(`sortColumn (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    // The first arena use takes a chunk that stays (reused) afterwards: take it before counting bytes.
    const mark = w.fn.arena_mark!() >>> 0;
    w.fn.arena_alloc!(64);
    w.fn.arena_reset!(mark);

    for (const kind of KINDS) {
      it(`kind ${kind}: the values of the row order, NULLs at the requested end`, () => {
        const r = rng(500 + kind);
        for (const n of LENGTHS) {
          for (const [distinct, nullRate] of [[3, 0], [50, 0.2], [n + 1, 0], [n + 1, 0.5], [1, 1]] as const) {
            const col = noAmbiguousDoubles(randomColumn(kind, n, r, distinct, nullRate));
            for (const dir of DIRECTIONS) {
              for (const bitOffset of [0, 3]) expect(check(w, col, dir, bitOffset)).toBe(true);
            }
          }
        }
      });
    }

    it('every 11-bit digit of the keys varies somewhere (wide doubles and 64-bit integers)', () => {
      const r = rng(77);
      const f64 = Array.from({ length: 3000 }, () => (r() - 0.5) * 2 ** Math.floor(r() * 200 - 100));
      const i64 = Array.from({ length: 3000 }, () => BigInt.asIntN(64, BigInt(Math.floor(r() * 2 ** 32)) << 32n | BigInt(Math.floor(r() * 2 ** 32))));
      const i32 = Array.from({ length: 3000 }, () => (Math.floor(r() * 2 ** 32) | 0));
      for (const dir of DIRECTIONS) {
        expect(check(w, { kind: Kind.F64, values: [...f64, NaN, Infinity, -Infinity, 0] }, dir, 0)).toBe(true);
        expect(check(w, { kind: Kind.I64, values: i64 }, dir, 0)).toBe(true);
        expect(check(w, { kind: Kind.I32, values: i32 }, dir, 0)).toBe(true);
      }
    });

    it('declines doubles holding -0 (which ties with 0), leaving the column untouched', () => {
      for (const dir of DIRECTIONS) {
        expect(check(w, { kind: Kind.F64, values: [1, -0, 0, -1, 0, -0] }, dir, 0)).toBe(false);
        expect(check(w, { kind: Kind.F64, values: [1, -0, null, 2] }, dir, 5)).toBe(false);
        // -0 bits under a NULL do not count: the NULL row has no value.
        const b = new Blocks(w);
        const desc = writeColumn(b, { kind: Kind.F64, values: [1, null, 0] }, 0);
        w.views.dataView.setFloat64(desc.values + 8, -0, true);
        const sorted = sortColumn(w, desc, dir);
        expect(sorted).toBeDefined();
        sorted!.release();
        b.freeAll();
      }
    });

    it('declines kinds other than I32, I64 and F64', () => {
      const b = new Blocks(w);
      const desc = writeColumn(b, { kind: Kind.BOOL, values: [true, false] }, 0);
      expect(sortColumn(w, desc, { ascending: true, nullsFirst: true })).toBeUndefined();
      b.freeAll();
    });
  });
}
