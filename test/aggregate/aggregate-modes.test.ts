// Partial → final equals single, the errors (overflow, COUNT DISTINCT split, bad specs), global
// aggregates, and dictionaries that change between batches.
import { beforeAll, describe, expect, it } from 'vitest';
import { HashAggregateTable, type AggregateSpec, type HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TestMemory, readRows, type Cell, type JsColumn } from './batch-io.js';
import { aggSpec, genColumn, rng, runKernel, selectedRows, splitBatches, type RunInput } from './aggregate-fixtures.js';
import { referenceAggregate, sortRows } from './reference-aggregate.js';

const SPLITTABLE: [AggregateSpec['fn'], Kind | undefined, number | undefined][] = [
  ['count_star', undefined, undefined],
  ['count', Kind.UTF8, 3],
  ['sum', Kind.I32, 0],
  ['sum', Kind.I64, 1],
  ['sum', Kind.F64, 2],
  ['min', Kind.F64, 2],
  ['max', Kind.F64, 2],
  ['min', Kind.UTF8, 3],
  ['max', Kind.I64, 1],
  ['min', Kind.BOOL, 4],
  ['avg', Kind.F64, 2],
  ['avg', Kind.I32, 0],
];

/** Kinds of the partial state columns, per aggregate (avg: sum then count). */
function stateKinds(fn: AggregateSpec['fn'], k: Kind | undefined): Kind[] {
  if (fn === 'avg') return [k === Kind.F64 ? Kind.F64 : Kind.I64, Kind.I64];
  if (fn === 'sum') return [k === Kind.F64 ? Kind.F64 : Kind.I64];
  if (fn === 'min' || fn === 'max') return [k!];
  return [Kind.I64];
}

for (const debug of [false, true]) describe(`hash aggregate modes and errors (${debug ? 'debug' : 'release'} build)`, () => {
  let w: WasmInstance;
  beforeAll(async () => { w = await loadWasm({ debug }); });

  for (const keyKinds of [[Kind.I32], [Kind.UTF8, Kind.I64], [Kind.DICT], []] as Kind[][]) {
    it(`partial (over 3 subtasks) then final equals single, keys [${keyKinds.join(', ')}]`, () => {
      for (const n of [0, 1, 65, 1000]) {
        const r = rng(31 + n + keyKinds.length);
        const keys: JsColumn[] = keyKinds.map((k) => ({ kind: k, values: genColumn(k, n, r, { card: 12, nulls: 0.1 }) }));
        const args: JsColumn[] = [
          { kind: Kind.I32, values: genColumn(Kind.I32, n, r, { card: 100, nulls: 0.2, small: true }) },
          { kind: Kind.I64, values: genColumn(Kind.I64, n, r, { card: 100, nulls: 0.2, small: true }) },
          { kind: Kind.F64, values: genColumn(Kind.F64, n, r, { card: 100, nulls: 0.2, small: true }) },
          { kind: Kind.UTF8, values: genColumn(Kind.UTF8, n, r, { card: 20, nulls: 0.2 }) },
          { kind: Kind.BOOL, values: genColumn(Kind.BOOL, n, r, { card: 2, nulls: 0.2 }) },
        ];
        const nk = keys.length;
        const aggregates = SPLITTABLE.map(([fn, k], i) => aggSpec(fn, k, `a${i}`));
        const input = (rows: number[]): RunInput => ({
          columns: [...keys, ...args].map((c) => ({ ...c, values: rows.map((i) => c.values[i]!) })),
          keyCols: keys.map((_, i) => i),
          argCols: SPLITTABLE.map(([, , a]) => (a === undefined ? undefined : nk + a)),
          filterCols: SPLITTABLE.map(() => undefined),
          batches: splitBatches(rows.length, r, false),
        });
        // Three "subtasks" each aggregate a slice of the rows partially.
        const all = Array.from({ length: n }, (_, i) => i);
        const parts = [all.filter((i) => i % 3 === 0), all.filter((i) => i % 3 === 1), all.filter((i) => i % 3 === 2)];
        const partialRows: Cell[][] = [];
        for (const rows of parts) {
          partialRows.push(...runKernel(w, { keyKinds, aggregates, mode: 'partial' }, input(rows), 17));
        }
        // Final: keys (DICT came out as UTF8), then the state columns.
        const finalKeyKinds = keyKinds.map((k) => (k === Kind.DICT ? Kind.UTF8 : k));
        const kinds = [...finalKeyKinds, ...SPLITTABLE.flatMap(([fn, k]) => stateKinds(fn, k))];
        const finalCols: JsColumn[] = kinds.map((kind, c) => ({ kind, values: partialRows.map((row) => row[c]!) }));
        const firstState: number[] = [];
        let at = nk;
        for (const [fn, k] of SPLITTABLE) { firstState.push(at); at += stateKinds(fn, k).length; }
        const finalSpec: HashAggregateSpec = { keyKinds: finalKeyKinds, aggregates, mode: 'final' };
        const got = runKernel(w, finalSpec, {
          columns: finalCols, keyCols: keys.map((_, i) => i), argCols: firstState, filterCols: SPLITTABLE.map(() => undefined),
          batches: splitBatches(partialRows.length, r, false),
        }, 5);
        const single = runKernel(w, { keyKinds, aggregates, mode: 'single' }, input(all), 1000);
        expect(sortRows(got)).toEqual(sortRows(single));
        if (keyKinds.length === 0) expect(got.length).toBe(1);
      }
    });
  }

  it('partial mode emits sum and count for avg, NULL sums for empty groups, one row for an empty global aggregate', () => {
    const spec: HashAggregateSpec = { keyKinds: [], aggregates: [aggSpec('count_star'), aggSpec('sum', Kind.I64), aggSpec('avg', Kind.F64), aggSpec('min', Kind.UTF8)], mode: 'partial' };
    const table = HashAggregateTable.create(w, spec);
    expect(table.outputKinds()).toEqual([Kind.I64, Kind.I64, Kind.F64, Kind.I64, Kind.UTF8]);
    table.free();
    const rows = runKernel(w, spec, { columns: [{ kind: Kind.I64, values: [] }], keyCols: [], argCols: [undefined, 0, 0, 0], filterCols: [], batches: [] });
    expect(rows).toEqual([[0n, null, null, 0n, null]]);
  });

  it('global single aggregate on empty input: COUNT 0, SUM/MIN/AVG NULL', () => {
    const spec: HashAggregateSpec = { keyKinds: [], aggregates: [aggSpec('count_star'), aggSpec('count', Kind.I32), aggSpec('count_distinct', Kind.I32), aggSpec('sum', Kind.I32), aggSpec('min', Kind.I32), aggSpec('avg', Kind.I32)], mode: 'single' };
    const rows = runKernel(w, spec, { columns: [{ kind: Kind.I32, values: [null, null] }], keyCols: [], argCols: [0, 0, 0, 0, 0, 0], filterCols: [], batches: [{ start: 0, end: 2 }] });
    expect(rows).toEqual([[2n, 0n, 0n, null, null, null]]);
  });

  it('throws an error naming the aggregate on integer overflow, and not when the sum comes back into range', () => {
    const max = (1n << 63n) - 1n;
    const run = (fn: 'sum' | 'avg', values: Cell[], name: string) => runKernel(w, { keyKinds: [Kind.I32], aggregates: [aggSpec('count_star'), aggSpec(fn, Kind.I64, name)], mode: 'single' },
      { columns: [{ kind: Kind.I32, values: values.map(() => 1) }, { kind: Kind.I64, values }], keyCols: [0], argCols: [undefined, 1], filterCols: [], batches: [{ start: 0, end: values.length }] });
    expect(() => run('sum', [max, 1n], 'price')).toThrow('integer overflow in SUM(price)');
    expect(() => run('avg', [-max, -2n], 'AVG(x)')).toThrow('integer overflow in AVG(x)');
    expect(run('sum', [max, -max - 1n, max], 'p')).toEqual([[1, 3n, max - 1n]]);
    expect(() => runKernel(w, { keyKinds: [Kind.I32], aggregates: [aggSpec('sum', Kind.I64, 'q')], mode: 'final' },
      { columns: [{ kind: Kind.I32, values: [1, 1] }, { kind: Kind.I64, values: [max, max] }], keyCols: [0], argCols: [1], filterCols: [], batches: [{ start: 0, end: 2 }] }))
      .toThrow('integer overflow in SUM(q)');
  });

  it('rejects COUNT(DISTINCT) outside single mode and arguments of the wrong kind', () => {
    expect(() => HashAggregateTable.create(w, { keyKinds: [Kind.I32], aggregates: [aggSpec('count_distinct', Kind.I32, 'x')], mode: 'partial' }))
      .toThrow(/COUNT\(DISTINCT\).*single/);
    expect(() => HashAggregateTable.create(w, { keyKinds: [], aggregates: [aggSpec('count_distinct', Kind.I32, 'x')], mode: 'final' })).toThrow(/single/);
    expect(() => HashAggregateTable.create(w, { keyKinds: [], aggregates: [aggSpec('sum', Kind.UTF8, 'x')], mode: 'single' })).toThrow(/SUM\(x\)/);
    expect(() => HashAggregateTable.create(w, { keyKinds: [], aggregates: [aggSpec('sum', Kind.I128, 'x')], mode: 'single' })).toThrow(/SUM\(x\) does not accept/);
    expect(() => HashAggregateTable.create(w, { keyKinds: [], aggregates: [{ ...aggSpec('sum', Kind.F64, 'x'), decimal: { scale: 2, resultScale: 2 } }], mode: 'single' })).toThrow(/SUM\(x\) does not accept/);
    expect(() => HashAggregateTable.create(w, { keyKinds: [], aggregates: [{ ...aggSpec('sum', Kind.I64, 'x'), decimal: { scale: 2, resultScale: 6 } }], mode: 'single' })).toThrow(/result scale 6/);
    expect(() => HashAggregateTable.create(w, { keyKinds: [], aggregates: [{ ...aggSpec('min', Kind.I64, 'x'), decimal: { scale: 2, resultScale: 2 } }], mode: 'single' })).toThrow(/only SUM and AVG/);
    expect(() => HashAggregateTable.create(w, { keyKinds: [], aggregates: [aggSpec('max')], mode: 'single' })).toThrow(/needs an argument/);
    expect(() => HashAggregateTable.create(w, { keyKinds: [], aggregates: [], mode: 'single', maxParallelism: 0 })).toThrow(/maxParallelism/);
    const t = HashAggregateTable.create(w, { keyKinds: [], aggregates: [], mode: 'single' });
    t.free();
    expect(() => t.groupCount).toThrow(/after free/);
  });

  it('crosses into WASM once per update, whatever the number of keys and aggregates', () => {
    const mem = new TestMemory(w);
    const table = HashAggregateTable.create(w, { keyKinds: [Kind.I32, Kind.UTF8], aggregates: [aggSpec('count_star'), aggSpec('sum', Kind.I32), aggSpec('max', Kind.UTF8)], mode: 'single' });
    const batch = mem.batch([{ kind: Kind.I32, values: [1, 2, 1] }, { kind: Kind.UTF8, values: ['a', null, 'a'] }]);
    const calls: string[] = [];
    const saved = { ...w.fn };
    for (const name of Object.keys(w.fn)) {
      const f = saved[name]!;
      w.fn[name] = (...args: unknown[]) => { calls.push(name); return f(...args); };
    }
    try {
      table.update(batch, [0, 1], [undefined, 0, 1], [undefined, undefined, undefined]);
    } finally {
      Object.assign(w.fn, saved);
    }
    expect(calls).toEqual(['agg_update']);
    expect(table.groupCount).toBe(2);
    table.free();
    mem.freeAll();
  });

  it('treats a code pointing at a NULL dictionary entry as NULL (keys and arguments)', () => {
    const dictionary = ['a', null, 'b'];
    const codes = [0, 1, 2, 1, 2];
    const values = codes.map((c) => dictionary[c]!);
    const columns: JsColumn[] = [
      { kind: Kind.DICT, values, dictionary, codes },
      { kind: Kind.DICT, values: [...values].reverse(), dictionary, codes: [...codes].reverse() },
    ];
    const spec: HashAggregateSpec = { keyKinds: [Kind.DICT], aggregates: [aggSpec('count_star'), aggSpec('count', Kind.DICT), aggSpec('max', Kind.DICT), aggSpec('count_distinct', Kind.DICT)], mode: 'single' };
    const rows = runKernel(w, spec, { columns, keyCols: [0], argCols: [undefined, 1, 1, 1], filterCols: [], batches: [{ start: 0, end: 5 }] });
    // keys a, NULL, b, NULL, b; arguments b, NULL, b, NULL, a
    expect(sortRows(rows)).toEqual(sortRows([['a', 1n, 1n, 'b', 1n], [null, 2n, 0n, null, 0n], ['b', 2n, 2n, 'b', 2n]]));
  });

  it('keeps the code -> group map while batches share a dictionary, and notices when the bytes change', () => {
    const same = ['x', 'y', 'z', 'long string of more than eight bytes'];
    const batches: { dictionary: string[]; codes: number[] }[] = [
      { dictionary: same, codes: [0, 1, 1, 3] },
      { dictionary: [...same], codes: [2, 3, 0, 0] },
      { dictionary: ['z', 'y', 'x', 'long string of more than eight bytez'], codes: [0, 2, 3, 3] },
      { dictionary: same, codes: [3, 1] },
    ];
    const keys: Cell[] = [];
    const cols: JsColumn[] = batches.map((b) => {
      const values = b.codes.map((c) => b.dictionary[c]!);
      keys.push(...values);
      return { kind: Kind.DICT, values, dictionary: b.dictionary, codes: b.codes };
    });
    const mem = new TestMemory(w);
    const table = HashAggregateTable.create(w, { keyKinds: [Kind.DICT], aggregates: [aggSpec('count_star')], mode: 'single' });
    for (const c of cols) table.update(mem.batch([c]), [0], [undefined], [undefined]);
    const rows: Cell[][] = [];
    for (const chunk of table.emit(3)) rows.push(...readRows(w, chunk));
    expect(sortRows(rows)).toEqual(sortRows(referenceAggregate([keys], [{ fn: 'count_star' }], keys.map((_, i) => i))));
    table.free();
    mem.freeAll();
  });

  it('groups DICT keys by value when each batch brings its own dictionary', () => {
    const mem = new TestMemory(w);
    const table = HashAggregateTable.create(w, { keyKinds: [Kind.DICT], aggregates: [aggSpec('count_star'), aggSpec('min', Kind.DICT)], mode: 'single' });
    const b1 = mem.batch([{ kind: Kind.DICT, values: ['x', 'y', null, 'x'], dictionary: ['y', 'x', 'unused'] }, { kind: Kind.DICT, values: ['p', 'q', 'r', null], dictionary: ['r', 'q', 'p'] }]);
    const b2 = mem.batch([{ kind: Kind.DICT, values: ['y', 'z', null], dictionary: ['z', 'y'] }, { kind: Kind.DICT, values: ['a', null, 'b'], dictionary: ['b', 'a'] }]);
    table.update(b1, [0], [undefined, 1], [undefined, undefined]);
    table.update(b2, [0], [undefined, 1], [undefined, undefined]);
    const rows: Cell[][] = [];
    for (const chunk of table.emit(2)) rows.push(...readRows(w, chunk));
    expect(sortRows(rows)).toEqual(sortRows([['x', 2n, 'p'], ['y', 2n, 'a'], [null, 2n, 'b'], ['z', 1n, null]]));
    table.free();
    mem.freeAll();
  });
});

/** The reference agrees with itself on selections (guards the fixtures the other tests rely on). */
it('selectedRows follows batch selections in order', () => {
  expect(selectedRows({ columns: [], keyCols: [], argCols: [], filterCols: [], batches: [{ start: 0, end: 3, sel: [2] }, { start: 3, end: 5 }] })).toEqual([2, 3, 4]);
  expect(referenceAggregate([[1, 1, 2]], [{ fn: 'count_star' }], [0, 1, 2])).toEqual([[1, 2n], [2, 1n]]);
});
