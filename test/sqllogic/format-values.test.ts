import { Bool, DateDay, Decimal, Dictionary, Float32, Float64, Int32, Int64, Int8, TimeMillisecond, TimestampMillisecond, TimestampMicrosecond, Uint64, Utf8, Table, makeData, makeVector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowTable } from '../support/arrow-build.js';
import { formatDate, formatFloat, formatString, formatTimestamp, padDecimal, renderTable } from './format-values.js';

describe('formatFloat', () => {
  it.each([
    [0.1, '0.1'],
    [3, '3'],
    [-2.5, '-2.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-0, '0'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [123456789.125, '123456789.125'],
    [NaN, 'nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('renders the double %d as %s', (x, text) => expect(formatFloat(x)).toBe(text));

  it('renders float32 values with the fewest digits that round-trip in single precision', () => {
    expect(formatFloat(Math.fround(0.1), true)).toBe('0.1');
    expect(formatFloat(Math.fround(16777217), true)).toBe('16777216');
    expect(formatFloat(Math.fround(1 / 3), true)).toBe('0.33333334');
    expect(formatFloat(Math.fround(0.1))).toBe('0.10000000149011612');
  });
});

describe('dates and timestamps', () => {
  it.each([
    [0, '1970-01-01'],
    [-1, '1969-12-31'],
    [19782, '2024-02-29'],
    [11016, '2000-02-29'],
    [-719528, '0000-01-01'],
    [-719529, '-0001-12-31'],
    [2932897, '+10000-01-01'],
  ])('formats day %i as %s', (days, text) => expect(formatDate(days)).toBe(text));

  it.each([
    [0n, '1970-01-01 00:00:00.000'],
    [1704103200123000n, '2024-01-01 10:00:00.123'],
    [1704103200123456n, '2024-01-01 10:00:00.123456'],
    [-1000n, '1969-12-31 23:59:59.999'],
    [-1n, '1969-12-31 23:59:59.999999'],
  ])('formats %s microseconds as %s', (micros, text) => expect(formatTimestamp(micros)).toBe(text));
});

describe('strings and decimals', () => {
  it('writes the empty string as (empty) and escapes characters that would break a block', () => {
    expect(formatString('')).toBe('(empty)');
    expect(formatString(' a b ')).toBe(' a b ');
    expect(formatString('a\tb\nc\r')).toBe('a\\tb\\nc\\r');
  });

  it('pads decimals to their scale', () => {
    expect(padDecimal('1.5', 2)).toBe('1.50');
    expect(padDecimal('-3', 3)).toBe('-3.000');
    expect(padDecimal('12', 0)).toBe('12');
  });
});

describe('renderTable', () => {
  it('renders every supported Arrow type and names the column letters', () => {
    const table = arrowTable({
      b: { type: new Bool(), values: [true, false, null] },
      i8: { type: new Int8(), values: [-5, 0, null] },
      i32: { type: new Int32(), values: [42, -1, null] },
      i64: { type: new Int64(), values: [9007199254740993n, -2n, null] },
      u64: { type: new Uint64(), values: [18446744073709551615n, 0n, null] },
      f64: { type: new Float64(), values: [0.25, NaN, null] },
      f32: { type: new Float32(), values: [Math.fround(0.1), -0, null] },
      dec: { type: new Decimal(2, 10, 128), values: ['1.5', '-0.07', null] },
      dec0: { type: new Decimal(0, 38, 128), values: ['170141183460469231731687303715884105727', '0', null] },
      s: { type: new Utf8(), values: ['x', '', null] },
      dict: { type: new Dictionary(new Utf8(), new Int32()), values: ['k', 'k', null] },
      d: { type: new DateDay(), values: [19782, 0, null] },
      tsMs: { type: new TimestampMillisecond(), values: [1704103200123000n, -1000n, null] },
      tsUs: { type: new TimestampMicrosecond(), values: [1704103200000001n, 0n, null] },
    });
    const rendered = renderTable(table);
    expect(rendered.types).toBe('IIIIIRRRITTTTT');
    expect(rendered.rows).toEqual([
      ['true', '-5', '42', '9007199254740993', '18446744073709551615', '0.25', '0.1', '1.50', '170141183460469231731687303715884105727', 'x', 'k', '2024-02-29', '2024-01-01 10:00:00.123', '2024-01-01 10:00:00.000001'],
      ['false', '0', '-1', '-2', '0', 'nan', '0', '-0.07', '0', '(empty)', 'k', '1970-01-01', '1969-12-31 23:59:59.999', '1970-01-01 00:00:00.000'],
      Array(14).fill('NULL'),
    ]);
  });

  it('renders a table spread over several record batches in order', () => {
    const a = arrowTable({ x: { type: new Int32(), values: [1, 2] } });
    const b = arrowTable({ x: { type: new Int32(), values: [3] } });
    expect(renderTable(new Table([...a.batches, ...b.batches])).rows).toEqual([['1'], ['2'], ['3']]);
  });

  it('rejects a column type it cannot render, naming the column', () => {
    const time = makeVector(makeData({ type: new TimeMillisecond(), length: 1, nullCount: 0, data: new Int32Array([1000]) }));
    expect(() => renderTable(new Table({ t_col: time }))).toThrow(/t_col/);
  });
});
