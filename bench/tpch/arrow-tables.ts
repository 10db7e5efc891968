/**
 * The generated tables as apache-arrow Tables: INTEGER as Int32, DECIMAL(15,2) as Decimal128(15, 2),
 * DATE as Date32 (DateDay), VARCHAR as Utf8, every field NOT NULL as in the spec. Integer, date
 * and text buffers are wrapped without copying; decimals are widened once to 16 bytes per value.
 * With money `double`, the DECIMAL columns become Float64 instead (dollars, not cents), for
 * engines or runs that compare the decimal and floating-point paths.
 */
import {
  DateDay,
  Float64,
  Decimal,
  Field,
  Int32,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { TpchColumn, TpchData, TpchTable, TpchTableName } from './columns.js';
import { TPCH_TABLE_NAMES } from './columns.js';

/** Precision and scale of the money and quantity columns. */
export const DECIMAL_PRECISION = 15;
export const DECIMAL_SCALE = 2;

/** How the DECIMAL(15,2) columns are handed to systems: as the spec's decimals, or as DOUBLE. */
export type MoneyType = 'decimal' | 'double';

/** The value of every cent count in dollars, as doubles. */
export function dollars(cents: Int32Array): Float64Array {
  const out = new Float64Array(cents.length);
  for (let i = 0; i < cents.length; i++) out[i] = cents[i]! / 100;
  return out;
}

/** Decimal128 values (little-endian two's complement, 16 bytes each) of integer cents. */
function decimal128Words(cents: Int32Array): Uint32Array {
  const words = new BigInt64Array(cents.length * 2);
  for (let i = 0; i < cents.length; i++) {
    const v = cents[i]!;
    words[2 * i] = BigInt(v);
    words[2 * i + 1] = v < 0 ? -1n : 0n;
  }
  return new Uint32Array(words.buffer);
}

function columnData(c: TpchColumn, money: MoneyType): Data<DataType> {
  switch (c.kind) {
    case 'int':
      return makeData({ type: new Int32(), length: c.values.length, nullCount: 0, data: c.values });
    case 'date':
      return makeData({ type: new DateDay(), length: c.days.length, nullCount: 0, data: c.days });
    case 'decimal':
      if (money === 'double') return makeData({ type: new Float64(), length: c.cents.length, nullCount: 0, data: dollars(c.cents) });
      return makeData({
        type: new Decimal(DECIMAL_SCALE, DECIMAL_PRECISION, 128),
        length: c.cents.length,
        nullCount: 0,
        data: decimal128Words(c.cents),
      });
    case 'string':
      return makeData({
        type: new Utf8(),
        length: c.strings.offsets.length - 1,
        nullCount: 0,
        valueOffsets: c.strings.offsets,
        data: c.strings.bytes,
      });
  }
}

/** One generated table as an Arrow Table of a single record batch. */
export function toArrowTable(t: TpchTable, money: MoneyType = 'decimal'): Table {
  const children = t.columns.map((c) => columnData(c, money));
  const fields = t.columns.map((c, i) => new Field(c.name, children[i]!.type, false));
  const schema = new Schema(fields);
  const data = makeData({ type: new Struct(fields), length: t.rows, nullCount: 0, children });
  return new Table([new RecordBatch(schema, data)]);
}

/** All eight tables as Arrow Tables, by name. */
export function toArrowTables(data: TpchData, money: MoneyType = 'decimal'): Record<TpchTableName, Table> {
  const out = {} as Record<TpchTableName, Table>;
  for (const name of TPCH_TABLE_NAMES) out[name] = toArrowTable(data[name], money);
  return out;
}
