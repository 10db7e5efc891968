/**
 * Shared fixtures of the connector tests: a temp directory per test file, a table covering every
 * weir type with edge values, and helpers that read a source into rows (values.ts representation).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import { afterAll } from 'vitest';
import type { Schema } from '../../engine/types/data-type.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { toArrowSchema } from '../../engine/types/arrow-types.js';
import type { Source } from '../../engine/connectors/source.js';
import { arrowRows } from '../support/arrow-rows.js';
import type { Row } from '../support/values.js';

/** A fresh temp directory removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'weir-connectors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every weir type the formats read and write. */
export const ALL_TYPES: Schema = {
  fields: [
    { name: 'b', type: DataTypes.BOOLEAN() },
    { name: 'i8', type: DataTypes.TINYINT() },
    { name: 'i16', type: DataTypes.SMALLINT() },
    { name: 'i32', type: DataTypes.INT() },
    { name: 'i64', type: DataTypes.BIGINT() },
    { name: 'f32', type: DataTypes.FLOAT() },
    { name: 'f64', type: DataTypes.DOUBLE() },
    { name: 'dec', type: DataTypes.DECIMAL(20, 4) },
    { name: 's', type: DataTypes.STRING() },
    { name: 'd', type: DataTypes.DATE() },
    { name: 'ts3', type: DataTypes.TIMESTAMP(3) },
    { name: 'ts6', type: DataTypes.TIMESTAMP(6) },
  ],
};

function validity(values: readonly unknown[]): [Uint8Array, number] {
  const bits = new Uint8Array((values.length + 7) >> 3);
  let nulls = 0;
  values.forEach((v, i) => { if (v === null) nulls++; else bits[i >> 3]! |= 1 << (i & 7); });
  return [bits, nulls];
}

function column(type: arrow.DataType, values: readonly unknown[]): arrow.Data {
  const [nullBitmap, nullCount] = validity(values);
  const length = values.length;
  if (arrow.DataType.isUtf8(type) || arrow.DataType.isBool(type) || arrow.DataType.isFloat(type)) {
    const v = arrow.vectorFromArray(values as never[], type);
    return v.data[0]!;
  }
  if (arrow.DataType.isDecimal(type)) {
    const words = new Uint32Array(4 * length);
    values.forEach((v, i) => {
      const x = BigInt.asUintN(128, (v as bigint | null) ?? 0n);
      for (let k = 0; k < 4; k++) words[4 * i + k] = Number((x >> BigInt(32 * k)) & 0xffffffffn);
    });
    return arrow.makeData({ type, length, nullCount, nullBitmap, data: words } as never);
  }
  const ArrayType = (type as { ArrayType: new (n: number) => ArrayLike<unknown> & { [i: number]: unknown } }).ArrayType;
  const data = new ArrayType(length);
  values.forEach((v, i) => { data[i] = v ?? (ArrayType === BigInt64Array ? 0n : 0); });
  return arrow.makeData({ type, length, nullCount, nullBitmap, data } as never);
}

/** A record batch of `schema` from columns of JS values (bigint for 64-bit, unscaled bigint for decimals). */
export function batchOf(schema: Schema, columns: readonly (readonly unknown[])[]): arrow.RecordBatch {
  const s = toArrowSchema(schema);
  const length = columns[0]?.length ?? 0;
  const children = s.fields.map((f, c) => column(f.type, columns[c]!));
  return new arrow.RecordBatch(s, arrow.makeData({ type: new arrow.Struct(s.fields), length, nullCount: 0, children }));
}

const I64_MIN = -(1n << 63n), I64_MAX = (1n << 63n) - 1n;

/** Rows with nulls, empty strings, unicode, negatives, extremes and timestamps with millis. */
export function edgeBatch(): arrow.RecordBatch {
  return batchOf(ALL_TYPES, [
    [true, false, null, true, false],
    [127, -128, null, 0, -1],
    [32767, -32768, null, 0, 7],
    [2147483647, -2147483648, null, 0, -42],
    [I64_MAX, I64_MIN, null, 0n, -9007199254740993n],
    [1.5, -3.25, null, 0, 3.4028234663852886e38],
    [Math.PI, -1e-300, null, -0, 1.7976931348623157e308],
    [123456789012345678n, -1n, null, 0n, -10000n],
    ['plain', '', null, 'ünï "cödé", 日本語 🎉', 'line\nbreak, and,commas'],
    [0, -719162, null, 19000, 2932896],
    [1700000000123n, -1n, null, 0n, 253402300799999n],
    [1700000000123456n, -1n, null, 0n, -62135596800000000n],
  ]);
}

/** Every row a source yields, across all splits. */
export async function sourceRows(source: Source, batchSize = 8192): Promise<Row[]> {
  const batches: arrow.RecordBatch[] = [];
  for (const split of await source.enumerateSplits()) {
    for await (const batch of source.createReader(split, { batchSize })) {
      if (batch.numRows > batchSize) throw new Error(`batch of ${batch.numRows} rows exceeds ${batchSize}`);
      batches.push(batch);
    }
  }
  if (batches.length === 0) return [];
  return arrowRows(new arrow.Table(batches));
}

/** Rows of record batches. */
export function rowsOf(...batches: arrow.RecordBatch[]): Row[] {
  return arrowRows(new arrow.Table(batches));
}
