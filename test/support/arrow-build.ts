/**
 * Builds `apache-arrow` columns and tables from {@link Value}s: the inverse of arrow-rows.ts,
 * used by the test-data generator and by tests that write small tables by hand.
 *
 * Supported types: Bool, Int8/16/32/64, Uint8/16/32/64, Float32/64, Utf8, Dictionary<Utf8>
 * (any index type), Decimal (128-bit), DateDay, Timestamp (s, ms, us).
 */
import {
  DataType,
  DateUnit,
  Dictionary,
  Table,
  TimeUnit,
  Type,
  Utf8,
  Vector,
  makeData,
  makeVector,
} from 'apache-arrow';
import { parseDecimal, type Value } from './values.js';

function validity(values: readonly Value[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { nullBitmap, nullCount };
}

function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  const encoded = values.map((v) => (v === null ? new Uint8Array(0) : encoder.encode(v)));
  const valueOffsets = new Int32Array(values.length + 1);
  encoded.forEach((b, i) => (valueOffsets[i + 1] = valueOffsets[i]! + b.length));
  const data = new Uint8Array(valueOffsets[values.length]!);
  encoded.forEach((b, i) => data.set(b, valueOffsets[i]!));
  return makeVector(makeData({ type: new Utf8(), length: values.length, ...validity(values), valueOffsets, data }));
}

function expect<T>(v: Value, kind: string, check: (v: Value) => v is T & Value): T {
  if (!check(v)) throw new Error(`arrowColumn: expected ${kind}, got ${typeof v} ${String(v)}`);
  return v;
}
const isNumber = (v: Value): v is number => typeof v === 'number';
const isBigInt = (v: Value): v is bigint => typeof v === 'bigint';
const isString = (v: Value): v is string => typeof v === 'string';
const isBoolean = (v: Value): v is boolean => typeof v === 'boolean';

/** An Arrow vector of `type` holding `values` (`null` = null; other values as values.ts defines). */
export function arrowColumn(type: DataType, values: readonly Value[]): Vector {
  const length = values.length;
  const { nullBitmap, nullCount } = validity(values);
  const base = { type, length, nullBitmap, nullCount };
  switch (type.typeId) {
    case Type.Bool: {
      const data = new Uint8Array(Math.ceil(length / 8));
      values.forEach((v, i) => {
        if (v !== null && expect(v, 'boolean', isBoolean)) data[i >> 3]! |= 1 << (i & 7);
      });
      return makeVector(makeData({ ...base, data } as never));
    }
    case Type.Int:
    case Type.Float:
    case Type.Date: {
      if (type.typeId === Type.Date && (type as DataType & { unit: DateUnit }).unit !== DateUnit.DAY) {
        throw new Error('arrowColumn: only DateDay is supported');
      }
      const ArrayType = type.ArrayType as { new (n: number): Int32Array | BigInt64Array | Float64Array };
      const data = new ArrayType(length);
      const wide = data instanceof BigInt64Array || data instanceof BigUint64Array;
      values.forEach((v, i) => {
        if (v === null) return;
        data[i] = (wide ? expect(v, 'bigint', isBigInt) : expect(v, 'number', isNumber)) as never;
      });
      return makeVector(makeData({ ...base, data } as never));
    }
    case Type.Timestamp: {
      const unit = (type as DataType & { unit: TimeUnit }).unit;
      const per = unit === TimeUnit.SECOND ? 1_000_000n : unit === TimeUnit.MILLISECOND ? 1_000n : 1n;
      if (unit === TimeUnit.NANOSECOND) throw new Error('arrowColumn: nanosecond timestamps are not supported');
      const data = new BigInt64Array(length);
      values.forEach((v, i) => {
        if (v === null) return;
        const micros = expect(v, 'bigint (microseconds)', isBigInt);
        if (micros % per !== 0n) throw new Error(`arrowColumn: ${micros}us is not a whole ${TimeUnit[unit]}`);
        data[i] = micros / per;
      });
      return makeVector(makeData({ ...base, data } as never));
    }
    case Type.Decimal: {
      const { scale, bitWidth } = type as DataType & { scale: number; bitWidth: number };
      const words = bitWidth / 32;
      const data = new Uint32Array(length * words);
      values.forEach((v, i) => {
        if (v === null) return;
        let x = BigInt.asUintN(bitWidth, parseDecimal(expect(v, 'decimal string', isString), scale));
        for (let w = 0; w < words; w++, x >>= 32n) data[i * words + w] = Number(x & 0xffffffffn);
      });
      return makeVector(makeData({ ...base, data } as never));
    }
    case Type.Utf8:
      return utf8Vector(values.map((v) => (v === null ? null : expect(v, 'string', isString))));
    case Type.Dictionary: {
      const dictType = type as Dictionary;
      if (dictType.dictionary.typeId !== Type.Utf8) throw new Error('arrowColumn: only dictionaries of utf8');
      const codes = new Map<string, number>();
      const IndexArray = dictType.indices.ArrayType as { new (n: number): Int32Array };
      const data = new IndexArray(length);
      values.forEach((v, i) => {
        if (v === null) return;
        const s = expect(v, 'string', isString);
        let code = codes.get(s);
        if (code === undefined) codes.set(s, (code = codes.size));
        data[i] = code;
      });
      const dictionary = utf8Vector([...codes.keys()]);
      return makeVector(makeData({ ...base, type: dictType, data, dictionary } as never));
    }
    default:
      throw new Error(`arrowColumn: type ${String(type)} is not supported by the test harness`);
  }
}

/** An Arrow table from named columns, each a type and its values (all the same length). */
export function arrowTable(columns: Record<string, { type: DataType; values: readonly Value[] }>): Table {
  const vectors: Record<string, Vector> = {};
  for (const [name, c] of Object.entries(columns)) vectors[name] = arrowColumn(c.type, c.values);
  return new Table(vectors);
}
