import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { exportTable } from '../../bindings/arrow-export.js';
import { importArrow } from '../../bindings/arrow-import.js';
import { BatchAccumulator } from '../../bindings/batch-accumulator.js';
import { Kind } from '../../bindings/column.js';
import { ResourcesExhaustedError } from '../../bindings/errors.js';
import { loadWasm } from '../../bindings/node.js';
import { sliceBatch } from '../../bindings/slice.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TYPE_CASES, cells, makeTable, rng } from './arrow-fixtures.js';

function writeIndices(w: WasmInstance, idx: readonly number[]): number {
  const ptr = w.fn.arena_alloc!(Math.max(1, idx.length) * 4) >>> 0;
  w.views.i32.set(idx, ptr >> 2);
  return ptr;
}

/** Releases every arena chunk (nothing else holds arena memory here) and returns the bytes in use. */
function settle(w: WasmInstance): number {
  w.fn.arena_reset!(0);
  w.fn.arena_trim!();
  return w.inUseBytes();
}

describe('BatchAccumulator', () => {
  for (const debug of [false, true]) {
    for (const nullRate of [0, 0.3]) {
      it(`appends many batches with and without selections (${debug ? 'debug' : 'release'}, ${nullRate ? 'with' : 'without'} nulls)`, async () => {
        const w = await loadWasm({ debug });
        const table = makeTable(TYPE_CASES, [1000], nullRate, 5);
        const resident = importArrow(w, table);
        const source = TYPE_CASES.map((_, c) => cells(table, c));
        const base = settle(w);
        const acc = new BatchAccumulator(w, resident.columns.map((c) => c.kind));
        const expectedRows: number[] = [];
        const r = rng(7);
        for (let k = 0; k < 150; k++) {
          const start = Math.floor(r() * 990);
          const len = Math.min(1000 - start, [0, 1, 7, 63, 64, 65][k % 6]! + Math.floor(r() * 3));
          const batch = sliceBatch(resident, start, len);
          const mark = w.fn.arena_mark!() >>> 0;
          if (k % 3 === 0) {
            acc.append(batch);
            for (let i = 0; i < len; i++) expectedRows.push(start + i);
          } else {
            const sel = Array.from({ length: len }, (_, i) => i).filter(() => r() < 0.5);
            acc.append(batch, writeIndices(w, sel), sel.length);
            for (const i of sel) expectedRows.push(start + i);
          }
          w.fn.arena_reset!(mark);
          expect(w.fn.arena_mark!() >>> 0).toBe(mark);
        }
        expect(acc.numRows).toBe(expectedRows.length);
        const out = exportTable(w, [acc.finish()], resident.schema);
        TYPE_CASES.forEach((tc, c) => {
          expect(cells(out, c), tc.name).toEqual(expectedRows.map((i) => source[c]![i]));
        });
        expect(acc.bytes).toBeGreaterThan(0);
        resident.free();
        acc.free();
        acc.free();
        expect(settle(w)).toBe(base - resident.bytes);
        expect(() => acc.numRows).toThrow(/after free/);
      });
    }
  }

  it('hands its rows over to a resident table that frees them', async () => {
    const w = await loadWasm();
    const table = makeTable(TYPE_CASES, [65], 0.3, 9);
    const source = importArrow(w, table);
    const base = settle(w);
    const acc = new BatchAccumulator(w, source.columns.map((c) => c.kind));
    acc.append(source);
    acc.append(sliceBatch(source, 1, 3));
    const resident = acc.toResidentTable(source.schema);
    expect(() => acc.append(source)).toThrow(/after free/);
    expect(resident.numRows).toBe(68);
    expect(resident.bytes).toBe(settle(w) - base);
    const out = exportTable(w, [sliceBatch(resident, 60, 8)], resident.schema);
    TYPE_CASES.forEach((tc, c) => {
      const all = cells(table, c);
      expect(cells(out, c), tc.name).toEqual([...all.slice(60, 65), ...all.slice(1, 4)]);
    });
    resident.free();
    resident.free();
    expect(settle(w)).toBe(base);
    source.free();
  });

  it('finishes empty accumulators with valid zero-row columns', async () => {
    const w = await loadWasm();
    const table = makeTable(TYPE_CASES, [3], 0, 1);
    const resident = importArrow(w, table);
    const acc = new BatchAccumulator(w, resident.columns.map((c) => c.kind));
    const out = exportTable(w, [acc.finish()], resident.schema);
    expect(out.numRows).toBe(0);
    acc.append(sliceBatch(resident, 0, 0));
    expect(acc.numRows).toBe(0);
    acc.free();
    resident.free();
  });

  it('decodes DICT input into a UTF8 column and rejects mismatched kinds or dictionaries', async () => {
    const w = await loadWasm();
    const table = makeTable(TYPE_CASES.filter((tc) => tc.name === 'Dictionary<Utf8,Int32>'), [100], 0.3, 2);
    const resident = importArrow(w, table);
    expect(resident.columns[0]!.kind).toBe(Kind.DICT);
    const acc = new BatchAccumulator(w, [Kind.UTF8]);
    acc.append(resident);
    acc.append(sliceBatch(resident, 10, 5), writeIndices(w, [0, 4]), 2);
    const schema = new arrow.Schema([new arrow.Field('s', new arrow.Utf8(), true)]);
    const expected = cells(table, 0);
    expect(cells(exportTable(w, [acc.finish()], schema), 0)).toEqual([...expected, expected[10], expected[14]]);

    expect(() => acc.append({ numRows: 1, columns: [{ ...resident.columns[0]!, kind: Kind.I32, length: 1 }] })).toThrow(/column 0 has kind 2, expected 5/);
    expect(acc.numRows).toBe(102);

    const other = importArrow(w, new arrow.Table({ s: arrow.vectorFromArray(['q', 'r'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())) }));
    const dictAcc = new BatchAccumulator(w, [Kind.DICT]);
    dictAcc.append(resident);
    dictAcc.append(sliceBatch(resident, 3, 4));
    expect(() => dictAcc.append(other)).toThrow(/another dictionary/);
    const dictOut = exportTable(w, [dictAcc.finish()], resident.schema);
    expect(arrow.DataType.isDictionary(dictOut.schema.fields[0]!.type)).toBe(true);
    expect(cells(dictOut, 0)).toEqual([...expected, ...expected.slice(3, 7)]);
    acc.free();
    dictAcc.free();
    other.free();
    resident.free();
  });

  it('leaves the accumulator unchanged when an append exceeds the memory budget', async () => {
    const w = await loadWasm({ memoryBudgetBytes: 8 << 20 });
    const big = importArrow(w, new arrow.Table({ v: arrow.makeVector(new Float64Array(600_000)) }));
    const acc = new BatchAccumulator(w, [Kind.F64]);
    acc.append(sliceBatch(big, 0, 10));
    expect(() => acc.append(big)).toThrow(ResourcesExhaustedError);
    expect(acc.numRows).toBe(10);
    acc.append(sliceBatch(big, 0, 5));
    expect(acc.numRows).toBe(15);
    acc.free();
    big.free();
  });
});
