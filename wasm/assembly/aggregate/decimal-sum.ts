// SUM accumulation over DECIMAL columns into 128-bit states ([lo u64][hi i64] at `off`), for
// SUM(DECIMAL) and AVG(DECIMAL). Separate from the 64-bit loops in accumulate.ts so that the
// integer fast paths keep their shape. Inputs are I64 (DECIMAL(p <= 18)) or I128 columns
// (DECIMAL(p > 18), and the partial SUM state in 'final' mode), over active rows only.
import { KIND_I128, col_values } from '../layout';
import { is_in_range, near_limit } from './decimal128';
import { ptr_at, row_at } from './row-access';

/**
 * Adds column `desc` (kind I64 or I128) into the wide states of rows (rows[0..n), or start ..
 * start+n-1 when rows is 0) whose state rows are ptrs[0..n). Returns true when a state left the
 * range of DECIMAL(38, s) (|sum| >= 10^38) or wrapped around 128 bits.
 */
export function sum_decimal(desc: usize, kind: u32, rows: usize, start: usize, ptrs: usize, n: usize, off: usize): bool {
  const values = col_values(desc);
  let flags: i64 = 0;
  if (kind == KIND_I128) {
    if (rows == 0) flags = add_wide_loop<u8>(values, rows, start, ptrs, n, off);
    else flags = add_wide_loop<u32>(values, rows, start, ptrs, n, off);
  } else {
    if (rows == 0) flags = add_narrow_loop<u8>(values, rows, start, ptrs, n, off);
    else flags = add_narrow_loop<u32>(values, rows, start, ptrs, n, off);
  }
  if (flags < 0) return true;           // a 128-bit signed wrap
  if (flags == 0) return false;         // every sum far below the limit
  for (let k: usize = 0; k < n; k++) {  // some sum near the limit: decide exactly
    const p = ptr_at(ptrs, k) + off;
    if (!is_in_range(load<u64>(p), load<i64>(p, 8))) return true;
  }
  return false;
}

// Both loops return: negative on a signed wrap, 1 when a sum came near the limit, 0 otherwise.

// @ts-ignore: decorator
@inline function add_narrow_loop<M>(values: usize, rows: usize, start: usize, ptrs: usize, n: usize, off: usize): i64 {
  let wrap: i64 = 0;
  let near = false;
  for (let k: usize = 0; k < n; k++) {
    const p = ptr_at(ptrs, k) + off;
    const v = load<i64>(values + (row_at<M>(rows, start, k) << 3));
    const lo = load<u64>(p);
    const hi = load<i64>(p, 8);
    const vhi = v >> 63;
    const nlo = lo + <u64>v;
    const nhi = hi + vhi + <i64>(nlo < lo);
    wrap |= (hi ^ nhi) & (vhi ^ nhi);
    near = near || near_limit(nhi);
    store<u64>(p, nlo);
    store<i64>(p, nhi, 8);
  }
  return wrap < 0 ? -1 : near ? 1 : 0;
}

// @ts-ignore: decorator
@inline function add_wide_loop<M>(values: usize, rows: usize, start: usize, ptrs: usize, n: usize, off: usize): i64 {
  let wrap: i64 = 0;
  let near = false;
  for (let k: usize = 0; k < n; k++) {
    const p = ptr_at(ptrs, k) + off;
    const src = values + (row_at<M>(rows, start, k) << 4);
    const vlo = load<u64>(src);
    const vhi = load<i64>(src, 8);
    const lo = load<u64>(p);
    const hi = load<i64>(p, 8);
    const nlo = lo + vlo;
    const nhi = hi + vhi + <i64>(nlo < vlo);
    wrap |= (hi ^ nhi) & (vhi ^ nhi);
    near = near || near_limit(nhi);
    store<u64>(p, nlo);
    store<i64>(p, nhi, 8);
  }
  return wrap < 0 ? -1 : near ? 1 : 0;
}
