import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { exportBatch, exportTable } from '../../bindings/arrow-export.js';
import { importArrow } from '../../bindings/arrow-import.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import { sliceBatch } from '../../bindings/slice.js';
import { LENGTHS, TYPE_CASES, cells, makeTable } from './arrow-fixtures.js';

const EXPECTED_KIND: Record<string, Kind> = {
  Bool: Kind.BOOL, Int8: Kind.I32, Int16: Kind.I32, Int32: Kind.I32, Int64: Kind.I64, Uint8: Kind.I32,
  Uint16: Kind.I32, Uint32: Kind.I64, Float32: Kind.F64, Float64: Kind.F64, 'Decimal(10,2)': Kind.I64,
  'Decimal(18,0)': Kind.I64, 'Decimal(30,4)': Kind.I128, Utf8: Kind.UTF8, LargeUtf8: Kind.UTF8,
  'Dictionary<Utf8,Int32>': Kind.DICT, 'Dictionary<Utf8,Int8>': Kind.DICT, 'Dictionary<Utf8,Uint16>': Kind.DICT,
  DateDay: Kind.I32, DateMillisecond: Kind.I32, TimestampSecond: Kind.I64, 'TimestampMillisecond(UTC)': Kind.I64,
  TimestampMicrosecond: Kind.I64, TimestampNanosecond: Kind.I64, Null: Kind.I32,
};

function expectSameTable(actual: arrow.Table, expected: arrow.Table): void {
  expect(actual.numRows).toBe(expected.numRows);
  expected.schema.fields.forEach((f, i) => {
    expect(String(actual.schema.fields[i]!.type), f.name).toBe(String(f.type));
    expect(cells(actual, i), f.name).toEqual(cells(expected, i));
  });
}

describe('Arrow import and export', () => {
  for (const debug of [false, true]) {
    describe(debug ? 'debug build' : 'release build', () => {
      for (const nullRate of [0, 0.3]) {
        it(`round-trips every type ${nullRate ? 'with' : 'without'} nulls at lengths ${LENGTHS.join(', ')}`, async () => {
          const w = await loadWasm({ debug });
          for (const n of LENGTHS) {
            const table = makeTable(TYPE_CASES, [n], nullRate, n + 1);
            const base = w.inUseBytes();
            const mark = w.fn.arena_mark!() >>> 0;
            const resident = importArrow(w, table);
            expect(w.fn.arena_mark!() >>> 0).toBe(mark);
            expect(resident.numRows).toBe(n);
            resident.columns.forEach((c, i) => expect(c.kind, TYPE_CASES[i]!.name).toBe(EXPECTED_KIND[TYPE_CASES[i]!.name]));
            const out = exportTable(w, [resident], resident.schema);
            expect(w.fn.arena_mark!() >>> 0).toBe(mark);
            expectSameTable(out, table);
            resident.free();
            resident.free();
            // Exports may have given the arena its first chunk; blocks of the table are all back.
            expect(w.inUseBytes()).toBeLessThanOrEqual(base + (1 << 20));
          }
        });
      }
    });
  }

  it('returns memory in use to its base after free()', async () => {
    const w = await loadWasm();
    const table = makeTable(TYPE_CASES, [1000, 65], 0.3, 3);
    exportTable(w, [importArrow(w, table)], table.schema); // warms the arena up
    const base = w.inUseBytes();
    for (let k = 0; k < 3; k++) {
      const resident = importArrow(w, table);
      expect(w.inUseBytes()).toBeGreaterThan(base);
      expect(resident.bytes).toBeGreaterThan(0);
      exportTable(w, [resident], resident.schema);
      resident.free();
      expect(w.inUseBytes()).toBe(base);
    }
  });

  it('concatenates multi-batch tables into one column per field', async () => {
    const w = await loadWasm();
    const table = makeTable(TYPE_CASES, [5, 0, 63, 1, 70, 64, 3], 0.25, 11);
    const resident = importArrow(w, table);
    expect(resident.numRows).toBe(table.numRows);
    expectSameTable(exportTable(w, [resident], resident.schema), table);
    resident.free();
  });

  it('imports Arrow slices whose buffers start at a bit offset', async () => {
    const w = await loadWasm();
    for (const offset of [1, 7, 8, 13]) {
      const table = makeTable(TYPE_CASES, [65, 30], 0.3, offset, offset);
      expect(table.batches[0]!.data.children[0]!.offset).toBe(offset);
      const resident = importArrow(w, table);
      expectSameTable(exportTable(w, [resident], resident.schema), table);
      resident.free();
    }
    const big = makeTable(TYPE_CASES, [1000], 0.3, 5);
    const sliced = big.slice(7, 500);
    const resident = importArrow(w, sliced);
    expectSameTable(exportTable(w, [resident], resident.schema), sliced);
    resident.free();
  });

  it('reads IPC stream and file bytes', async () => {
    const w = await loadWasm();
    const cases = TYPE_CASES;
    const table = makeTable(cases, [100, 37], 0.2, 21);
    for (const format of ['stream', 'file'] as const) {
      const resident = importArrow(w, arrow.tableToIPC(table, format));
      expectSameTable(exportTable(w, [resident], resident.schema), table);
      resident.free();
    }
  });

  it('accepts a list of record batches', async () => {
    const w = await loadWasm();
    const table = makeTable(TYPE_CASES, [10, 20], 0.2, 4);
    const resident = importArrow(w, table.batches);
    expectSameTable(exportTable(w, [resident], resident.schema), table);
    resident.free();
    expect(() => importArrow(w, [])).toThrow(/no schema/);
  });

  it('exports zero-row batches and tables of zero batches', async () => {
    const w = await loadWasm();
    const table = makeTable(TYPE_CASES, [], 0, 1);
    const resident = importArrow(w, table);
    expect(resident.numRows).toBe(0);
    const rb = exportBatch(w, resident, resident.schema);
    expect(rb.numRows).toBe(0);
    expect(exportTable(w, [], table.schema).numRows).toBe(0);
    const t2 = makeTable(TYPE_CASES, [10], 0.5, 1);
    const r2 = importArrow(w, t2);
    expect(exportBatch(w, sliceBatch(r2, 10, 0), r2.schema).numRows).toBe(0);
    resident.free();
    r2.free();
  });

  it('slices resident tables into batches of any size without copying', async () => {
    const w = await loadWasm();
    const table = makeTable(TYPE_CASES, [1000], 0.3, 8);
    const resident = importArrow(w, table);
    for (const size of [1, 7, 64, 999, 65536]) {
      const batches = [];
      for (let start = 0; start < resident.numRows; start += size) {
        batches.push(sliceBatch(resident, start, Math.min(size, resident.numRows - start)));
      }
      expectSameTable(exportTable(w, batches, resident.schema), table);
    }
    const window = sliceBatch(sliceBatch(resident, 7, 500), 7, 100);
    expectSameTable(exportTable(w, [window], resident.schema), table.slice(14, 114));
    expect(() => sliceBatch(resident, 990, 11)).toThrow(RangeError);
    resident.free();
  });

  it('keeps DICT when batches share a dictionary and decodes to UTF8 when they differ', async () => {
    const w = await loadWasm();
    const dictA = arrow.vectorFromArray(['a', 'b', 'c'], new arrow.Utf8());
    const dictB = arrow.vectorFromArray(['z', 'y'], new arrow.Utf8());
    const type = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());
    const make = (dict: arrow.Vector, idx: number[], nulls = false) =>
      arrow.makeData({ type, length: idx.length, data: Int32Array.from(idx), dictionary: dict,
        nullCount: nulls ? 1 : 0, nullBitmap: nulls ? Uint8Array.of(0b11111110) : undefined });
    const schema = new arrow.Schema([new arrow.Field('s', type, true)]);
    const batch = (d: arrow.Data) => new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(schema.fields), length: d.length, nullCount: 0, children: [d] }));

    const shared = new arrow.Table(schema, [batch(make(dictA, [0, 1, 2])), batch(make(dictA, [2, 2]))]);
    const r1 = importArrow(w, shared);
    expect(r1.columns[0]!.kind).toBe(Kind.DICT);
    const out1 = exportTable(w, [r1], r1.schema);
    expect(arrow.DataType.isDictionary(out1.schema.fields[0]!.type)).toBe(true);
    expect(cells(out1, 0)).toEqual(['a', 'b', 'c', 'c', 'c']);

    const dictA2 = arrow.vectorFromArray(['a', 'b', 'c'], new arrow.Utf8());
    const equal = importArrow(w, new arrow.Table(schema, [batch(make(dictA, [0])), batch(make(dictA2, [2]))]));
    expect(equal.columns[0]!.kind).toBe(Kind.DICT);
    expect(cells(exportTable(w, [equal], equal.schema), 0)).toEqual(['a', 'c']);
    equal.free();

    // A growing dictionary (each batch's a prefix of the next, as IPC delta dictionaries give) stays DICT.
    const grown = dictA.concat(arrow.vectorFromArray(['d'], new arrow.Utf8()));
    const growing = new arrow.Table(schema, [batch(make(dictA, [2, 0])), batch(make(grown, [3, 1]))]);
    for (const input of [growing, arrow.tableToIPC(growing, 'stream')]) {
      const r = importArrow(w, input);
      expect(r.columns[0]!.kind).toBe(Kind.DICT);
      expect(cells(exportTable(w, [r], r.schema), 0)).toEqual(['c', 'a', 'd', 'b']);
      r.free();
    }

    const differing = new arrow.Table(schema, [batch(make(dictA, [99, 1, 2], true)), batch(make(dictB, [1, 0]))]);
    const r2 = importArrow(w, differing);
    expect(r2.columns[0]!.kind).toBe(Kind.UTF8);
    const out2 = exportTable(w, [r2], r2.schema);
    expect(arrow.DataType.isUtf8(out2.schema.fields[0]!.type)).toBe(true);
    expect(cells(out2, 0)).toEqual([null, 'b', 'c', 'y', 'z']);
    const base = w.inUseBytes();
    r1.free();
    r2.free();
    expect(w.inUseBytes()).toBeLessThan(base);
  });

  it('converts timestamp units and millisecond dates with floor semantics', async () => {
    const w = await loadWasm();
    const ns = arrow.makeData({ type: new arrow.TimestampNanosecond(), length: 3, data: BigInt64Array.of(1999n, -1n, -1000n) });
    const dms = arrow.makeData({ type: new arrow.DateMillisecond(), length: 3, data: BigInt64Array.of(-1n, 86_400_001n, 0n) });
    const sec = arrow.makeData({ type: new arrow.TimestampSecond(), length: 3, data: BigInt64Array.of(-5n, 0n, 0n) });
    const table = new arrow.Table({ ns: arrow.makeVector(ns), dms: arrow.makeVector(dms), sec: arrow.makeVector(sec) });
    const r = importArrow(w, table);
    const i64 = w.views.i64;
    const i32 = w.views.i32;
    expect(Array.from(i64.subarray(r.columns[0]!.values / 8, r.columns[0]!.values / 8 + 3))).toEqual([1n, -1n, -1n]);
    expect(Array.from(i32.subarray(r.columns[1]!.values / 4, r.columns[1]!.values / 4 + 3))).toEqual([-1, 1, 0]);
    expect(i64[r.columns[2]!.values / 8]).toBe(-5000n);
    r.free();
  });

  it('imports a column that arrow-js padded with NULL rows beyond its values', async () => {
    const w = await loadWasm();
    const table = new arrow.Table({ long: arrow.makeVector(Int32Array.of(1, 2, 3)), short: arrow.makeVector(Float64Array.of(0.5)) });
    const r = importArrow(w, table);
    expect(cells(exportTable(w, [r], r.schema), 1)).toEqual(cells(table, 1));
    r.free();
  });

  it('names the field and the type of an unsupported column, and leaks nothing', async () => {
    const w = await loadWasm();
    const base = w.inUseBytes();
    const list = arrow.vectorFromArray([[1, 2], [3]], new arrow.List(new arrow.Field('item', new arrow.Int32())));
    const table = new arrow.Table({ ok: arrow.vectorFromArray([1.5, 2.5]), bad: list });
    expect(() => importArrow(w, table)).toThrow(/field "bad" has Arrow type List/);
    const u64 = new arrow.Table({ u: arrow.makeVector(BigUint64Array.of(1n)) });
    expect(() => importArrow(w, u64)).toThrow(/field "u" has Arrow type Uint64/);
    expect(w.inUseBytes()).toBe(base);
  });
});
