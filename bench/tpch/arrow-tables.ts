/**
 * The generated tables as apache-arrow Tables: INTEGER as Int32, DECIMAL(15,2) as Decimal128(15, 2),
 * DATE as Date32 (DateDay), VARCHAR as Utf8, every field NOT NULL as in the spec. Integer, date
 * and text buffers are wrapped without copying; decimals are widened once to 16 bytes per value.
 */
import {
  DateDay,
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

function columnData(c: TpchColumn): Data<DataType> {
  switch (c.kind) {
    case 'int':
      return makeData({ type: new Int32(), length: c.values.length, nullCount: 0, data: c.values });
    case 'date':
      return makeData({ type: new DateDay(), length: c.days.length, nullCount: 0, data: c.days });
    case 'decimal':
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
export function toArrowTable(t: TpchTable): Table {
  const children = t.columns.map(columnData);
  const fields = t.columns.map((c, i) => new Field(c.name, children[i]!.type, false));
  const schema = new Schema(fields);
  const data = makeData({ type: new Struct(fields), length: t.rows, nullCount: 0, children });
  return new Table([new RecordBatch(schema, data)]);
}

/** All eight tables as Arrow Tables, by name. */
export function toArrowTables(data: TpchData): Record<TpchTableName, Table> {
  const out = {} as Record<TpchTableName, Table>;
  for (const name of TPCH_TABLE_NAMES) out[name] = toArrowTable(data[name]);
  return out;
}
