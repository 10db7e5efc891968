import { COL_SIZE, Kind, kindWidth, writeDescs, writeDescsAt, type BatchDesc, type ColumnDesc } from './column.js';
import type { WasmInstance } from './wasm-instance.js';

/** One ORDER BY key: a column of the batch, its direction and where its NULLs go. */
export interface SortKey {
  /** Index of the key column in `batch.columns`. */
  readonly col: number;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

/** Options of {@link sortIndices}. */
export interface SortOptions {
  /** Selection vector (ascending i32 row indices) of the rows to sort; 0 or absent: all rows. */
  readonly selPtr?: number;
  /** Number of entries at `selPtr`. */
  readonly selLen?: number;
  /** Rows wanted: the first `limit` of the order (ORDER BY … LIMIT). Absent: all rows. */
  readonly limit?: number;
}

/** Result of {@link sortIndices}: i32 row indices in sorted order, in the arena. */
export interface SortResult {
  /** Arena pointer of the indices (valid until the caller resets the arena below it). */
  readonly ptr: number;
  /** Number of indices: min(limit, rows to sort). */
  readonly count: number;
}

const SORTABLE = new Set<number>([Kind.BOOL, Kind.I32, Kind.I64, Kind.F64, Kind.UTF8, Kind.DICT, Kind.I128]);
const NO_LIMIT = 0xffffffff;

/**
 * Sorts the rows of `batch` by `keys` in ONE WASM call and returns the row indices of the order.
 *
 * The order is SQL's: per key ascending or descending, NULLS FIRST or LAST; doubles order -0 equal
 * to 0 and NaN above every number (as Flink's Double.compare and DuckDB); strings bytewise on
 * UTF-8 (code point order); DICT columns by their dictionary strings. The sort is stable, so ties
 * keep input (row index) order and results do not depend on batch sizes; with a limit the result
 * is exactly the first `limit` rows of that order, taken by a bounded heap when the limit is small
 * (top-N), so a top-N buffer costs O(limit + buffer). Descriptors, key spec and result are
 * allocated in the arena: take a mark before and reset after the result has been used.
 */
export function sortIndices(w: WasmInstance, batch: BatchDesc, keys: readonly SortKey[], options: SortOptions = {}): SortResult {
  const selPtr = options.selPtr ?? 0;
  const rows = selPtr !== 0 ? (options.selLen ?? 0) : batch.numRows;
  const limit = options.limit ?? NO_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`sortIndices: limit must be a non-negative integer, got ${limit}`);
  for (const key of keys) {
    const col = batch.columns[key.col];
    if (!col) throw new RangeError(`sortIndices: key column ${key.col} is not in the batch (${batch.columns.length} columns)`);
    if (!SORTABLE.has(col.kind)) throw new RangeError(`sortIndices: column ${key.col} has kind ${col.kind}, which cannot be sorted`);
  }
  // Descriptors and key spec in one arena block: with the sort itself, two calls into WASM.
  const descs = w.fn.arena_alloc!(batch.columns.length * COL_SIZE + Math.max(1, keys.length) * 8) >>> 0;
  writeDescsAt(w, descs, batch.columns);
  const spec = descs + batch.columns.length * COL_SIZE;
  const i32 = w.views.i32;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    i32[(spec >>> 2) + 2 * k] = key.col;
    i32[(spec >>> 2) + 2 * k + 1] = (key.ascending ? 0 : 1) | (key.nullsFirst ? 2 : 0);
  }
  const cap = Math.min(limit, NO_LIMIT);
  const ptr = w.fn.sort_indices!(descs, spec, keys.length, batch.numRows, selPtr, rows, cap) >>> 0;
  return { ptr, count: Math.min(cap, rows) };
}

/** Kinds {@link sortColumn} sorts. */
const COLUMN_SORTABLE = new Set<number>([Kind.I32, Kind.I64, Kind.F64]);

/** Result of {@link sortColumn}: the sorted column, and the release of memory it may have taken. */
export interface SortedColumn {
  /** The sorted values (validity: the input column's bitmap, rewritten). */
  readonly column: ColumnDesc;
  /** Returns the block the values moved to, if they moved; call once the column is no longer used. */
  release(): void;
}

/**
 * Sorts the values of one column in ONE WASM call, when that column is both the only ORDER BY
 * key and the only column of the result: no row indices are produced and nothing needs gathering
 * afterwards. The result is the one {@link sortIndices} plus a gather would give. The column's
 * buffers (values and validity bitmap) must be owned by the caller, e.g. a BatchAccumulator's:
 * they are rewritten (NULLs move to the front or the back, the bitmap follows). The sorted values
 * are in the column's own buffer or, to spare a copy, in a new block that {@link SortedColumn.release}
 * frees.
 *
 * Returns undefined, leaving the column as it was, for a kind other than I32, I64 or F64, or for
 * doubles holding -0 or non-canonical NaNs: they tie with values of other bits, and only the row
 * sort keeps such ties in input order.
 */
export function sortColumn(w: WasmInstance, column: ColumnDesc, key: { ascending: boolean; nullsFirst: boolean }): SortedColumn | undefined {
  if (!COLUMN_SORTABLE.has(column.kind)) return undefined;
  const mark = w.fn.arena_mark!() >>> 0;
  let values: number;
  try {
    const desc = writeDescs(w, [column]);
    values = w.fn.sort_column!(desc, (key.ascending ? 0 : 1) | (key.nullsFirst ? 2 : 0)) >>> 0;
  } finally {
    w.fn.arena_reset!(mark);
  }
  if (values === 0) return undefined;
  const moved = values !== column.values;
  const bytes = column.length * kindWidth(column.kind);
  let released = false;
  return {
    column: moved ? { ...column, values } : column,
    release(): void {
      if (!moved || released) return;
      released = true;
      w.fn.mem_free!(values, bytes);
    },
  };
}
