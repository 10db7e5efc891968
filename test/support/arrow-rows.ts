/**
 * Reads `apache-arrow` Tables (weir's results, generated test tables) into {@link Row}s with the
 * value representation of values.ts. Reads buffers directly rather than through Vector.get so
 * that 64-bit integers, decimals and timestamps stay exact.
 */
import { DataType, DateUnit, TimeUnit, Type, makeVector, type Data, type Table, type Vector } from 'apache-arrow';
import { formatDecimal, type Row, type Value } from './values.js';

type CellReader = (index: number) => Value;

const MICROS_PER_UNIT: Record<number, bigint> = {
  [TimeUnit.SECOND]: 1_000_000n,
  [TimeUnit.MILLISECOND]: 1_000n,
  [TimeUnit.MICROSECOND]: 1n,
};

/** The signed integer stored little-endian in `words[at .. at+count)` (32-bit words). */
function wordsToBigInt(words: Uint32Array, at: number, count: number): bigint {
  let x = 0n;
  for (let w = count - 1; w >= 0; w--) x = (x << 32n) | BigInt(words[at + w]!);
  const bits = BigInt(count * 32);
  return x >= 1n << (bits - 1n) ? x - (1n << bits) : x;
}

/** A reader of one Data chunk's cells, nulls excluded (validity is checked by the caller). */
function cellReader(data: Data, column: string): CellReader {
  const type = data.type as DataType;
  const values = data.values as ArrayLike<number | bigint> & Uint32Array;
  switch (type.typeId) {
    case Type.Null:
      return () => null;
    case Type.Bool:
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Dictionary:
    case Type.Float: {
      const vector = makeVector(data) as Vector;
      return (i) => vector.get(i) as Value;
    }
    case Type.Int:
      return (i) => values[i] as number | bigint;
    case Type.Decimal: {
      const scale = (type as DataType & { scale: number }).scale;
      const words = (type as DataType & { bitWidth: number }).bitWidth / 32;
      return (i) => formatDecimal(wordsToBigInt(values, i * words, words), scale);
    }
    case Type.Date: {
      const unit = (type as DataType & { unit: DateUnit }).unit;
      if (unit === DateUnit.DAY) return (i) => values[i] as number;
      return (i) => Math.floor(Number(values[i]) / 86_400_000);
    }
    case Type.Timestamp: {
      const unit = (type as DataType & { unit: TimeUnit }).unit;
      if (unit === TimeUnit.NANOSECOND) return (i) => BigInt(values[i]!) / 1000n;
      const scale = MICROS_PER_UNIT[unit]!;
      return (i) => BigInt(values[i]!) * scale;
    }
    default:
      throw new Error(`arrowRows: column '${column}' has type ${String(type)}, which the test harness does not read`);
  }
}

/** Every value of one column, nulls as `null`. */
export function arrowColumnValues(vector: Vector, column = '?'): Value[] {
  const out: Value[] = [];
  for (const data of vector.data) {
    const read = cellReader(data, column);
    for (let i = 0; i < data.length; i++) out.push(data.getValid(i) ? read(i) : null);
  }
  return out;
}

/** The rows of an Arrow table, in table order, with values as values.ts defines them. */
export function arrowRows(table: Table): Row[] {
  const columns = table.schema.fields.map((f, c) => arrowColumnValues(table.getChildAt(c)!, f.name));
  // Table.numRows sums over the record batches on every access: read it once.
  const numRows = table.numRows;
  const rows: Row[] = [];
  for (let r = 0; r < numRows; r++) rows.push(columns.map((col) => col[r]!));
  return rows;
}
