// Runs of equal keys (key-runs.ts, run-fold.ts): input clustered by its integer key is looked up
// once per run, and a big table buffers one folded row per run where that is exact. Results and
// overflow errors must be those of row-by-row folding: the plain TypeScript reference folds row
// by row, so DOUBLE sums must match bit for bit, and integer sums must fail exactly where a row
// takes them out of range.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AggregateSpec, HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import type { Cell, JsColumn } from './batch-io.js';
import { aggSpec, fixedBatches, genFilter, rng, runKernel, selectedRows, type RunInput } from './aggregate-fixtures.js';
import { referenceAggregate, sortRows, type RefAggregate } from './reference-aggregate.js';

const I64_MAX = (1n << 63n) - 1n;

/** Distinct INT keys spread over the whole range, so that tables are keyed (hashed), not dense. */
function spread(i: number): number {
  return i * 47_713 - 1_000_000_000;
}

/** Key values in runs of 1..maxRun equal values drawn from `pool` (the same key recurs in later runs). */
function clustered(n: number, pool: readonly Cell[], maxRun: number, r: () => number): Cell[] {
  const out: Cell[] = [];
  while (out.length < n) {
    const key = pool[Math.floor(r() * pool.length)]!;
    const len = 1 + Math.floor(r() * maxRun);
    for (let i = 0; i < len && out.length < n; i++) out.push(key);
  }
  return out;
}

/** Per run of equal keys, values of one sign (or, with probability `mixed`, of both). */
function runValues(keys: readonly Cell[], r: () => number, mixed: number, big: number): Cell[] {
  const out: Cell[] = [];
  let sign = 1n;
  let mix = false;
  keys.forEach((k, i) => {
    if (i === 0 || k !== keys[i - 1]) {
      sign = r() < 0.5 ? 1n : -1n;
      mix = r() < mixed;
    }
    const s = mix && r() < 0.5 ? -sign : sign;
    const magnitude = r() < big ? (1n << 52n) + BigInt(Math.floor(r() * 1000)) : BigInt(Math.floor(r() * 1_000_000));
    out.push(s * magnitude);
  });
  return out;
}

describe('hash aggregate: runs of equal keys', () => {
  let w: WasmInstance;
  beforeAll(async () => { w = await loadWasm(); });

  for (const batchSize of [1, 7, 3000]) {
    it(`clustered I32 and I64 keys with NULLs fold run by run as row by row (every aggregate, batches of ${batchSize})`, () => {
      const r = rng(40 + batchSize);
      const n = batchSize === 1 ? 2000 : 12_000;
      const k0 = clustered(n, [...Array.from({ length: 300 }, (_, i) => spread(i)), null], 12, r);
      const k1: Cell[] = k0.map((k) => (k === null ? null : (k as number) % 3 === 0 ? null : BigInt(k as number) * 1_000_003n));
      const ints: Cell[] = runValues(k0, r, 0.5, 0).map((v, i) => (i % 13 === 0 ? null : v));
      const doubles: Cell[] = Array.from({ length: n }, () => (r() < 0.05 ? null : r() * 1000 - 500));
      const small: Cell[] = Array.from({ length: n }, () => Math.floor(r() * 100) - 50);
      const filter = genFilter(n, r);
      const columns: JsColumn[] = [
        { kind: Kind.I32, values: k0 }, { kind: Kind.I64, values: k1 }, { kind: Kind.I64, values: ints },
        { kind: Kind.F64, values: doubles }, { kind: Kind.I32, values: small }, { kind: Kind.BOOL, values: filter },
      ];
      const aggregates: AggregateSpec[] = [aggSpec('count_star'), aggSpec('count', Kind.I64), aggSpec('sum', Kind.I64), aggSpec('sum', Kind.F64),
        aggSpec('min', Kind.I64), aggSpec('max', Kind.I32), aggSpec('avg', Kind.F64), aggSpec('count_distinct', Kind.I32), aggSpec('sum', Kind.I32)];
      const refAggs: RefAggregate[] = [
        { fn: 'count_star' }, { fn: 'count', arg: ints }, { fn: 'sum', argKind: Kind.I64, arg: ints }, { fn: 'sum', argKind: Kind.F64, arg: doubles },
        { fn: 'min', argKind: Kind.I64, arg: ints }, { fn: 'max', argKind: Kind.I32, arg: small }, { fn: 'avg', argKind: Kind.F64, arg: doubles },
        { fn: 'count_distinct', arg: small }, { fn: 'sum', argKind: Kind.I32, arg: small, filter },
      ];
      const argCols = [undefined, 2, 2, 3, 2, 4, 3, 4, 4];
      const filterCols = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 5];
      for (const keyCols of [[0], [0, 1]]) {
        const input: RunInput = { columns, keyCols, argCols, filterCols, batches: fixedBatches(n, batchSize, r) };
        const spec: HashAggregateSpec = { keyKinds: keyCols.map((c) => columns[c]!.kind), aggregates, mode: 'single' };
        const got = runKernel(w, spec, input);
        const ref = referenceAggregate(keyCols.map((c) => columns[c]!.values), refAggs, selectedRows(input));
        expect(sortRows(got), `keys ${keyCols}`).toEqual(sortRows(ref));
      }
    });
  }

  it('a table past the partition-buffer threshold buffers folded runs: DECIMAL and BIGINT sums, MIN, MAX; and unfolded ones', () => {
    const r = rng(77);
    const first = 40_000;                     // one row per key: the next batches find the table big
    const n = first + 60_000;
    const keys: Cell[] = [...Array.from({ length: first }, (_, i) => spread(i)), ...clustered(n - first, Array.from({ length: 45_000 }, (_, i) => spread(i)), 7, r)];
    const values = runValues(keys, r, 0.05, 0.002);
    const small: Cell[] = Array.from({ length: n }, () => Math.floor(r() * 2000) - 1000);
    const doubles: Cell[] = Array.from({ length: n }, () => r() * 10 - 5);
    const columns: JsColumn[] = [{ kind: Kind.I32, values: keys }, { kind: Kind.I64, values }, { kind: Kind.I32, values: small }, { kind: Kind.F64, values: doubles }];
    const batches: RunInput['batches'] = [{ start: 0, end: first }];
    for (let start = first; start < n; start += start < first + 700 ? 7 : 4096) batches.push({ start, end: Math.min(n, start + (start < first + 700 ? 7 : 4096)) });
    const rows = selectedRows({ columns, keyCols: [0], argCols: [], filterCols: [], batches });
    const decimal = { scale: 2, resultScale: 2 };
    const folded: HashAggregateSpec = {
      keyKinds: [Kind.I32], mode: 'single',
      aggregates: [{ fn: 'sum', argKind: Kind.I64, name: 'd', decimal }, aggSpec('sum', Kind.I64), aggSpec('min', Kind.I32), aggSpec('max', Kind.I64)],
    };
    const got = runKernel(w, folded, { columns, keyCols: [0], argCols: [1, 1, 2, 1], filterCols: [], batches }, 8192);
    const ref = referenceAggregate([keys], [
      { fn: 'sum', argKind: Kind.I64, arg: values }, { fn: 'sum', argKind: Kind.I64, arg: values },
      { fn: 'min', argKind: Kind.I32, arg: small }, { fn: 'max', argKind: Kind.I64, arg: values },
    ], rows);
    expect(got.length).toBeGreaterThan(40_000);
    expect(sortRows(got)).toEqual(sortRows(ref));
    // COUNT and DOUBLE SUM do not fold: the same table buffers row by row.
    const unfolded: HashAggregateSpec = { keyKinds: [Kind.I32], mode: 'single', aggregates: [aggSpec('count_star'), aggSpec('sum', Kind.F64), aggSpec('sum', Kind.I64)] };
    const got2 = runKernel(w, unfolded, { columns, keyCols: [0], argCols: [undefined, 3, 1], filterCols: [], batches }, 8192);
    const ref2 = referenceAggregate([keys], [{ fn: 'count_star' }, { fn: 'sum', argKind: Kind.F64, arg: doubles }, { fn: 'sum', argKind: Kind.I64, arg: values }], rows);
    expect(sortRows(got2)).toEqual(sortRows(ref2));
  });

  describe('integer overflow inside and at the boundary of a run', () => {
    /**
     * SUM(x) over key 7 starting at MAX - 1, then a batch whose runs are `tail` (key, value pairs)
     * after padding runs that make the chunk look clustered. `big`: the first batch creates 40,000
     * groups, so the second one goes through the partition buffer.
     */
    function run(tail: [number, bigint][], big: boolean): Cell[][] {
      const groups = big ? 40_000 : 10;
      const keys: Cell[] = Array.from({ length: groups }, (_, i) => spread(i));
      const values: Cell[] = keys.map((k) => (k === spread(7) ? I64_MAX - 1n : 0n));
      for (let p = 0; p < 64; p++) for (let i = 0; i < 4; i++) { keys.push(spread(100 + p)); values.push(1n); }
      for (const [k, v] of tail) { keys.push(spread(k)); values.push(v); }
      const input: RunInput = {
        columns: [{ kind: Kind.I32, values: keys }, { kind: Kind.I64, values }], keyCols: [0], argCols: [1], filterCols: [],
        batches: [{ start: 0, end: groups }, { start: groups, end: keys.length }],
      };
      const got = runKernel(w, { keyKinds: [Kind.I32], aggregates: [aggSpec('sum', Kind.I64, 'x')], mode: 'single' }, input, 65536);
      return got.filter((row) => row[0] === spread(7)).map((row) => [7, ...row.slice(1)]);
    }

    for (const big of [false, true]) {
      const where = big ? 'buffered' : 'probed';
      it(`a run that mixes signs fails where a row overflows, and not when it stays in range (${where})`, () => {
        expect(() => run([[7, 5n], [7, -10n]], big)).toThrow('integer overflow in SUM(x)');
        expect(run([[7, -10n], [7, 5n]], big)).toEqual([[7, I64_MAX - 6n]]);
      });

      it(`a run of one sign fails when its sum overflows, also at a run boundary (${where})`, () => {
        expect(() => run([[7, 1n], [7, 1n]], big)).toThrow('integer overflow in SUM(x)');
        expect(() => run([[7, 1n], [8, 1n], [8, 1n], [7, 1n]], big)).toThrow('integer overflow in SUM(x)');
        expect(run([[7, 1n], [8, 1n], [8, 1n], [7, -1n]], big)).toEqual([[7, I64_MAX - 1n]]);
      });
    }
  });
});
