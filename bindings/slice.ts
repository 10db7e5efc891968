import { kindWidth, type BatchDesc, type ColumnDesc } from './column.js';

/**
 * A zero-copy window of `length` rows from row `start` of a batch (or of a resident table, which
 * is a batch): value, offset and index pointers move forward, the validity bitmap stays and its
 * bit offset moves. No WASM call, no allocation; the window is valid as long as its source is.
 * UTF8 offsets keep pointing into the same bytes, so they need not start at 0.
 */
export function sliceBatch(batch: BatchDesc, start: number, length: number): BatchDesc {
  if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > batch.numRows) {
    throw new RangeError(`sliceBatch: rows [${start}, ${start + length}) are outside a batch of ${batch.numRows} rows`);
  }
  if (start === 0 && length === batch.numRows) return batch;
  return { numRows: length, columns: batch.columns.map((c) => sliceColumn(c, start, length)) };
}

/** A zero-copy window of one column (see {@link sliceBatch}). */
export function sliceColumn(c: ColumnDesc, start: number, length: number): ColumnDesc {
  return {
    kind: c.kind,
    validity: c.validity,
    validityOffset: c.validity === 0 ? 0 : c.validityOffset + start,
    values: c.values + start * kindWidth(c.kind),
    data: c.data,
    length,
  };
}
