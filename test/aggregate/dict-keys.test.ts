// Grouping by dictionary-encoded keys through combined codes (dict-codes.ts, dict-keys.ts): one
// or several DICT key columns, NULL rows and NULL dictionary entries, each batch with a
// dictionary of its own (shuffled, with unused and repeated strings) or plain UTF8, batches of
// 1, 7 and thousands of rows; results must equal the plain TypeScript reference.
import { beforeAll, describe, expect, it } from 'vitest';
import type { HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import type { Cell, JsColumn } from './batch-io.js';
import { aggSpec, fixedBatches, genColumn, rng, runKernel, selectedRows, type RunInput } from './aggregate-fixtures.js';
import { referenceAggregate, sortRows, type RefAggregate } from './reference-aggregate.js';

/** How a batch carries a key column. */
type Encoding = 'utf8' | 'dict' | 'dict-null-entries';

function shuffle<T>(xs: T[], r: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * One batch's key column for `values`: plain UTF8; DICT with NULL rows in the validity bitmap and
 * a dictionary of the batch's strings, shuffled, plus unused strings; or DICT whose NULLs are
 * codes of NULL dictionary entries, with one string repeated in the dictionary (rows use both).
 */
function encodeKey(values: Cell[], how: Encoding, r: () => number): JsColumn {
  if (how === 'utf8') return { kind: Kind.UTF8, values };
  const distinct = [...new Set(values.filter((v): v is string => v !== null))];
  const unused = Array.from({ length: Math.floor(r() * 3) }, (_, i) => `unused-${i}`);
  if (how === 'dict') return { kind: Kind.DICT, values, dictionary: shuffle([...distinct, ...unused], r) };
  const dictionary: (string | null)[] = shuffle([...distinct, ...unused, null, null, ...distinct.slice(0, 1)], r);
  const codes = values.map((v) => {
    const at = dictionary.flatMap((d, i) => (d === v ? [i] : []));
    return at[Math.floor(r() * at.length)]!;
  });
  return { kind: Kind.DICT, values, dictionary, codes };
}

/** Gives every batch its own encoding of the key columns (`keyCols`), the others sliced as they are. */
function encodeBatches(input: RunInput, encodings: readonly Encoding[], r: () => number): RunInput {
  const batches = input.batches.map((b) => ({
    ...b,
    columns: input.columns.map((c, i) => {
      const values = c.values.slice(b.start, b.end);
      return input.keyCols.includes(i) ? encodeKey(values, encodings[Math.floor(r() * encodings.length)]!, r) : { ...c, values };
    }),
  }));
  return { ...input, batches };
}

describe('hash aggregate: DICT keys through combined codes', () => {
  let w: WasmInstance;
  beforeAll(async () => { w = await loadWasm(); });

  const flags = ['A', 'N', 'R', 'a longer flag value of 40 bytes or so!!'];
  const statuses = ['F', 'O', ''];

  /** Runs count(*), count, sum (I64 and F64), min, max and avg over rows grouped by the given key columns. */
  function check(keys: Cell[][], n: number, batchSize: number, encodings: readonly Encoding[], seed: number, validityOffset = 0): Cell[][] {
    const r = rng(seed);
    const ints = genColumn(Kind.I64, n, r, { card: 1000, nulls: 0.1, small: true });
    const doubles = genColumn(Kind.F64, n, r, { card: 1000, nulls: 0.05, edges: 0 });
    const small = genColumn(Kind.I32, n, r, { card: 50, nulls: 0.1 });
    const columns: JsColumn[] = [
      ...keys.map((values) => ({ kind: Kind.UTF8, values })),
      { kind: Kind.I64, values: ints }, { kind: Kind.F64, values: doubles }, { kind: Kind.I32, values: small },
    ];
    const nk = keys.length;
    const input = encodeBatches({
      columns, keyCols: keys.map((_, i) => i), argCols: [undefined, nk, nk, nk + 1, nk + 2, nk + 2, nk + 1],
      filterCols: [undefined, undefined, undefined, undefined, undefined, undefined, undefined], batches: fixedBatches(n, batchSize, r),
    }, encodings, r);
    const spec: HashAggregateSpec = {
      keyKinds: keys.map(() => Kind.DICT),
      aggregates: [aggSpec('count_star'), aggSpec('count', Kind.I64), aggSpec('sum', Kind.I64), aggSpec('sum', Kind.F64),
        aggSpec('min', Kind.I32), aggSpec('max', Kind.I32), aggSpec('avg', Kind.F64)],
      mode: 'single',
    };
    const got = runKernel(w, spec, input, 1000, validityOffset);
    const refAggs: RefAggregate[] = [
      { fn: 'count_star' }, { fn: 'count', arg: ints }, { fn: 'sum', argKind: Kind.I64, arg: ints }, { fn: 'sum', argKind: Kind.F64, arg: doubles },
      { fn: 'min', argKind: Kind.I32, arg: small }, { fn: 'max', argKind: Kind.I32, arg: small }, { fn: 'avg', argKind: Kind.F64, arg: doubles },
    ];
    expect(sortRows(got)).toEqual(sortRows(referenceAggregate(keys, refAggs, selectedRows(input))));
    return got;
  }

  for (const batchSize of [1, 7, 5000]) {
    it(`two DICT keys with NULL rows and NULL dictionary entries, a dictionary per batch, batches of ${batchSize}`, () => {
      const n = batchSize === 1 ? 1500 : 12_000;
      const r = rng(11 + batchSize);
      const k0: Cell[] = Array.from({ length: n }, () => (r() < 0.05 ? null : flags[Math.floor(r() * flags.length)]!));
      const k1: Cell[] = Array.from({ length: n }, () => (r() < 0.05 ? null : statuses[Math.floor(r() * statuses.length)]!));
      const got = check([k0, k1], n, batchSize, ['dict', 'dict-null-entries', 'dict', 'utf8'], 3 + batchSize);
      expect(got.length).toBe((flags.length + 1) * (statuses.length + 1));
    });
  }

  it('three DICT keys, sliced validity bitmaps, every batch DICT', () => {
    const n = 20_000;
    const r = rng(5);
    const k0: Cell[] = Array.from({ length: n }, () => (r() < 0.03 ? null : flags[Math.floor(r() * 3)]!));
    const k1: Cell[] = Array.from({ length: n }, () => (r() < 0.03 ? null : statuses[Math.floor(r() * 2)]!));
    const k2: Cell[] = Array.from({ length: n }, () => (r() < 0.03 ? null : `city-${Math.floor(r() * 40)}`));
    check([k0, k1, k2], n, 3000, ['dict', 'dict-null-entries'], 8, 3);
  });

  it('several keys whose combined codes would be too many are grouped by hashing, with the same results', () => {
    const n = 8000;
    const r = rng(21);
    const k0: Cell[] = Array.from({ length: n }, () => `a${Math.floor(r() * 300)}`);
    const k1: Cell[] = Array.from({ length: n }, () => (r() < 0.1 ? null : `b${Math.floor(r() * 300)}`));
    check([k0, k1], n, 4000, ['dict'], 22);
  });

  it('one DICT key: tiny batches over a big dictionary, then big ones keeping it, then a changed dictionary', () => {
    const r = rng(31);
    const strings = Array.from({ length: 3000 }, (_, i) => `key-${i}-${'x'.repeat(i % 20)}`);
    const same: (string | null)[] = shuffle([...strings, null], r);
    const permuted: (string | null)[] = shuffle([...strings, null], r);
    const n = 40_000;
    const keys: Cell[] = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? null : strings[Math.floor(r() * (i < 20_000 ? 3000 : 500))]!));
    const ones: Cell[] = keys.map(() => 1n);
    // Batches: 7 rows (codes resolved per batch), 5,000 rows (the map kept while the dictionary is
    // the same), alternating between two dictionaries of the same strings in different orders.
    const batches: RunInput['batches'] = [];
    const dictOf = (dictionary: (string | null)[], values: Cell[]): JsColumn => ({
      kind: Kind.DICT, values, dictionary, codes: values.map((v) => dictionary.indexOf(v as string | null)),
    });
    let start = 0;
    let b = 0;
    while (start < n) {
      const size = b % 5 < 2 ? 7 : 5000;
      const end = Math.min(n, start + size);
      const values = keys.slice(start, end);
      const dictionary = b % 7 === 6 ? permuted : same;
      batches.push({ start, end, columns: [dictOf(dictionary, values), { kind: Kind.I64, values: ones.slice(start, end) }] });
      start = end;
      b++;
    }
    const input: RunInput = { columns: [{ kind: Kind.UTF8, values: keys }, { kind: Kind.I64, values: ones }], keyCols: [0], argCols: [undefined, 1], filterCols: [], batches };
    const spec: HashAggregateSpec = { keyKinds: [Kind.DICT], aggregates: [aggSpec('count_star'), aggSpec('sum', Kind.I64)], mode: 'single' };
    const got = runKernel(w, spec, input, 4096);
    const ref = referenceAggregate([keys], [{ fn: 'count_star' }, { fn: 'sum', argKind: Kind.I64, arg: ones }], selectedRows(input));
    expect(sortRows(got)).toEqual(sortRows(ref));
  });
});
