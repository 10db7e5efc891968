// Property tests of the hash aggregate against the Map-based reference: every key kind, every
// aggregate, nulls in keys and arguments, NaN/-0, integer extremes, FILTER columns, several
// batches with selections, emission in small chunks, no leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import type { HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import type { JsColumn } from './batch-io.js';
import { aggSpec, genColumn, genFilter, rng, runKernel, selectedRows, splitBatches, type RunInput } from './aggregate-fixtures.js';
import { referenceAggregate, sortRows, type RefAggregate } from './reference-aggregate.js';

const LENGTHS = [0, 1, 63, 64, 65, 1000];
const KEY_KINDS: [string, Kind][] = [
  ['BOOL', Kind.BOOL], ['I32', Kind.I32], ['I64', Kind.I64], ['F64', Kind.F64],
  ['UTF8', Kind.UTF8], ['DICT', Kind.DICT], ['I128', Kind.I128],
];

/**
 * The argument columns every test aggregates: ints for sums (small, no overflow), an extreme-
 * valued i64, f64 with NaN/-0/inf, strings, bools, and a FILTER column.
 */
function argColumns(n: number, r: () => number, nulls: number): JsColumn[] {
  return [
    { kind: Kind.I32, values: genColumn(Kind.I32, n, r, { card: 1000, nulls, small: true }) },   // 0 sum/avg int
    { kind: Kind.I64, values: genColumn(Kind.I64, n, r, { card: 50, nulls, edges: 0.3 }) },      // 1 min/max extremes
    { kind: Kind.F64, values: genColumn(Kind.F64, n, r, { card: 40, nulls, edges: 0.2 }) },      // 2 f64
    { kind: Kind.UTF8, values: genColumn(Kind.UTF8, n, r, { card: 30, nulls }) },                // 3 strings
    { kind: Kind.BOOL, values: genColumn(Kind.BOOL, n, r, { card: 2, nulls }) },                 // 4 bool
    { kind: Kind.BOOL, values: genFilter(n, r) },                                               // 5 filter
    { kind: Kind.I64, values: genColumn(Kind.I64, n, r, { card: 5000, nulls, small: true }) },  // 6 sum i64
    { kind: Kind.DICT, values: genColumn(Kind.DICT, n, r, { card: 20, nulls }) },                // 7 dict
    { kind: Kind.I32, values: genColumn(Kind.I32, n, r, { card: 20, nulls, edges: 0.3 }) },      // 8 i32 extremes
  ];
}

/** [fn, argKind, arg column (relative), filter?] */
const AGGS: [RefAggregate['fn'], Kind | undefined, number | undefined, boolean][] = [
  ['count_star', undefined, undefined, false],
  ['count_star', undefined, undefined, true],
  ['count', Kind.F64, 2, false],
  ['count_distinct', Kind.F64, 2, false],
  ['count_distinct', Kind.UTF8, 3, true],
  ['count_distinct', Kind.I64, 1, false],
  ['count_distinct', Kind.DICT, 7, false],
  ['sum', Kind.I32, 0, false],
  ['sum', Kind.I64, 6, true],
  ['sum', Kind.F64, 2, false],
  ['min', Kind.I64, 1, false],
  ['max', Kind.I64, 1, true],
  ['min', Kind.F64, 2, false],
  ['max', Kind.F64, 2, false],
  ['min', Kind.UTF8, 3, false],
  ['max', Kind.UTF8, 3, false],
  ['min', Kind.DICT, 7, true],
  ['max', Kind.DICT, 7, false],
  ['min', Kind.BOOL, 4, false],
  ['max', Kind.BOOL, 4, true],
  ['min', Kind.I32, 8, false],
  ['max', Kind.I32, 8, false],
  ['avg', Kind.I32, 0, false],
  ['avg', Kind.F64, 2, true],
  ['avg', Kind.I64, 6, false],
];

function check(w: WasmInstance, keyKinds: Kind[], n: number, seed: number, opts: { nulls: number; card: number; chunk: number }): void {
  const r = rng(seed);
  const keys: JsColumn[] = keyKinds.map((k) => ({ kind: k, values: genColumn(k, n, r, { card: opts.card, nulls: opts.nulls, edges: 0.1 }) }));
  const args = argColumns(n, r, opts.nulls);
  const nk = keys.length;
  const input: RunInput = {
    columns: [...keys, ...args],
    keyCols: keys.map((_, i) => i),
    argCols: AGGS.map(([, , a]) => (a === undefined ? undefined : nk + a)),
    filterCols: AGGS.map(([, , , f]) => (f ? nk + 5 : undefined)),
    batches: splitBatches(n, r),
  };
  const spec: HashAggregateSpec = { keyKinds, aggregates: AGGS.map(([fn, k], i) => aggSpec(fn, k, `a${i}`)), mode: 'single' };
  const got = runKernel(w, spec, input, opts.chunk, Math.floor(r() * 8));
  const ref = referenceAggregate(
    keys.map((k) => k.values),
    AGGS.map(([fn, argKind, a, f]) => ({ fn, argKind, arg: a === undefined ? undefined : args[a]!.values, filter: f ? args[5]!.values : undefined })),
    selectedRows(input),
  );
  expect(sortRows(got)).toEqual(sortRows(ref));
}

for (const debug of [false, true]) {
  describe(`hash aggregate (${debug ? 'debug' : 'release'} build)`, () => {
    let w: WasmInstance;
    beforeAll(async () => { w = await loadWasm({ debug }); });

    for (const [name, kind] of KEY_KINDS) {
      it(`groups by one ${name} key, with and without nulls, at lengths ${LENGTHS.join(', ')}`, () => {
        let seed = kind * 1000;
        for (const n of LENGTHS) {
          for (const nulls of [0, 0.15]) {
            check(w, [kind], n, seed++, { nulls, card: n < 100 ? 10 : 300, chunk: 7 });
            if (debug) break;
          }
        }
      });
    }

    const MULTI: Kind[][] = [
      [Kind.I32, Kind.UTF8],
      [Kind.BOOL, Kind.F64, Kind.I64],
      [Kind.DICT, Kind.I128],
      [Kind.UTF8, Kind.UTF8],
    ];
    for (const kinds of MULTI) {
      it(`groups by several keys (${kinds.map((k) => Object.entries(Kind).find(([, v]) => v === k)![0]).join(', ')})`, () => {
        let seed = 77 + kinds.length;
        for (const n of LENGTHS) {
          check(w, kinds, n, seed++, { nulls: 0.1, card: 6, chunk: 64 });
          if (debug && n > 64) break;
        }
      });
    }

    it('computes a global aggregate (no keys): one row, even on empty input', () => {
      for (const n of LENGTHS) check(w, [], n, 5 + n, { nulls: 0.2, card: 3, chunk: 1 });
    });

    it('groups a single integer key with a wide range (keyed layout) and a narrow one (dense layout)', () => {
      let seed = 900;
      for (const card of [3, 100000, 4000000000]) {
        check(w, [Kind.I64], 1000, seed++, { nulls: 0.05, card, chunk: 333 });
        check(w, [Kind.I32], 1000, seed++, { nulls: 0.05, card: Math.min(card, 2000000000), chunk: 333 });
      }
    });
  });
}
