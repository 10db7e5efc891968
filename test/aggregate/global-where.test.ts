// Property tests of the aggregate without GROUP BY with a folded-in `column <op> literal`
// (wasm/assembly/aggregate/global-where.ts) against the plain TypeScript reference: every
// operator over I32, I64 and F64 predicate columns (NULLs, NaN, -0, extremes), every aggregate
// the fused path covers, selections, runs across the 4096-row chunk, 'single' and 'partial'
// mode; DOUBLE sums are checked bit for bit against their eight-lane definition, and for the
// same result however the rows are cut into batches.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareLiteral, CompareOp, HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { HashAggregateTable } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TestMemory, readRows, type Cell, type JsColumn } from './batch-io.js';
import { aggSpec, genColumn, rng, selectedRows, splitBatches, type RunInput } from './aggregate-fixtures.js';
import { referenceAggregate, type RefAggregate } from './reference-aggregate.js';

const LENGTHS = [0, 1, 63, 64, 65, 1000, 4097, 9000];
const OPS: readonly CompareOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

function columns(n: number, r: () => number, nulls: number): JsColumn[] {
  return [
    { kind: Kind.I32, values: genColumn(Kind.I32, n, r, { card: 20, nulls, edges: 0.2 }) },         // 0 predicate / MIN, MAX
    { kind: Kind.I64, values: genColumn(Kind.I64, n, r, { card: 20, nulls, edges: 0.2 }) },         // 1 predicate / MIN, MAX
    { kind: Kind.F64, values: genColumn(Kind.F64, n, r, { card: 20, nulls, edges: 0.3 }) },         // 2 predicate (NaN, -0, inf)
    { kind: Kind.I32, values: genColumn(Kind.I32, n, r, { card: 100000, nulls, small: true }) },    // 3 sums
    // 4: doubles of mixed magnitude, so that the order of additions shows in the sum.
    { kind: Kind.F64, values: Array.from({ length: n }, () => (r() < nulls ? null : (r() - 0.5) * 10 ** Math.floor(r() * 20))) },
    { kind: Kind.UTF8, values: genColumn(Kind.UTF8, n, r, { card: 30, nulls }) },                   // 5 COUNT of strings
  ];
}

/** [fn, argKind, arg column]: the aggregates the fused path covers. */
const AGGS: [RefAggregate['fn'], Kind | undefined, number | undefined][] = [
  ['count_star', undefined, undefined],
  ['count', Kind.F64, 2],
  ['count', Kind.UTF8, 5],
  ['sum', Kind.I32, 3],
  ['sum', Kind.F64, 4],
  ['sum', Kind.F64, 2],
  ['avg', Kind.I32, 3],
  ['avg', Kind.F64, 4],
  ['min', Kind.I32, 0],
  ['max', Kind.I32, 0],
  ['min', Kind.I64, 1],
  ['max', Kind.I64, 1],
];

/** The VM's comparison: NULL is never TRUE, NaN equals NaN and is above every number, -0 = 0. */
function holds(x: Cell, op: CompareOp, c: number | bigint): boolean {
  if (x === null) return false;
  let cmp: number;
  if (typeof x === 'bigint') cmp = x < BigInt(c) ? -1 : x > BigInt(c) ? 1 : 0;
  else if (Number.isNaN(x)) cmp = 1;
  else cmp = (x as number) < Number(c) ? -1 : (x as number) > Number(c) ? 1 : 0;
  return { eq: cmp === 0, ne: cmp !== 0, lt: cmp < 0, le: cmp <= 0, gt: cmp > 0, ge: cmp >= 0 }[op];
}

/** The eight-lane DOUBLE sum of global-where.ts: the k-th offered row goes to lane k mod 8. */
function laneSum(values: readonly Cell[], offered: readonly number[], keep: (row: number) => boolean): number | null {
  const lanes = new Array<number>(8).fill(-0);
  let any = false;
  offered.forEach((row, k) => {
    const v = values[row];
    if (v === null || !keep(row)) return;
    lanes[k % 8] += v as number;
    any = true;
  });
  if (!any) return null;
  const [l0, l1, l2, l3, l4, l5, l6, l7] = lanes as [number, number, number, number, number, number, number, number];
  return 0 + (((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)));
}

/** Runs the fused path over the input's batches; returns the emitted row, checking the arena and for leaks. */
function runWhere(w: WasmInstance, spec: HashAggregateSpec, input: RunInput, where: readonly CompareLiteral[]): Cell[][] {
  const arena = w.fn.arena_mark!() >>> 0;
  w.fn.arena_trim!();
  const base = w.inUseBytes();
  const mem = new TestMemory(w);
  const table = HashAggregateTable.create(w, spec);
  let offered = 0;
  try {
    for (const b of input.batches) {
      const batch = mem.batch(input.columns.map((c) => ({ ...c, values: c.values.slice(b.start, b.end) })), 3);
      const selLen = b.sel ? b.sel.length : batch.numRows;
      const mark = w.fn.arena_mark!() >>> 0;
      expect(table.updateWhere(batch, input.argCols, input.filterCols, where, offered, b.sel ? mem.selection(b.sel) : 0, selLen)).toBe(true);
      expect(w.fn.arena_mark!() >>> 0).toBe(mark);
      offered += selLen;
    }
    const rows: Cell[][] = [];
    for (const out of table.emit(16)) rows.push(...readRows(w, out));
    return rows;
  } finally {
    table.free();
    mem.freeAll();
    w.fn.arena_reset!(arena);
    w.fn.arena_trim!();
    expect(w.inUseBytes()).toBe(base);
  }
}

function literalFor(col: JsColumn, r: () => number): number | bigint {
  const seen = col.values.filter((v) => v !== null && !(typeof v === 'number' && Number.isNaN(v)));
  const v = seen.length > 0 && r() < 0.8 ? seen[Math.floor(r() * seen.length)]! : 0;
  return col.kind === Kind.I64 ? BigInt(v as bigint | number) : (v as number);
}

function expected(input: RunInput, where: readonly CompareLiteral[], mode: 'single' | 'partial'): Cell[][] {
  const offered = selectedRows(input);
  const keep = (row: number): boolean => where.every((c) => holds(input.columns[c.column]!.values[row]!, c.op, c.value));
  const ref = referenceAggregate([], AGGS.map(([fn, argKind, a]) => ({ fn, argKind, arg: a === undefined ? undefined : input.columns[a]!.values })),
    offered.filter(keep), mode);
  // DOUBLE sums and AVG's sum follow the lane order, bit for bit.
  let at = 0;
  AGGS.forEach(([fn, kind, a]) => {
    if ((fn === 'sum' || fn === 'avg') && kind === Kind.F64) {
      const s = laneSum(input.columns[a!]!.values, offered, keep);
      const n = offered.filter((row) => keep(row) && input.columns[a!]!.values[row] !== null).length;
      if (fn === 'sum' || mode === 'partial') ref[0]![at] = s;
      else ref[0]![at] = s === null ? null : s / n;
    }
    at += fn === 'avg' && mode === 'partial' ? 2 : 1;
  });
  return ref;
}

for (const debug of [false, true]) {
  describe(`aggregate without GROUP BY over column <op> literal (${debug ? 'debug' : 'release'} build)`, () => {
    let w: WasmInstance;
    beforeAll(async () => { w = await loadWasm({ debug }); });

    for (const mode of ['single', 'partial'] as const) {
      it(`equals the reference in ${mode} mode for every operator and predicate kind, lengths ${LENGTHS.join(', ')}`, () => {
        let seed = mode === 'single' ? 7 : 900;
        for (const n of LENGTHS) {
          for (const nulls of [0, 0.15]) {
            for (const select of [false, true]) {
              const r = rng(seed++);
              const cols = columns(n, r, nulls);
              const input: RunInput = { columns: cols, keyCols: [], argCols: AGGS.map(([, , a]) => a), filterCols: [], batches: splitBatches(n, r, select) };
              const spec: HashAggregateSpec = { keyKinds: [], aggregates: AGGS.map(([fn, k], i) => aggSpec(fn, k, `a${i}`)), mode };
              const compare = (column: number): CompareLiteral =>
                ({ column, op: OPS[Math.floor(r() * OPS.length)]!, value: literalFor(cols[column]!, r), kind: cols[column]!.kind });
              // Each predicate kind alone, then conjunctions of two and three comparisons.
              for (const columns of [[0], [1], [2], [2, 0], [1, 2, 1]]) {
                const where = columns.map(compare);
                const text = where.map((c) => `${c.op} col ${c.column}`).join(' AND ');
                expect(runWhere(w, spec, input, where), `n=${n} nulls=${nulls} select=${select} ${text}`).toEqual(expected(input, where, mode));
              }
            }
          }
          if (debug && n >= 1000) break;
        }
      });
    }

    it('gives the same DOUBLE sum bit for bit however the rows are cut into batches', () => {
      const r = rng(42);
      const n = 10000;
      const cols = columns(n, r, 0.1);
      const spec: HashAggregateSpec = { keyKinds: [], aggregates: [aggSpec('sum', Kind.F64), aggSpec('avg', Kind.F64)], mode: 'single' };
      const where: CompareLiteral[] = [{ column: 2, op: 'ge', value: 0, kind: Kind.F64 }];
      const results = [1, 7, 8, 4096, 4097, n].map((size) => {
        const batches = Array.from({ length: Math.ceil(n / size) }, (_, i) => ({ start: i * size, end: Math.min(n, (i + 1) * size) }));
        return runWhere(w, spec, { columns: cols, keyCols: [], argCols: [4, 4], filterCols: [], batches }, where);
      });
      for (const got of results) expect(got).toEqual(results[0]);
    });

    it('gives one row of COUNT 0 and NULLs when no row passes', () => {
      const input: RunInput = { columns: [{ kind: Kind.F64, values: [1, 2, NaN, null] }], keyCols: [], argCols: [undefined, 0, 0], filterCols: [], batches: [{ start: 0, end: 4 }] };
      const spec: HashAggregateSpec = { keyKinds: [], aggregates: [aggSpec('count_star'), aggSpec('sum', Kind.F64), aggSpec('count', Kind.F64)], mode: 'single' };
      expect(runWhere(w, spec, input, [{ column: 0, op: 'lt', value: 0, kind: Kind.F64 }])).toEqual([[0n, null, 0n]]);
    });

    it('refuses what it does not cover (a NaN literal, a FILTER clause, SUM over I64), doing nothing', () => {
      const mem = new TestMemory(w);
      const batch = mem.batch([{ kind: Kind.F64, values: [1, 2] }, { kind: Kind.I64, values: [1n, 2n] }, { kind: Kind.BOOL, values: [true, true] }]);
      const cases: [HashAggregateSpec['aggregates'], (number | undefined)[], (number | undefined)[], CompareLiteral][] = [
        [[aggSpec('sum', Kind.F64)], [0], [], { column: 0, op: 'gt', value: NaN, kind: Kind.F64 }],
        [[aggSpec('sum', Kind.F64)], [0], [2], { column: 0, op: 'gt', value: 0, kind: Kind.F64 }],
        [[aggSpec('sum', Kind.I64)], [1], [], { column: 0, op: 'gt', value: 0, kind: Kind.F64 }],
      ];
      try {
        for (const [aggregates, argCols, filterCols, where] of cases) {
          const table = HashAggregateTable.create(w, { keyKinds: [], aggregates, mode: 'single' });
          expect(table.updateWhere(batch, argCols, filterCols, [where], 0)).toBe(false);
          expect(table.updateWhere(batch, argCols, filterCols, [{ column: 0, op: 'ge', value: 0, kind: Kind.F64 }, where], 0)).toBe(false);
          expect([...table.emit(16)].flatMap((b) => readRows(w, b))).toEqual([[null]]);
          table.free();
        }
      } finally {
        mem.freeAll();
      }
    });
  });
}
