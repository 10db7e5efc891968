// Grouping by one string key: the 32-byte slots hold a string's length and first 16 bytes, and
// strings of up to 32 bytes are compared without a byte loop (string-keys.ts, key-group-tables.ts).
// These keys differ only past byte 8, 16, 24 or 32, or only in length, so that any word that is
// compared wrongly (or masked wrongly) merges two groups or splits one.
import { beforeAll, describe, expect, it } from 'vitest';
import type { HashAggregateSpec } from '../../bindings/aggregate-kernel.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import type { Cell, JsColumn } from './batch-io.js';
import { aggSpec, rng, runKernel, selectedRows, splitBatches, type RunInput } from './aggregate-fixtures.js';
import { referenceAggregate, sortRows } from './reference-aggregate.js';

/** Keys of every length 0..40 that share long prefixes, plus their variants in the last byte. */
function trickyKeys(): string[] {
  const base = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF';
  const keys = new Set<string>();
  for (let len = 0; len <= 40; len++) {
    const s = base.slice(0, len);
    keys.add(s);
    if (len > 0) keys.add(s.slice(0, -1) + '!');
    keys.add(s + '\u0000');
  }
  keys.add('é'.repeat(9));        // 18 bytes of multi-byte characters
  keys.add('é'.repeat(8) + 'e');
  return [...keys];
}

describe('hash aggregate: one string key', () => {
  let w: WasmInstance;
  beforeAll(async () => { w = await loadWasm(); });

  for (const keyKind of [Kind.UTF8, Kind.DICT]) {
    it(`groups ${keyKind === Kind.UTF8 ? 'UTF8' : 'DICT'} keys that differ only past byte 8, 16, 24 or 32, with NULLs and selections`, () => {
      const keys = trickyKeys();
      const r = rng(7 + keyKind);
      const n = 20_000;
      const keyValues: Cell[] = Array.from({ length: n }, () => (r() < 0.02 ? null : keys[Math.floor(r() * keys.length)]!));
      const v: Cell[] = Array.from({ length: n }, (_, i) => i % 97);
      const columns: JsColumn[] = [{ kind: keyKind, values: keyValues }, { kind: Kind.I64, values: v.map((x) => BigInt(x as number)) }];
      const input: RunInput = {
        columns, keyCols: [0], argCols: [undefined, 1], filterCols: [undefined, undefined], batches: splitBatches(n, r),
      };
      const spec: HashAggregateSpec = { keyKinds: [keyKind], aggregates: [aggSpec('count_star'), aggSpec('sum', Kind.I64)], mode: 'single' };
      const got = runKernel(w, spec, input);
      const ref = referenceAggregate([keyValues], [
        { fn: 'count_star' }, { fn: 'sum', argKind: Kind.I64, arg: columns[1]!.values },
      ], selectedRows(input));
      expect(sortRows(got)).toEqual(sortRows(ref));
      expect(got.length).toBeGreaterThan(keys.length * 0.9);
    });
  }

  it('keeps 20,000 distinct strings of 1 to 40 bytes apart as the key groups grow', () => {
    const r = rng(99);
    const distinct = Array.from({ length: 20_000 }, (_, i) => `${i.toString(36)}_${'q'.repeat(i % 38)}`);
    const n = 100_000;
    const keyValues: Cell[] = Array.from({ length: n }, (_, i) => distinct[i < 20_000 ? i : Math.floor(r() * distinct.length)]!);
    const input: RunInput = {
      columns: [{ kind: Kind.UTF8, values: keyValues }], keyCols: [0], argCols: [undefined], filterCols: [undefined],
      batches: splitBatches(n, r, false),
    };
    const spec: HashAggregateSpec = { keyKinds: [Kind.UTF8], aggregates: [aggSpec('count_star')], mode: 'single' };
    const got = runKernel(w, spec, input, 5000);
    const ref = referenceAggregate([keyValues], [{ fn: 'count_star' }], selectedRows(input));
    expect(got.length).toBe(20_000);
    expect(sortRows(got)).toEqual(sortRows(ref));
  });
});
