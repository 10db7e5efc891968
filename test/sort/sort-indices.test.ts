import { describe, expect, it } from 'vitest';
import { Kind, type ColumnDesc } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import { sortIndices, type SortKey } from '../../bindings/sort-kernel.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { Blocks, prefixedStrings, randomColumn, referenceOrder, rng, writeColumn, type TestColumn } from './sort-fixtures.js';

const KINDS = [Kind.BOOL, Kind.I32, Kind.I64, Kind.F64, Kind.UTF8, Kind.DICT, Kind.I128] as const;
const LENGTHS = [0, 1, 63, 64, 65, 1000];

interface Case {
  cols: TestColumn[];
  keys: SortKey[];
  sel?: number[];
  limit?: number;
}

/** Compares two row orders, reporting the first difference (a full diff of 300K rows would take minutes). */
function expectSameOrder(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  const bad = got.findIndex((v, i) => v !== want[i]);
  if (bad >= 0) expect({ at: bad, rows: got.slice(bad, bad + 5) }).toEqual({ at: bad, rows: want.slice(bad, bad + 5) });
}

/**
 * Runs one sort in WASM and checks it against the reference, then checks for leaks: the result
 * is the kernel's last arena allocation, and sorting again after the arena reset needs no new
 * memory (scratch blocks were returned, arena chunks are reused).
 */
function check(w: WasmInstance, c: Case, bitOffset = 0): void {
  const b = new Blocks(w);
  const inUse = w.inUseBytes();
  const mark = w.fn.arena_mark!() >>> 0;
  const n = c.cols[0]?.values.length ?? 0;
  const descs: ColumnDesc[] = c.cols.map((col) => writeColumn(b, col, bitOffset));
  let selPtr = 0;
  if (c.sel) {
    selPtr = b.alloc(c.sel.length * 4);
    w.views.i32.set(c.sel, selPtr >> 2);
  }
  const blocksInUse = w.inUseBytes();
  const rows = c.sel ?? Array.from({ length: n }, (_, i) => i);
  const want = referenceOrder(c.cols, c.keys, rows, c.limit);
  let afterFirst = 0;
  for (let round = 0; round < 2; round++) {
    const res = sortIndices(w, { numRows: n, columns: descs }, c.keys, { selPtr, selLen: c.sel?.length ?? 0, limit: c.limit });
    expect(w.fn.arena_mark!() >>> 0).toBe(res.ptr + Math.ceil(Math.max(res.count, 1) * 4 / 64) * 64);
    const got = Array.from(w.views.i32.subarray(res.ptr >> 2, (res.ptr >> 2) + res.count));
    expectSameOrder(got, want);
    w.fn.arena_reset!(mark);
    expect(w.fn.arena_mark!() >>> 0).toBe(mark);
    if (round === 0) afterFirst = w.inUseBytes();
    else expect(w.inUseBytes()).toBe(afterFirst);
  }
  const arenaGrowth = afterFirst - blocksInUse;
  expect(arenaGrowth).toBeGreaterThanOrEqual(0);
  b.freeAll();
  expect(w.inUseBytes()).toBe(inUse + arenaGrowth);
}

function keysFor(r: () => number, numCols: number, numKeys: number): SortKey[] {
  return Array.from({ length: numKeys }, (_, i) => ({
    col: numKeys === numCols ? i : Math.floor(r() * numCols),
    ascending: r() < 0.5,
    nullsFirst: r() < 0.5,
  }));
}

for (const debug of [false, true]) {
  describe(`sortIndices (${debug ? 'debug' : 'release'} build)`, () => {
    it('sorts one key of every kind, both directions and null orders, with and without nulls', async () => {
      const w = await loadWasm({ debug });
      let seed = 1;
      for (const kind of KINDS) {
        for (const n of LENGTHS) {
          for (const nullRate of [0, 0.2]) {
            for (const distinct of [3, 500]) {
              const r = rng(seed++);
              const col = randomColumn(kind, n, r, distinct, nullRate);
              for (const ascending of [true, false]) {
                for (const nullsFirst of [true, false]) {
                  check(w, { cols: [col], keys: [{ col: 0, ascending, nullsFirst }] }, seed % 3 === 0 ? 5 : 0);
                }
              }
            }
          }
        }
      }
    });

    it('sorts by several keys mixing kinds, directions and null orders (ties keep input order)', async () => {
      const w = await loadWasm({ debug });
      for (let trial = 0; trial < 60; trial++) {
        const r = rng(1000 + trial);
        const n = LENGTHS[trial % LENGTHS.length]!;
        const numCols = 1 + Math.floor(r() * 4);
        const cols = Array.from({ length: numCols }, () =>
          randomColumn(KINDS[Math.floor(r() * KINDS.length)]!, n, r, 2 + Math.floor(r() * 6), r() < 0.5 ? 0 : 0.25));
        check(w, { cols, keys: keysFor(r, numCols, 1 + Math.floor(r() * 3)) });
      }
    });

    it('takes the first `limit` rows of the order (top-N), with and without a selection vector', async () => {
      const w = await loadWasm({ debug });
      for (let trial = 0; trial < 40; trial++) {
        const r = rng(2000 + trial);
        const n = [1, 64, 65, 1000][trial % 4]!;
        const numCols = 1 + Math.floor(r() * 3);
        const cols = Array.from({ length: numCols }, () =>
          randomColumn(KINDS[Math.floor(r() * KINDS.length)]!, n, r, 2 + Math.floor(r() * 50), r() < 0.5 ? 0 : 0.2));
        const keys = keysFor(r, numCols, 1 + Math.floor(r() * 2));
        const sel = trial % 2 === 0 ? undefined : Array.from({ length: n }, (_, i) => i).filter(() => r() < 0.6);
        for (const limit of [0, 1, 7, 100, n + 5]) check(w, { cols, keys, sel, limit });
      }
    });

    it('orders doubles as Double.compare without the -0/0 split: NaN last, -0 equal to 0', async () => {
      const w = await loadWasm({ debug });
      const values = [NaN, 1, -0, Infinity, 0, -Infinity, NaN, -0, -1e-308, 5e-324, 0, null];
      const col: TestColumn = { kind: Kind.F64, values };
      check(w, { cols: [col], keys: [{ col: 0, ascending: true, nullsFirst: false }] });
      const b = new Blocks(w);
      const d = writeColumn(b, col);
      const res = sortIndices(w, { numRows: values.length, columns: [d] }, [{ col: 0, ascending: true, nullsFirst: false }]);
      expect(Array.from(w.views.i32.subarray(res.ptr >> 2, (res.ptr >> 2) + res.count)))
        .toEqual([5, 8, 2, 4, 7, 10, 9, 1, 3, 0, 6, 11]);
      b.freeAll();
    });

    it('sorts 5,000 rows of each kind (the radix path of one-word keys)', async () => {
      const w = await loadWasm({ debug });
      let seed = 500;
      for (const kind of KINDS) {
        for (const nullRate of [0, 0.1]) {
          const r = rng(seed++);
          const col = randomColumn(kind, 5000, r, 3000, nullRate);
          check(w, { cols: [col], keys: [{ col: 0, ascending: r() < 0.5, nullsFirst: r() < 0.5 }] });
        }
      }
    });

    it('sorts strings with long shared prefixes and duplicates, alone and before other keys', async () => {
      const w = await loadWasm({ debug });
      for (let trial = 0; trial < 2 * KINDS.length; trial++) {
        const r = rng(700 + trial);
        const n = trial < KINDS.length ? 3000 : [1000, 65][trial % 2]!;
        const s = prefixedStrings(n, r, trial % 3 === 1 ? 1500 : 30, trial % 2 === 0 ? 0 : 0.1);
        const other = randomColumn(KINDS[trial % KINDS.length]!, n, r, 5, 0.2);
        const third = randomColumn(Kind.UTF8, n, r, 4, 0.1);
        const asc = trial % 2 === 0;
        check(w, { cols: [s], keys: [{ col: 0, ascending: asc, nullsFirst: !asc }] });
        check(w, { cols: [s, other, third], keys: [{ col: 0, ascending: asc, nullsFirst: asc }, { col: 1, ascending: !asc, nullsFirst: true }, { col: 2, ascending: true, nullsFirst: false }] });
        check(w, { cols: [s, other, third], keys: [{ col: 1, ascending: asc, nullsFirst: false }, { col: 0, ascending: !asc, nullsFirst: true }, { col: 2, ascending: false, nullsFirst: false }] });
      }
    });

    it('gives the same top-N when fed in batches through a buffer of candidates, as the runtime does', async () => {
      const w = await loadWasm({ debug });
      const n = 2000;
      const r = rng(4242);
      const cols = [randomColumn(Kind.F64, n, r, 50, 0.1), randomColumn(Kind.UTF8, n, r, 30, 0.1), randomColumn(Kind.I32, n, r, 4, 0)];
      const keys: SortKey[] = [{ col: 0, ascending: false, nullsFirst: false }, { col: 1, ascending: true, nullsFirst: true }];
      const limit = 10;
      const all = Array.from({ length: n }, (_, i) => i);
      const want = referenceOrder(cols, keys, all, limit);
      for (const batchSize of [7, 64, 1000]) {
        let buffer: number[] = []; // original row ids, best candidates first, then new rows in arrival order
        const keepBest = () => {
          const b = new Blocks(w);
          const mark = w.fn.arena_mark!() >>> 0;
          const sub = cols.map((c) => writeColumn(b, { ...c, values: buffer.map((id) => c.values[id]!) }));
          const res = sortIndices(w, { numRows: buffer.length, columns: sub }, keys, { limit });
          buffer = Array.from(w.views.i32.subarray(res.ptr >> 2, (res.ptr >> 2) + res.count), (i) => buffer[i]!);
          w.fn.arena_reset!(mark);
          b.freeAll();
        };
        for (let start = 0; start < n; start += batchSize) {
          buffer.push(...all.slice(start, start + batchSize));
          if (buffer.length >= 2 * limit) keepBest();
        }
        keepBest();
        expect(buffer).toEqual(want);
      }
    });

    it('sorts with no keys as the identity, and rejects bad keys', async () => {
      const w = await loadWasm({ debug });
      const col = randomColumn(Kind.I32, 10, rng(3), 3, 0);
      check(w, { cols: [col], keys: [] });
      expect(() => sortIndices(w, { numRows: 0, columns: [] }, [{ col: 0, ascending: true, nullsFirst: true }])).toThrow(/not in the batch/);
      expect(() => sortIndices(w, { numRows: 0, columns: [] }, [], { limit: -1 })).toThrow(/limit/);
    });
  });
}

describe('sortIndices at 100K+ rows (release build)', () => {
  it('sorts 300K rows through the radix MSD split: packed (INT) and unpacked (DOUBLE, BIGINT) keys', async () => {
    const w = await loadWasm();
    const n = 300_000;
    const r = rng(7);
    for (const kind of [Kind.F64, Kind.I64, Kind.I32]) {
      const col = randomColumn(kind, n, r, 200_000, 0);
      check(w, { cols: [col], keys: [{ col: 0, ascending: kind !== Kind.I64, nullsFirst: false }] });
    }
    // Wide first word with many ties: radix-split, packed per bucket, ties then ordered by the second key.
    const few = randomColumn(Kind.F64, n, r, 1000, 0);
    const second = randomColumn(Kind.I32, n, r, 50, 0.1);
    check(w, { cols: [few, second], keys: [{ col: 0, ascending: true, nullsFirst: false }, { col: 1, ascending: false, nullsFirst: true }] });
    // Skewed doubles: most keys share their top bits (exponents), a few are far away.
    const skew: TestColumn = { kind: Kind.F64, values: Array.from({ length: n }, (_, i) => (i % 1000 === 0 ? -1e300 * r() : 1 + r() * 1e-9)) };
    check(w, { cols: [skew], keys: [{ col: 0, ascending: true, nullsFirst: false }] });
  });


  it('sorts a large table by one and by two keys, full and top-N', async () => {
    const w = await loadWasm();
    const n = 100_000;
    const r = rng(99);
    const f = randomColumn(Kind.F64, n, r, 50_000, 0.01);
    const i = randomColumn(Kind.I32, n, r, 100, 0);
    const s = randomColumn(Kind.UTF8, n, r, 5_000, 0.05);
    check(w, { cols: [f], keys: [{ col: 0, ascending: true, nullsFirst: false }] });
    check(w, { cols: [f, i, s], keys: [{ col: 1, ascending: false, nullsFirst: false }, { col: 2, ascending: true, nullsFirst: true }] });
    check(w, { cols: [f], keys: [{ col: 0, ascending: false, nullsFirst: true }], limit: 100 });
    check(w, { cols: [i, s], keys: [{ col: 1, ascending: true, nullsFirst: true }, { col: 0, ascending: true, nullsFirst: true }], limit: 1000 });
  });
});
