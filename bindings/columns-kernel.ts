import { COL_SIZE, readDescs, writeDescs, type BatchDesc } from './column.js';
import type { WasmInstance } from './wasm-instance.js';

export { sliceBatch, sliceColumn } from './slice.js';
export { BatchAccumulator } from './batch-accumulator.js';

/**
 * Gathers ("takes") rows of every column of `batch` by the `count` i32 indices at `indexPtr`, into
 * new dense columns in the arena (valid until the caller resets the arena below them). Index -1
 * yields a NULL row, as the unmatched side of an outer join needs. One WASM call per batch.
 */
export function gather(w: WasmInstance, batch: BatchDesc, indexPtr: number, count: number): BatchDesc {
  const ncols = batch.columns.length;
  const src = writeDescs(w, batch.columns);
  const dst = w.fn.arena_alloc!(Math.max(1, ncols) * COL_SIZE) >>> 0;
  w.fn.gather_batch!(src, ncols, indexPtr, count, dst);
  return { numRows: count, columns: readDescs(w, dst, ncols) };
}
