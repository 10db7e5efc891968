/**
 * Arrow columns holding one value in every row, and batches widened by such columns: how a source
 * appends per-split metadata (a file's path, size, modification time) to each batch it reads.
 * Strings are dictionary-encoded (one dictionary entry, every index 0), so a long path costs four
 * bytes a row, and weir keeps the column dictionary-encoded when it copies the batch in.
 */
import * as arrow from 'apache-arrow';
import { InternalError } from '../errors.js';
import type { DataType } from '../types/data-type.js';
import { toArrowType } from '../types/arrow-types.js';
import { recordBatch } from './formats/batch-builder.js';

/** A constant value: a string for STRING, a safe integer for BIGINT and for TIMESTAMP(3) (epoch milliseconds). */
export type ConstantValue = string | number;

/** The Arrow type {@link constantColumn} builds for `type`. */
export function constantArrowType(type: DataType): arrow.DataType {
  return type.name === 'STRING' ? new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()) : toArrowType(type);
}

/**
 * `length` rows of `value` as a non-null column of `type`: STRING, BIGINT or TIMESTAMP(3), the
 * types of the metadata sources offer today; another type is a bug in the caller.
 */
export function constantColumn(type: DataType, value: ConstantValue, length: number): arrow.Data {
  if (type.name === 'STRING' && typeof value === 'string') {
    const dictionary = arrow.vectorFromArray([value], new arrow.Utf8());
    return arrow.makeData({ type: constantArrowType(type) as arrow.Dictionary<arrow.Utf8, arrow.Int32>, length, nullCount: 0, data: new Int32Array(length), dictionary });
  }
  const millis = type.name === 'TIMESTAMP' && (type.precision ?? 3) === 3;
  if ((type.name === 'BIGINT' || millis) && typeof value === 'number' && Number.isSafeInteger(value)) {
    const data = new BigInt64Array(length).fill(BigInt(value));
    return arrow.makeData({ type: toArrowType(type), length, nullCount: 0, data } as never);
  }
  throw new InternalError(`constantColumn: cannot build a ${type.name} column of ${JSON.stringify(value)}`);
}

/** `batch` with `columns` (Data of `batch.numRows` rows) appended as the fields `fields`. */
export function appendColumns(batch: arrow.RecordBatch, fields: readonly arrow.Field[], columns: readonly arrow.Data[]): arrow.RecordBatch {
  const schema = new arrow.Schema([...batch.schema.fields, ...fields]);
  return recordBatch(schema, [...batch.data.children, ...columns], batch.numRows);
}
