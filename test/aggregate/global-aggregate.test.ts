// Property tests of the aggregate without GROUP BY (global-update.ts keeps its states in
// registers) against the plain TypeScript reference: every aggregate and kind it folds, NULLs,
// FILTERs, selections, runs longer than a chunk, 'single' and 'partial' mode, DECIMAL sums, the
// row order of DOUBLE sums, overflow errors, and the one row an empty input gives.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AggregateSpec, HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { HashAggregateTable } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TestMemory, type Cell, type JsColumn } from './batch-io.js';
import { aggSpec, genColumn, genFilter, rng, runKernel, selectedRows, splitBatches, type RunInput } from './aggregate-fixtures.js';
import { divRoundHalfUp } from './decimal-reference.js';
import { referenceAggregate, type RefAggregate } from './reference-aggregate.js';

const LENGTHS = [0, 1, 63, 64, 65, 1000, 4500];

/** Argument columns: small ints for sums, extremes for MIN/MAX, f64 with NaN/-0/inf, strings, a FILTER. */
function argColumns(n: number, r: () => number, nulls: number): JsColumn[] {
  return [
    { kind: Kind.I32, values: genColumn(Kind.I32, n, r, { card: 100000, nulls, small: true }) }, // 0 sum/avg i32
    { kind: Kind.I64, values: genColumn(Kind.I64, n, r, { card: 50, nulls, edges: 0.3 }) },      // 1 i64 extremes
    { kind: Kind.F64, values: genColumn(Kind.F64, n, r, { card: 40, nulls, edges: 0.2 }) },      // 2 f64 edges
    { kind: Kind.UTF8, values: genColumn(Kind.UTF8, n, r, { card: 30, nulls }) },                // 3 strings
    { kind: Kind.BOOL, values: genFilter(n, r) },                                               // 4 filter
    { kind: Kind.I64, values: genColumn(Kind.I64, n, r, { card: 5000, nulls, small: true }) },  // 5 sum i64
    { kind: Kind.DICT, values: genColumn(Kind.DICT, n, r, { card: 20, nulls }) },                // 6 dict
    { kind: Kind.I32, values: genColumn(Kind.I32, n, r, { card: 20, nulls, edges: 0.3 }) },      // 7 i32 extremes
    // 8: doubles of mixed magnitude, so that the order of additions shows in the sum.
    { kind: Kind.F64, values: Array.from({ length: n }, () => (r() < nulls ? null : (r() - 0.5) * 10 ** Math.floor(r() * 20))) },
  ];
}

/** [fn, argKind, arg column, filter?]: only aggregates the no-key path folds. */
const AGGS: [RefAggregate['fn'], Kind | undefined, number | undefined, boolean][] = [
  ['count_star', undefined, undefined, false],
  ['count_star', undefined, undefined, true],
  ['count', Kind.F64, 2, false],
  ['count', Kind.UTF8, 3, true],
  ['count', Kind.DICT, 6, false],
  ['sum', Kind.I32, 0, false],
  ['sum', Kind.I32, 0, true],
  ['sum', Kind.I64, 5, false],
  ['sum', Kind.I64, 5, true],
  ['sum', Kind.F64, 2, false],
  ['sum', Kind.F64, 8, false],
  ['sum', Kind.F64, 8, true],
  ['min', Kind.I32, 7, false],
  ['max', Kind.I32, 7, false],
  ['min', Kind.I32, 0, true],
  ['max', Kind.I32, 0, true],
  ['min', Kind.I64, 1, false],
  ['max', Kind.I64, 1, true],
  ['min', Kind.F64, 2, false],
  ['max', Kind.F64, 2, false],
  ['min', Kind.F64, 2, true],
  ['max', Kind.F64, 8, true],
  ['avg', Kind.I32, 0, false],
  ['avg', Kind.I64, 5, true],
  ['avg', Kind.F64, 8, false],
];

interface CheckOptions { nulls: number; select: boolean; mode: 'single' | 'partial'; aggs?: typeof AGGS }

function check(w: WasmInstance, n: number, seed: number, o: CheckOptions): void {
  const r = rng(seed);
  const aggs = o.aggs ?? AGGS;
  const args = argColumns(n, r, o.nulls);
  const input: RunInput = {
    columns: args,
    keyCols: [],
    argCols: aggs.map(([, , a]) => a),
    filterCols: aggs.map(([, , , f]) => (f ? 4 : undefined)),
    batches: splitBatches(n, r, o.select),
  };
  const spec: HashAggregateSpec = { keyKinds: [], aggregates: aggs.map(([fn, k], i) => aggSpec(fn, k, `a${i}`)), mode: o.mode };
  const got = runKernel(w, spec, input, 1, Math.floor(r() * 8));
  const ref = referenceAggregate([],
    aggs.map(([fn, argKind, a, f]) => ({ fn, argKind, arg: a === undefined ? undefined : args[a]!.values, filter: f ? args[4]!.values : undefined })),
    selectedRows(input), o.mode);
  expect(got.length).toBe(1);
  expect(got, `n=${n} nulls=${o.nulls} select=${o.select} mode=${o.mode}`).toEqual(ref);
}

const dec = (fn: 'sum' | 'avg', argKind: Kind, name: string, scale: number): AggregateSpec =>
  ({ fn, argKind, name, decimal: { scale, resultScale: fn === 'avg' ? Math.max(6, scale) : scale } });

for (const debug of [false, true]) {
  describe(`aggregate without GROUP BY (${debug ? 'debug' : 'release'} build)`, () => {
    let w: WasmInstance;
    beforeAll(async () => { w = await loadWasm({ debug }); });

    for (const mode of ['single', 'partial'] as const) {
      it(`equals the reference in ${mode} mode at lengths ${LENGTHS.join(', ')}, with and without NULLs and selections`, () => {
        let seed = mode === 'single' ? 1 : 500;
        for (const n of LENGTHS) {
          for (const nulls of [0, 0.15]) {
            for (const select of [false, true]) check(w, n, seed++, { nulls, select, mode });
          }
          if (debug && n >= 1000) break;
        }
      });
    }

    it('gives one row for an empty input: COUNTs 0, SUM/MIN/MAX/AVG NULL', () => {
      check(w, 0, 3, { nulls: 0, select: false, mode: 'single' });
      const got = runKernel(w, { keyKinds: [], aggregates: [aggSpec('count_star'), aggSpec('sum', Kind.F64), aggSpec('min', Kind.I32), aggSpec('avg', Kind.I64)], mode: 'single' },
        { columns: [{ kind: Kind.F64, values: [] }, { kind: Kind.I32, values: [] }, { kind: Kind.I64, values: [] }], keyCols: [], argCols: [undefined, 0, 1, 2], filterCols: [], batches: [] });
      expect(got).toEqual([[0n, null, null, null]]);
    });

    it('gives NULL sums when every row is NULL or filtered out', () => {
      const n = 300;
      const input: RunInput = {
        columns: [{ kind: Kind.I32, values: Array.from({ length: n }, () => null) }, { kind: Kind.F64, values: Array.from({ length: n }, (_, i) => i) },
          { kind: Kind.BOOL, values: Array.from({ length: n }, (_, i) => (i % 2 ? false : null)) }],
        keyCols: [], argCols: [undefined, 0, 0, 1, 1], filterCols: [undefined, undefined, undefined, 2, 2], batches: [{ start: 0, end: n }],
      };
      const aggregates = [aggSpec('count_star'), aggSpec('sum', Kind.I32), aggSpec('count', Kind.I32), aggSpec('max', Kind.F64), aggSpec('sum', Kind.F64)];
      expect(runKernel(w, { keyKinds: [], aggregates, mode: 'single' }, input)).toEqual([[300n, null, 0n, null, null]]);
    });

    it('adds DOUBLEs in row order (a different order would round differently)', () => {
      // 2^53 + 1 rounds back to 2^53: in row order every 1 is lost, summed pairwise first they would count.
      const values: Cell[] = [2 ** 53, ...Array.from({ length: 5000 }, () => 1), -(2 ** 53), 0.1, 0.2, 0.3];
      const rows = values.map((_, i) => i);
      for (const select of [false, true]) {
        const sel = select ? rows.filter((i) => i % 7 !== 3) : undefined;
        const input: RunInput = { columns: [{ kind: Kind.F64, values }], keyCols: [], argCols: [0], filterCols: [], batches: [{ start: 0, end: values.length, sel }] };
        let s = 0;
        for (const i of sel ?? rows) s += values[i] as number;
        expect(runKernel(w, { keyKinds: [], aggregates: [aggSpec('sum', Kind.F64)], mode: 'single' }, input)).toEqual([[s]]);
      }
    });

    for (const kind of [Kind.I64, Kind.I128]) {
      it(`sums DECIMALs (${kind === Kind.I64 ? 'I64' : 'I128'}) exactly, with NULLs, FILTERs and selections`, () => {
        const wide = kind === Kind.I128;
        for (const n of LENGTHS) {
          const r = rng(71 + n + kind);
          const values: Cell[] = Array.from({ length: n }, (_, i) => {
            if (r() < 0.2) return null;
            const x = BigInt(Math.floor((r() - 0.5) * 2 ** 53));
            return wide ? (i % 2 ? -1n : 1n) * 10n ** 34n * 3n + x : x * 1000n;
          });
          const filter = genFilter(n, r);
          const scale = wide ? 6 : 2;
          const up = wide ? 1n : 10000n;
          const aggregates = [dec('sum', kind, 's', scale), dec('avg', kind, 'a', scale), dec('sum', kind, 'fs', scale), aggSpec('count', kind)];
          const input: RunInput = {
            columns: [{ kind, values }, { kind: Kind.BOOL, values: filter }], keyCols: [], argCols: [0, 0, 0, 0],
            filterCols: [undefined, undefined, 1, undefined], batches: splitBatches(n, r),
          };
          const got = runKernel(w, { keyKinds: [], aggregates, mode: 'single' }, input, 1);
          const rows = selectedRows(input);
          const vs = rows.map((i) => values[i]).filter((v): v is bigint => v !== null);
          const fvs = rows.filter((i) => filter[i] === true).map((i) => values[i]).filter((v): v is bigint => v !== null);
          const sum = vs.reduce((a, b) => a + b, 0n);
          const fsum = fvs.reduce((a, b) => a + b, 0n);
          expect(got, `n=${n}`).toEqual([[vs.length ? sum : null, vs.length ? divRoundHalfUp(sum * up, BigInt(vs.length)) : null,
            fvs.length ? fsum : null, BigInt(vs.length)]]);
        }
      });
    }

    it('reports integer and DECIMAL sum overflow, naming the aggregate', () => {
      const run = (spec: HashAggregateSpec, col: JsColumn): void => {
        const mem = new TestMemory(w);
        const table = HashAggregateTable.create(w, spec);
        try {
          const batch = mem.batch([col]);
          table.update(batch, [], spec.aggregates.map(() => 0), [], 0, batch.numRows);
        } finally {
          table.free();
          mem.freeAll();
        }
      };
      const max = (1n << 63n) - 1n;
      // A prefix overflows even though the total fits: an error, as row by row.
      expect(() => run({ keyKinds: [], aggregates: [aggSpec('count_star'), aggSpec('sum', Kind.I64, 'x')], mode: 'single' },
        { kind: Kind.I64, values: [1n, max, -5n] })).toThrow('integer overflow in SUM(x)');
      expect(() => run({ keyKinds: [], aggregates: [aggSpec('avg', Kind.I64, 'y')], mode: 'single' },
        { kind: Kind.I64, values: [-max, -max] })).toThrow('integer overflow in AVG(y)');
      expect(() => run({ keyKinds: [], aggregates: [dec('sum', Kind.I128, 'd', 2)], mode: 'single' },
        { kind: Kind.I128, values: [6n * 10n ** 37n, 5n * 10n ** 37n] })).toThrow('SUM overflowed DECIMAL(38, 2) in SUM(d)');
    });
  });
}
