// The layouts the table picks from the data (dense array, keyed sub-tables), the switch between
// them, key groups, the fused numeric pass, growth to many groups, and memory stability.
import { beforeAll, describe, expect, it } from 'vitest';
import { HashAggregateTable, type HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TestMemory, type Cell, type JsColumn } from './batch-io.js';
import { aggSpec, fixedBatches, genColumn, rng, runKernel, selectedRows, splitBatches, type RunInput } from './aggregate-fixtures.js';
import { referenceAggregate, sortRows, sortedKeys, type RefAggregate } from './reference-aggregate.js';

/** splitmix64 and key_group_of of wasm/assembly/hash.ts, for checking key-group placement. */
function keyGroupOf(key: bigint, p: number): number {
  const M = (1n << 64n) - 1n;
  let z = (key + 0x9e3779b97f4a7c15n) & M;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
  z = z ^ (z >> 31n);
  return Number(((z >> 32n) * BigInt(p)) >> 32n);
}

function compare(w: WasmInstance, spec: HashAggregateSpec, input: RunInput, aggs: RefAggregate[], chunk = 4096): void {
  const got = runKernel(w, spec, input, chunk);
  const ref = referenceAggregate(input.keyCols.map((c) => input.columns[c]!.values), aggs, selectedRows(input));
  if (got.length > 1000) expect(sortedKeys(got)).toEqual(sortedKeys(ref));
  else expect(sortRows(got)).toEqual(sortRows(ref));
}

describe('hash aggregate layouts', () => {
  let w: WasmInstance;
  beforeAll(async () => { w = await loadWasm(); });

  it('grows to 50,000 groups over 200,000 rows (I64 and UTF8 keys) in batches with selections', () => {
    for (const keyKind of [Kind.I64, Kind.UTF8]) {
      const r = rng(keyKind);
      const n = 200_000;
      const keyValues: Cell[] = Array.from({ length: n }, () => {
        const j = Math.floor(r() * 50_000);
        return keyKind === Kind.I64 ? BigInt(j) * 7919n - 10n ** 12n : `key-${j}`;
      });
      keyValues[5] = null;
      const v = genColumn(Kind.F64, n, r, { card: 1000, nulls: 0.05, small: true });
      const s = genColumn(Kind.I32, n, r, { card: 1000, nulls: 0, small: true });
      const columns: JsColumn[] = [{ kind: keyKind, values: keyValues }, { kind: Kind.F64, values: v }, { kind: Kind.I32, values: s }];
      const batches: RunInput['batches'] = [];
      for (let start = 0; start < n; start += 4096) {
        const end = Math.min(n, start + 4096);
        batches.push({ start, end, sel: start % 8192 === 0 ? undefined : Array.from({ length: end - start }, (_, i) => i).filter((i) => i % 5 !== 0) });
      }
      const fns: [RefAggregate['fn'], Kind | undefined, number | undefined][] = [
        ['count_star', undefined, undefined], ['sum', Kind.F64, 1], ['min', Kind.F64, 1], ['max', Kind.F64, 1],
        ['count', Kind.F64, 1], ['sum', Kind.I32, 2], ['avg', Kind.I32, 2],
      ];
      const spec: HashAggregateSpec = { keyKinds: [keyKind], aggregates: fns.map(([fn, k]) => aggSpec(fn, k)), mode: 'single' };
      compare(w, spec, { columns, keyCols: [0], argCols: fns.map(([, , a]) => a), filterCols: fns.map(() => undefined), batches },
        fns.map(([fn, argKind, a]) => ({ fn, argKind, arg: a === undefined ? undefined : columns[a]!.values })), 10_000);
    }
  });

  it('partitions a big table by key group (FILTERs, NULLs, every fixed-width input), single and partial -> final', () => {
    const r = rng(4242);
    const n = 120_000;
    const keys: Cell[] = Array.from({ length: n }, () => BigInt(Math.floor(r() * 40_000)) * 31n);
    keys[7] = null;
    const columns: JsColumn[] = [
      { kind: Kind.I64, values: keys },
      { kind: Kind.I32, values: genColumn(Kind.I32, n, r, { card: 100, nulls: 0.1, edges: 0.2 }) },
      { kind: Kind.F64, values: genColumn(Kind.F64, n, r, { card: 100, nulls: 0.1, small: true }) },
      { kind: Kind.BOOL, values: genColumn(Kind.BOOL, n, r, { card: 2, nulls: 0.1 }) },
      { kind: Kind.BOOL, values: Array.from({ length: n }, () => (r() < 0.1 ? null : r() < 0.7)) },
      { kind: Kind.I64, values: genColumn(Kind.I64, n, r, { card: 1000, nulls: 0.1, small: true }) },
    ];
    const fns: [RefAggregate['fn'], Kind | undefined, number | undefined, boolean][] = [
      ['count_star', undefined, undefined, true], ['count', Kind.F64, 2, false], ['sum', Kind.I64, 5, true],
      ['min', Kind.BOOL, 3, false], ['max', Kind.BOOL, 3, true], ['min', Kind.I32, 1, false], ['max', Kind.F64, 2, false],
      ['avg', Kind.I32, 1, true], ['sum', Kind.F64, 2, false], ['count_star', undefined, undefined, false],
    ];
    const batches: RunInput['batches'] = [];
    for (let start = 0; start < n; start += 8192) {
      const end = Math.min(n, start + 8192);
      batches.push({ start, end, sel: (start / 8192) % 3 === 1 ? Array.from({ length: end - start }, (_, i) => i).filter((i) => i % 4 !== 1) : undefined });
    }
    const input: RunInput = { columns, keyCols: [0], argCols: fns.map(([, , a]) => a), filterCols: fns.map(([, , , f]) => (f ? 4 : undefined)), batches };
    const aggregates = fns.map(([fn, k]) => aggSpec(fn, k));
    const spec: HashAggregateSpec = { keyKinds: [Kind.I64], aggregates, mode: 'single' };
    const single = runKernel(w, spec, input, 20_000);
    const ref = referenceAggregate([keys], fns.map(([fn, argKind, a, f]) => ({ fn, argKind, arg: a === undefined ? undefined : columns[a]!.values, filter: f ? columns[4]!.values : undefined })), selectedRows(input));
    expect(sortedKeys(single)).toEqual(sortedKeys(ref));
    // partial over two halves, then final
    const half = (lo: number, hi: number): RunInput => ({ ...input, batches: batches.filter((b) => b.start >= lo && b.start < hi) });
    const partial = [...runKernel(w, { ...spec, mode: 'partial' }, half(0, n / 2), 9000), ...runKernel(w, { ...spec, mode: 'partial' }, half(n / 2, n), 9000)];
    const stateKinds = [Kind.I64, Kind.I64, Kind.I64, Kind.I64, Kind.BOOL, Kind.BOOL, Kind.I32, Kind.F64, Kind.I64, Kind.I64, Kind.F64, Kind.I64];
    const finalCols: JsColumn[] = stateKinds.map((kind, c) => ({ kind, values: partial.map((row) => row[c]!) }));
    const firstState = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11];
    const final = runKernel(w, { ...spec, mode: 'final' }, {
      columns: finalCols, keyCols: [0], argCols: firstState, filterCols: [], batches: [{ start: 0, end: partial.length }],
    }, 30_000);
    expect(sortedKeys(final)).toEqual(sortedKeys(single));
  });

  it('fuses COUNT/SUM/MIN/MAX over one column without NULLs: dense I32/I64 keys, keyed F64 keys, with and without selections', () => {
    let seed = 1;
    for (const keyKind of [Kind.I32, Kind.I64, Kind.F64]) {
      for (const argKind of [Kind.I32, Kind.I64, Kind.F64]) {
        for (const n of [1, 63, 1000]) {
          const r = rng(seed++);
          const columns: JsColumn[] = [
            { kind: keyKind, values: genColumn(keyKind, n, r, { card: 40, nulls: 0, small: true }) },
            { kind: argKind, values: genColumn(argKind, n, r, { card: 1000, nulls: 0, edges: argKind === Kind.I64 ? 0 : 0.2 }) },
          ];
          const fns: RefAggregate['fn'][] = ['count', 'sum', 'min', 'max'];
          const subsets = [fns, ['sum', 'max'], ['min'], ['count', 'min', 'max', 'sum', 'min']] as RefAggregate['fn'][][];
          for (const list of subsets) {
            compare(w, { keyKinds: [keyKind], aggregates: list.map((fn) => aggSpec(fn, argKind)), mode: 'single' },
              { columns, keyCols: [0], argCols: list.map(() => 1), filterCols: list.map(() => undefined), batches: splitBatches(n, r) },
              list.map((fn) => ({ fn, argKind, arg: columns[1]!.values })), 7);
          }
        }
      }
    }
  });

  it('widens the partition buffer records when NULL keys and NULL arguments arrive after buffering started (one I32 or I64 key, two keys)', () => {
    for (const shape of ['i32', 'i64', 'two'] as const) {
      const twoKeys = shape === 'two';
      const r = rng(shape.length + (twoKeys ? 91 : 90));
      const n = 160_000;
      // Clean rows first (the buffer starts without flag bytes), NULL arguments from row 90,000,
      // NULL keys from row 120,000.
      const keyA: Cell[] = Array.from({ length: n }, (_, i) => (i >= 120_000 && r() < 0.05 ? null : Math.floor(r() * 45_000) - 20_000));
      const keyB: Cell[] = Array.from({ length: n }, () => Math.floor(r() * 2));
      const v: Cell[] = Array.from({ length: n }, (_, i) => (i >= 90_000 && r() < 0.2 ? null : Math.floor(r() * 2000) / 8 - 100));
      const s: Cell[] = Array.from({ length: n }, (_, i) => (i >= 90_000 && r() < 0.2 ? null : BigInt(Math.floor(r() * 1000))));
      const columns: JsColumn[] = [
        shape === 'i64' ? { kind: Kind.I64, values: keyA.map((x) => (x === null ? null : BigInt(x as number) * 1_000_003n)) } : { kind: Kind.I32, values: keyA },
        { kind: Kind.I32, values: keyB }, { kind: Kind.F64, values: v }, { kind: Kind.I64, values: s },
      ];
      const fns: [RefAggregate['fn'], Kind | undefined, number | undefined][] = [
        ['count_star', undefined, undefined], ['count', Kind.F64, 2], ['sum', Kind.F64, 2], ['min', Kind.I64, 3], ['avg', Kind.I64, 3],
      ];
      const keyCols = twoKeys ? [0, 1] : [0];
      const input: RunInput = { columns, keyCols, argCols: fns.map(([, , a]) => a), filterCols: fns.map(() => undefined), batches: fixedBatches(n, 8192, r) };
      const spec: HashAggregateSpec = { keyKinds: keyCols.map((c) => columns[c]!.kind), aggregates: fns.map(([fn, k]) => aggSpec(fn, k)), mode: 'single' };
      const got = runKernel(w, spec, input, 30_000);
      const ref = referenceAggregate(keyCols.map((c) => columns[c]!.values),
        fns.map(([fn, argKind, a]) => ({ fn, argKind, arg: a === undefined ? undefined : columns[a]!.values })), selectedRows(input));
      expect(got.length).toBeGreaterThan(40_000);
      expect(sortedKeys(got)).toEqual(sortedKeys(ref));
    }
  });

  it('dense fused pass: keys leaving the range mid-batch, late extremes, NaN and infinities past the MIN/MAX thresholds', () => {
    // Many rows per key so that the thresholds engage, with new extremes (and a NaN, -0,
    // infinities, integer extremes) arriving only late, inside otherwise skippable blocks;
    // the key range grows mid-batch twice and finally explodes (keyed layout).
    let seed = 77;
    for (const keyKind of [Kind.I32, Kind.I64]) {
      for (const argKind of [Kind.F64, Kind.I32, Kind.I64]) {
        const r = rng(seed++);
        const n = 6000;
        const key = (i: number): number => (i < 2500 ? Math.floor(r() * 30) : i < 4000 ? Math.floor(r() * 60) - 10 : i === 5500 ? 1_000_000_000 : Math.floor(r() * 60));
        const keys: Cell[] = Array.from({ length: n }, (_, i) => (keyKind === Kind.I64 ? BigInt(key(i)) : key(i)));
        const late = (i: number): number | bigint | null => {
          const e: (number | bigint)[] = argKind === Kind.F64 ? [NaN, Infinity, -Infinity, -0, 1e9, -1e9]
            : argKind === Kind.I32 ? [2147483647, -2147483648, 1_000_000, -1_000_000] : [1n << 40n, -(1n << 40n), 123456789012n];
          return i > 3000 && r() < 0.002 ? e[Math.floor(r() * e.length)]! : null;
        };
        const values: Cell[] = Array.from({ length: n }, (_, i) => {
          const x = late(i);
          if (x !== null) return x;
          const m = Math.floor(r() * 1000) - 500;
          return argKind === Kind.I64 ? BigInt(m) : argKind === Kind.F64 ? m / 8 : m;
        });
        const columns: JsColumn[] = [{ kind: keyKind, values: keys }, { kind: argKind, values }];
        for (const list of [['count', 'sum', 'min', 'max'], ['min', 'max'], ['max', 'count']] as RefAggregate['fn'][][]) {
          for (const size of [7, 512, 6000]) {
            compare(w, { keyKinds: [keyKind], aggregates: list.map((fn) => aggSpec(fn, argKind)), mode: 'single' },
              { columns, keyCols: [0], argCols: list.map(() => 1), filterCols: list.map(() => undefined), batches: fixedBatches(n, size, r) },
              list.map((fn) => ({ fn, argKind, arg: columns[1]!.values })), 5000);
          }
        }
      }
    }
  });

  it('starts dense from a batch of only NULL keys, then takes keys anywhere (no trap)', () => {
    for (const far of [5, 50_000_000, -2_000_000_000]) {
      const keys: Cell[] = [null, null, far, far + 1, null];
      const v: Cell[] = [1, 2, 3, 4, 5];
      const columns: JsColumn[] = [{ kind: Kind.I32, values: keys }, { kind: Kind.I32, values: v }];
      compare(w, { keyKinds: [Kind.I32], aggregates: [aggSpec('sum', Kind.I32)], mode: 'single' },
        { columns, keyCols: [0], argCols: [1], filterCols: [undefined], batches: [{ start: 0, end: 2 }, { start: 2, end: 5 }] },
        [{ fn: 'sum', argKind: Kind.I32, arg: v }]);
    }
  });

  it('dense fused pass: a SUM overflowing inside blocks that skip MIN/MAX still fails naming the aggregate', () => {
    // Batch 1 gives keys 0..3 their extremes (+/-2^62); batch 2's values (2^61) lie inside every
    // key's [MIN, MAX], so whole blocks update COUNT/SUM only, and the sums pass 2^63.
    const big = 1n << 62n;
    const n = 8 + 64;
    const keys: Cell[] = Array.from({ length: n }, (_, i) => i % 4);
    const values: Cell[] = Array.from({ length: n }, (_, i) => (i < 4 ? -big : i < 8 ? big - 1n : 1n << 61n));
    const run = (rows: number) => runKernel(w, { keyKinds: [Kind.I32], aggregates: [aggSpec('sum', Kind.I64, 'SUM(s)'), aggSpec('min', Kind.I64), aggSpec('max', Kind.I64)], mode: 'single' },
      { columns: [{ kind: Kind.I32, values: keys.slice(0, rows) }, { kind: Kind.I64, values: values.slice(0, rows) }], keyCols: [0], argCols: [1, 1, 1], filterCols: [],
        batches: [{ start: 0, end: 8 }, { start: 8, end: rows }] });
    // 16 rows of batch 2: each sum ends exactly at 2^63 - 1; 64 rows: past it.
    expect(sortRows(run(8 + 16)).map((r) => r[1])).toEqual(Array(4).fill((1n << 63n) - 1n));
    expect(() => run(n)).toThrow('integer overflow in SUM(s)');
  });

  it('widens a dense table, then converts it to key groups when the range explodes; every group sits in its key group', () => {
    const mem = new TestMemory(w);
    const p = 16;
    const table = HashAggregateTable.create(w, { keyKinds: [Kind.I64], aggregates: [aggSpec('count_star'), aggSpec('sum', Kind.I64)], mode: 'single', maxParallelism: p });
    const feed = (keys: Cell[]) => {
      const b = mem.batch([{ kind: Kind.I64, values: keys }]);
      table.update(b, [0], [undefined, 0], [undefined, undefined]);
    };
    const all: Cell[] = [];
    const batch1 = Array.from({ length: 500 }, (_, i) => BigInt(i % 100));
    feed(batch1); all.push(...batch1);
    expect(table.layout).toBe('dense');
    const batch2 = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? null : BigInt(1000 + (i % 300))));
    feed(batch2); all.push(...batch2);
    expect(table.layout).toBe('dense');
    const distinct = (xs: Cell[]) => new Set(xs.map((x) => String(x))).size;
    expect(table.groupCount).toBe(distinct(all));
    const batch3 = [10n ** 15n, -(10n ** 15n), 5n];
    feed(batch3); all.push(...batch3);
    expect(table.layout).toBe('keyed');
    const groups = distinct(all);
    expect(table.groupCount).toBe(groups);
    const perGroup = new Array<number>(p).fill(0);
    for (const k of new Set(all.filter((x) => x !== null) as bigint[])) perGroup[keyGroupOf(k, p)]!++;
    let nullGroup = -1;
    const sizes = perGroup.map((_, g) => table.keyGroupSize(g));
    sizes.forEach((s, g) => { if (s !== perGroup[g]) nullGroup = g; });
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(groups);
    expect(sizes.filter((s, g) => s !== perGroup[g]).length).toBeLessThanOrEqual(1);
    if (nullGroup >= 0) expect(sizes[nullGroup]).toBe(perGroup[nullGroup]! + 1);
    let emitted = 0;
    for (const chunk of table.emit(50)) emitted += chunk.numRows;
    expect(emitted).toBe(groups);
    table.free();
    mem.freeAll();
  });

  it('answers per key group for a table still in the dense layout (it converts on demand)', () => {
    const mem = new TestMemory(w);
    const table = HashAggregateTable.create(w, { keyKinds: [Kind.I32], aggregates: [aggSpec('count_star')], mode: 'single', maxParallelism: 8 });
    table.update(mem.batch([{ kind: Kind.I32, values: [1, 2, 3, 3, null] }]), [0], [undefined], [undefined]);
    expect(table.layout).toBe('dense');
    const sizes = Array.from({ length: 8 }, (_, g) => table.keyGroupSize(g));
    expect(table.layout).toBe('keyed');
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(4);
    for (const k of [1n, 2n, 3n]) expect(sizes[keyGroupOf(k, 8)]).toBeGreaterThan(0);
    table.free();
    mem.freeAll();
  });

  it('gives the same result for any maxParallelism', () => {
    const r = rng(99);
    const n = 1000;
    const columns: JsColumn[] = [
      { kind: Kind.UTF8, values: genColumn(Kind.UTF8, n, r, { card: 200, nulls: 0.1 }) },
      { kind: Kind.F64, values: genColumn(Kind.F64, n, r, { card: 50, nulls: 0.1 }) },
    ];
    const input: RunInput = { columns, keyCols: [0], argCols: [1, 1], filterCols: [undefined, undefined], batches: splitBatches(n, r) };
    const results = [1, 7, 128, 32768].map((p) => sortRows(runKernel(w, { keyKinds: [Kind.UTF8], aggregates: [aggSpec('sum', Kind.F64), aggSpec('max', Kind.F64)], mode: 'single', maxParallelism: p }, input, 100)));
    for (const res of results) expect(res).toEqual(results[0]);
  });

  it('keeps mem_in_use stable when batches bring no new groups', () => {
    const mem = new TestMemory(w);
    const table = HashAggregateTable.create(w, { keyKinds: [Kind.UTF8], aggregates: [aggSpec('count_distinct', Kind.I32), aggSpec('min', Kind.UTF8)], mode: 'single' });
    const r = rng(5);
    const b = mem.batch([
      { kind: Kind.UTF8, values: genColumn(Kind.UTF8, 1000, r, { card: 100, nulls: 0.1 }) },
      { kind: Kind.I32, values: genColumn(Kind.I32, 1000, r, { card: 10, nulls: 0.1 }) },
      { kind: Kind.UTF8, values: genColumn(Kind.UTF8, 1000, r, { card: 100, nulls: 0.1 }) },
    ]);
    table.update(b, [0], [1, 2], [undefined, undefined]);
    const used = w.inUseBytes();
    for (let i = 0; i < 3; i++) table.update(b, [0], [1, 2], [undefined, undefined]);
    expect(w.inUseBytes()).toBe(used);
    table.free();
    mem.freeAll();
  });
});
