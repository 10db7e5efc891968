// The hash-aggregate kernel over DECIMALs, below SQL: 128-bit SUM/AVG states through partial ->
// final phases (I64 and I128 arguments, selections, FILTERs), a keyed table big enough to use
// the partition buffer, MIN/MAX over I128 with extreme values, and the overflow errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AggregateSpec, HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import type { Cell, JsColumn } from './batch-io.js';
import { genFilter, rng, runKernel, selectedRows, splitBatches, type RunInput } from './aggregate-fixtures.js';
import { divRoundHalfUp } from './decimal-reference.js';
import { sortRows } from './reference-aggregate.js';

const dec = (fn: 'sum' | 'avg', argKind: Kind, name: string, scale: number): AggregateSpec =>
  ({ fn, argKind, name, decimal: { scale, resultScale: fn === 'avg' ? Math.max(6, scale) : scale } });

/** Per key: SUM, AVG (scaled up by 10^up), MIN, MAX, COUNT of the rows' non-NULL values that pass the filter. */
function reference(keys: Cell[], values: Cell[], filter: Cell[] | undefined, rows: number[], up: bigint): Cell[][] {
  const groups = new Map<Cell, bigint[]>();
  for (const i of rows) {
    if (!groups.has(keys[i]!)) groups.set(keys[i]!, []);
    const v = values[i];
    if (v === null || (filter && filter[i] !== true)) continue;
    groups.get(keys[i]!)!.push(v as bigint);
  }
  return [...groups].map(([k, vs]) => {
    const sum = vs.reduce((a, b) => a + b, 0n);
    const min = vs.length ? vs.reduce((a, b) => (b < a ? b : a)) : null;
    const max = vs.length ? vs.reduce((a, b) => (b > a ? b : a)) : null;
    return [k, vs.length ? sum : null, vs.length ? divRoundHalfUp(sum * up, BigInt(vs.length)) : null, min, max, BigInt(vs.length)];
  });
}

for (const debug of [false, true]) describe(`hash aggregate over DECIMALs (${debug ? 'debug' : 'release'} build)`, () => {
  let w: WasmInstance;
  beforeAll(async () => { w = await loadWasm({ debug }); });

  for (const kind of [Kind.I64, Kind.I128]) {
    it(`single with selections and FILTER, and partial (3 subtasks) then final, equal the reference (${kind === Kind.I64 ? 'I64' : 'I128'})`, () => {
      const wide = kind === Kind.I128;
      for (const n of [0, 1, 63, 64, 65, 1000]) {
        const r = rng(101 + n + kind);
        const keys: Cell[] = Array.from({ length: n }, () => (r() < 0.1 ? null : Math.floor(r() * 9)));
        const values: Cell[] = Array.from({ length: n }, (_, i) => {
          if (r() < 0.2) return null;
          const x = BigInt(Math.floor((r() - 0.5) * 2 ** 53));
          return wide ? (i % 2 ? -1n : 1n) * 10n ** 36n * 7n + x : x * 1000n;
        });
        const filter = genFilter(n, r);
        // I128 values near 7 * 10^36 at scale 6 (AVG keeps the scale); I64 at scale 2 (AVG: x 10^4).
        const scale = wide ? 6 : 2;
        const up = wide ? 1n : 10000n;
        const aggregates = [dec('sum', kind, 's', scale), dec('avg', kind, 'a', scale),
          { fn: 'min', argKind: kind, name: 'mn' }, { fn: 'max', argKind: kind, name: 'mx' }, { fn: 'count', argKind: kind, name: 'c' }] as AggregateSpec[];
        const cols = (rows: number[]): JsColumn[] => [
          { kind: Kind.I32, values: rows.map((i) => keys[i]!) }, { kind, values: rows.map((i) => values[i]!) }, { kind: Kind.BOOL, values: rows.map((i) => filter[i]!) }];
        const input = (rows: number[], withFilter: boolean, select: boolean): RunInput => ({
          columns: cols(rows), keyCols: [0], argCols: [1, 1, 1, 1, 1], filterCols: aggregates.map(() => (withFilter ? 2 : undefined)),
          batches: splitBatches(rows.length, r, select),
        });
        const all = Array.from({ length: n }, (_, i) => i);
        const single = input(all, true, true);
        const got = runKernel(w, { keyKinds: [Kind.I32], aggregates, mode: 'single' }, single, 7);
        expect(sortRows(got), `single n=${n}`).toEqual(sortRows(reference(keys, values, filter, selectedRows(single), up)));

        const partialRows: Cell[][] = [];
        for (let p = 0; p < 3; p++) {
          partialRows.push(...runKernel(w, { keyKinds: [Kind.I32], aggregates, mode: 'partial' }, input(all.filter((i) => i % 3 === p), false, false), 5));
        }
        // State columns: key, sum (I128), avg sum (I128) and count, min, max, count.
        const stateKinds = [Kind.I32, Kind.I128, Kind.I128, Kind.I64, kind, kind, Kind.I64];
        const finalSpec: HashAggregateSpec = { keyKinds: [Kind.I32], aggregates, mode: 'final' };
        const final = runKernel(w, finalSpec, {
          columns: stateKinds.map((k, c) => ({ kind: k, values: partialRows.map((row) => row[c]!) })),
          keyCols: [0], argCols: [1, 2, 4, 5, 6], filterCols: [], batches: splitBatches(partialRows.length, r, false),
        }, 3);
        expect(sortRows(final), `final n=${n}`).toEqual(sortRows(reference(keys, values, undefined, all, up)));
      }
    });
  }

  it('a keyed table past the partition-buffer threshold sums I64 decimals exactly', () => {
    const n = 150_000;
    const keys: Cell[] = Array.from({ length: n }, (_, i) => BigInt((i * 7919) % 50_000));
    const values: Cell[] = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : BigInt(i) * 123_456_789_012n - 9_000_000_000_000_000n));
    const batches = [0, 40_000, 80_000, 120_000, n].slice(1).map((end, b, ends) => ({ start: b === 0 ? 0 : ends[b - 1]!, end }));
    const got = runKernel(w, { keyKinds: [Kind.I64], aggregates: [dec('sum', Kind.I64, 's', 3), dec('avg', Kind.I64, 'a', 3)], mode: 'single' },
      { columns: [{ kind: Kind.I64, values: keys }, { kind: Kind.I64, values }], keyCols: [0], argCols: [1, 1], filterCols: [], batches }, 65536);
    const expected = reference(keys, values, undefined, Array.from({ length: n }, (_, i) => i), 1000n).map((row) => row.slice(0, 3));
    expect(sortRows(got)).toEqual(sortRows(expected));
  });

  it('MIN/MAX over I128 keep the extremes, NULL for a group without values', () => {
    const lo = -(10n ** 38n) + 1n;
    const hi = 10n ** 38n - 1n;
    const values: Cell[] = [0n, hi, lo, -1n, 1n << 64n, -(1n << 64n), null, null];
    const got = runKernel(w, { keyKinds: [Kind.I32], aggregates: [{ fn: 'min', argKind: Kind.I128, name: 'mn' }, { fn: 'max', argKind: Kind.I128, name: 'mx' }], mode: 'single' },
      { columns: [{ kind: Kind.I32, values: [1, 1, 1, 2, 2, 2, 3, 3] }, { kind: Kind.I128, values }], keyCols: [0], argCols: [1, 1], filterCols: [], batches: [{ start: 0, end: 8 }] });
    expect(sortRows(got)).toEqual([[1, lo, hi], [2, -(1n << 64n), 1n << 64n], [3, null, null]]);
  });

  it('overflow beyond 38 digits throws "SUM overflowed DECIMAL(38, s)" (128-bit wrap and 10^38 bound), AVG past its scale "AVG overflowed"', () => {
    const near = 10n ** 38n - 1n;
    const run = (aggs: AggregateSpec[], kind: Kind, values: Cell[], mode: HashAggregateSpec['mode'] = 'single') => runKernel(w, { keyKinds: [], aggregates: aggs, mode },
      { columns: [{ kind, values }], keyCols: [], argCols: aggs.map(() => 0), filterCols: [], batches: [{ start: 0, end: values.length }] });
    expect(() => run([dec('sum', Kind.I128, 'x', 2)], Kind.I128, [near, 1n])).toThrow('SUM overflowed DECIMAL(38, 2) in SUM(x)');
    expect(() => run([dec('sum', Kind.I128, 'x', 2)], Kind.I128, [near, near])).toThrow('SUM overflowed DECIMAL(38, 2) in SUM(x)');
    expect(() => run([dec('sum', Kind.I128, 'x', 2)], Kind.I128, [-near, -near])).toThrow('SUM overflowed');
    expect(() => run([dec('avg', Kind.I128, 'AVG(y)', 4)], Kind.I128, [near, near])).toThrow('SUM overflowed DECIMAL(38, 4) in AVG(y)');
    expect(() => run([dec('avg', Kind.I128, 'y', 0)], Kind.I128, [10n ** 33n])).toThrow('AVG overflowed DECIMAL(38, 6) in AVG(y)');
    expect(run([dec('sum', Kind.I128, 'x', 2)], Kind.I128, [near, -near, near])).toEqual([[near]]);
    const odd = 10n ** 32n;
    expect(run([dec('sum', Kind.I128, 'x', 6), dec('avg', Kind.I128, 'y', 6)], Kind.I128, [-near, odd])).toEqual([[odd - near, divRoundHalfUp(odd - near, 2n)]]);
    // I64 inputs: 2^63 - 1 summed 10^19 times would be needed; the sum stays exact past 64 bits.
    const max = (1n << 63n) - 1n;
    expect(run([dec('sum', Kind.I64, 'x', 2)], Kind.I64, [max, max, max, -max - 1n])).toEqual([[2n * max - 1n]]);
    expect(() => run([dec('sum', Kind.I128, 'x', 2)], Kind.I128, [near, near], 'final')).toThrow('SUM overflowed DECIMAL(38, 2)');
  });
});
