import { Bool, DataType, DateDay, Decimal, Dictionary, Float32, Float64, Int16, Int32, Int64, Int8, TimestampMicrosecond, TimestampMillisecond, Uint32, Uint64, Utf8, makeTable, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowColumn, arrowTable } from '../support/arrow-build.js';
import { arrowColumnValues, arrowRows } from '../support/arrow-rows.js';
import type { Value } from '../support/values.js';

const cases: { name: string; type: DataType; values: Value[] }[] = [
  { name: 'bool', type: new Bool(), values: [true, null, false, true, false, false, true, true, null, true] },
  { name: 'int8', type: new Int8(), values: [-128, 127, null, 0, -1] },
  { name: 'int16', type: new Int16(), values: [-32768, 32767, null, 0] },
  { name: 'int32', type: new Int32(), values: [-2147483648, 2147483647, null, 0, -1] },
  { name: 'int64', type: new Int64(), values: [-(2n ** 63n), 2n ** 63n - 1n, null, 0n] },
  { name: 'uint32', type: new Uint32(), values: [4294967295, 0, null] },
  { name: 'uint64', type: new Uint64(), values: [2n ** 64n - 1n, 0n, null] },
  { name: 'float32', type: new Float32(), values: [NaN, -0, Infinity, -Infinity, 1.5, null] },
  { name: 'float64', type: new Float64(), values: [NaN, -0, Number.MAX_VALUE, Number.MIN_VALUE, null, 0.1] },
  { name: 'utf8', type: new Utf8(), values: ['', null, 'é', '日本語', '😀', 'plain'] },
  { name: 'dict', type: new Dictionary(new Utf8(), new Int32()), values: ['b', 'a', null, 'b', '', 'a'] },
  { name: 'decimal', type: new Decimal(3, 38, 128), values: ['-99999999999999999999999999999999999.999', '0', null, '1.5', '-0.001'] },
  { name: 'date', type: new DateDay(), values: [0, -1, null, 19000, -719162] },
  { name: 'ts-ms', type: new TimestampMillisecond(), values: [0n, -1000n, null, 1_700_000_000_123_000n] },
  { name: 'ts-us', type: new TimestampMicrosecond(), values: [0n, -1n, null, 1_700_000_000_123_456n] },
];

describe('arrowColumn / arrowColumnValues', () => {
  for (const c of cases) {
    it(`round-trips ${c.name}`, () => {
      const vector = arrowColumn(c.type, c.values);
      expect(vector.length).toBe(c.values.length);
      expect(vector.nullCount).toBe(c.values.filter((v) => v === null).length);
      const back = arrowColumnValues(vector);
      expect(back.length).toBe(c.values.length);
      back.forEach((v, i) => expect(Object.is(v, c.values[i]) || v === c.values[i]).toBe(true));
    });
  }

  it('survives an IPC round trip (buffers are valid Arrow)', () => {
    const table = arrowTable(Object.fromEntries(cases.filter((c) => c.values.length === 5).map((c) => [c.name, { type: c.type, values: c.values }])));
    const back = tableFromIPC(tableToIPC(table));
    expect(arrowRows(back)).toEqual(arrowRows(table));
  });

  it('rejects values of the wrong kind', () => {
    expect(() => arrowColumn(new Int32(), ['1'])).toThrow(/expected number/);
    expect(() => arrowColumn(new TimestampMillisecond(), [1500n])).toThrow(/not a whole/);
  });
});

describe('arrowRows', () => {
  it('reads rows across record batches and slices', () => {
    const a = makeTable({ x: Int32Array.from([1, 2, 3]) });
    const b = makeTable({ x: Int32Array.from([4, 5]) });
    const table = a.concat(b);
    expect(table.batches.length).toBe(2);
    expect(arrowRows(table)).toEqual([[1], [2], [3], [4], [5]]);
    expect(arrowRows(table.slice(2, 4))).toEqual([[3], [4]]);
    const withNulls = arrowTable({ s: { type: new Utf8(), values: ['a', null, 'c', null] } });
    expect(arrowRows(withNulls.slice(1, 3))).toEqual([[null], ['c']]);
  });

  it('reads an empty table', () => {
    expect(arrowRows(arrowTable({ x: { type: new Int32(), values: [] } }))).toEqual([]);
  });
});
