// Sorting a column's values themselves, for ORDER BY when the sort key is the only column of the
// result (SELECT v FROM t ORDER BY v): no row positions are carried and nothing is gathered
// afterwards; the values are radix-sorted in place by their order-preserving key image
// (column-radix.ts). The result equals the stable row sort's: rows with equal keys are equal values,
// so their order cannot be seen. Doubles are the exception when two values compare equal but
// differ in bits (-0 and 0, NaNs with other payloads than the canonical one): then the caller
// takes the row sort, which keeps such ties in input order.
//
// NULLs are moved to the front (NULLS FIRST) or the back, and the validity bitmap rewritten to
// match: a NULL row carries no value, so all NULL rows are alike too.

import { KIND_F64, KIND_I32, KIND_I64, col_kind, col_length, col_validity, col_validity_offset, col_values } from '../layout';
import { bitmap_fill, get_bit } from '../columns/bits';
import { mem_free } from '../memory';
import { FLAG_DESC, FLAG_NULLS_FIRST } from './context';
import { radixSortColumn } from './column-radix';

const SIGN64: u64 = 0x8000000000000000;
const CANONICAL_NAN: u64 = 0x7FF8000000000000;

/** Whether sort_column can sort a column of this kind. */
export function sortColumnSupports(kind: u32): bool {
  return kind == KIND_F64 || kind == KIND_I64 || kind == KIND_I32;
}

/**
 * Moves the valid values of a fixed-width column (width 4 or 8) to one contiguous range, keeping
 * their relative order: [0, valid) for NULLS LAST, [n - valid, n) for NULLS FIRST. Returns the
 * number of valid values.
 */
function packValid(values: usize, width: usize, bm: usize, off: usize, n: usize, nullsFirst: bool): usize {
  let w: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    if (get_bit(bm, off + i) == 0) continue;
    if (width == 8) store<u64>(values + (w << 3), load<u64>(values + (i << 3)));
    else store<u32>(values + (w << 2), load<u32>(values + (i << 2)));
    w++;
  }
  if (nullsFirst && w < n) memory.copy(values + (n - w) * width, values, w * width);
  return w;
}

/** Whether a valid double of the column is -0 or a NaN other than the canonical one. */
function hasAmbiguousDouble(values: usize, bm: usize, off: usize, n: usize): bool {
  for (let i: usize = 0; i < n; i++) {
    const b = load<u64>(values + (i << 3));
    const x = reinterpret<f64>(b);
    if ((b == SIGN64 || (x != x && b != CANONICAL_NAN)) && get_bit(bm, off + i) != 0) return true;
  }
  return false;
}

/** Radix-sorts n values of `kind` at `values`: where they ended (see radixSortColumn), or 0. */
function sortValues(kind: u32, values: usize, n: usize, desc: bool): usize {
  if (n < 2) return values;
  if (kind == KIND_F64) return radixSortColumn<f64, u64>(values, n, desc);
  if (kind == KIND_I64) return radixSortColumn<i64, u64>(values, n, desc);
  return radixSortColumn<i32, u32>(values, n, desc);
}

/**
 * Sorts the values of the column at `desc` (I32, I64 or F64; owned by the caller) by `flags`
 * (FLAG_DESC, FLAG_NULLS_FIRST). Returns where the sorted values are: the column's own buffer, or
 * (a column without NULLs only) a new block of `length` values that the caller takes over, which
 * spares copying them back. NULLs move to the front or the back of the column's own buffer, and
 * its validity bitmap is rewritten to match. Returns 0, leaving the column as it was, for doubles
 * that must be sorted as rows (see above).
 */
export function sortColumn(desc: usize, flags: u32): usize {
  const kind = col_kind(desc);
  const n = <usize>col_length(desc);
  if (!sortColumnSupports(kind)) return 0;
  const isDesc = (flags & FLAG_DESC) != 0;
  const values = col_values(desc);
  const bm = col_validity(desc);
  if (bm == 0) return sortValues(kind, values, n, isDesc);
  // Doubles are checked before anything moves, so that a refusal leaves the column untouched.
  const off = col_validity_offset(desc);
  if (kind == KIND_F64 && hasAmbiguousDouble(values, bm, off, n)) return 0;
  const nullsFirst = (flags & FLAG_NULLS_FIRST) != 0;
  const width: usize = kind == KIND_I32 ? 4 : 8;
  const valid = packValid(values, width, bm, off, n, nullsFirst);
  bitmap_fill(bm, off, n, 1);
  if (nullsFirst) bitmap_fill(bm, off, n - valid, 0);
  else bitmap_fill(bm, off + valid, n - valid, 0);
  const base = values + (nullsFirst ? n - valid : 0) * width;
  const sorted = sortValues(kind, base, valid, isDesc);
  if (sorted != base) {
    memory.copy(base, sorted, valid * width);
    mem_free(sorted, valid * width);
  }
  return values;
}
