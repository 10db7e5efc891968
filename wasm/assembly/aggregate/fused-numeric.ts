// COUNT, SUM, MIN and MAX of one numeric column (F64, I64 or I32) folded in ONE pass over the
// rows, for the common case of an argument without NULLs and without FILTER: the value and the
// state row are loaded once for all of them (W2: count/sum/min/max of one column). Absent
// aggregates have offset NONE. This loop takes state rows from a pointer vector and, bound by
// cache misses on big tables, tests runtime flags; the dense layout's pass (dense-fused.ts)
// makes the set of present aggregates a compile-time template argument (a per-row test of a
// runtime flag costs a third of that loop) with the presence markers below. Semantics
// are those of accumulate.ts and min-max.ts (NaN is the greatest double; integer sums check
// overflow).
import { KIND_F64, KIND_I32 } from '../layout';
import { ptr_at, row_at } from './row-access';

/** Offset of an absent aggregate. */
export const NONE: usize = 0xFFFFFFFF;

/**
 * Folds column `values` (kind `kind`) into the count/sum/min/max states at the given offsets of
 * each row's state row ptrs[k] (flags: the offsets of their flag bytes). `rows` 0 means rows
 * start .. start+n-1. Returns true when an integer sum overflowed.
 */
export function fused_update(kind: u32, values: usize, rows: usize, start: usize, ptrs: usize, n: usize,
  oc: usize, os: usize, fs: usize, omn: usize, fmn: usize, omx: usize, fmx: usize): bool {
  let ovf: i64 = 0;
  if (kind == KIND_F64) {
    if (rows == 0) ovf = fused_loop<u8, f64, f32, f32>(values, rows, start, ptrs, n, oc, os, fs, omn, fmn, omx, fmx);
    else ovf = fused_loop<u32, f64, f32, f32>(values, rows, start, ptrs, n, oc, os, fs, omn, fmn, omx, fmx);
  } else if (kind == KIND_I32) {
    if (rows == 0) ovf = fused_loop<u8, i32, f32, f32>(values, rows, start, ptrs, n, oc, os, fs, omn, fmn, omx, fmx);
    else ovf = fused_loop<u32, i32, f32, f32>(values, rows, start, ptrs, n, oc, os, fs, omn, fmn, omx, fmx);
  } else {
    if (rows == 0) ovf = fused_loop<u8, i64, f32, f32>(values, rows, start, ptrs, n, oc, os, fs, omn, fmn, omx, fmx);
    else ovf = fused_loop<u32, i64, f32, f32>(values, rows, start, ptrs, n, oc, os, fs, omn, fmn, omx, fmx);
  }
  return ovf < 0;
}

/** Whether the given offsets are the block layout's for this set of aggregates (see table.ts). */
export function static_offsets_match(oc: usize, os: usize, fs: usize, omn: usize, fmn: usize, omx: usize, fmx: usize): bool {
  const nc: usize = oc != NONE ? 1 : 0;
  const ns: usize = os != NONE ? 1 : 0;
  const nmn: usize = omn != NONE ? 1 : 0;
  const nmx: usize = omx != NONE ? 1 : 0;
  const flags = (nc + ns + nmn + nmx) << 3;
  if (nc != 0 && oc != 0) return false;
  if (ns != 0 && (os != nc << 3 || fs != flags)) return false;
  if (nmn != 0 && (omn != (nc + ns) << 3 || fmn != flags + ns)) return false;
  if (nmx != 0 && (omx != (nc + ns + nmn) << 3 || fmx != flags + ns + nmn)) return false;
  return true;
}

// Presence markers. A encodes (count, sum) and B (min, max) by size: u8 neither, u16 the first,
// u32 the second, u64 both; f32 means "test the offsets at run time".
// @ts-ignore: decorator
@inline export function has_first<A>(off: usize): bool {
  return isFloat<A>() ? off != NONE : sizeof<A>() == 2 || sizeof<A>() == 8;
}
// @ts-ignore: decorator
@inline export function has_second<A>(off: usize): bool {
  return isFloat<A>() ? off != NONE : sizeof<A>() >= 4;
}

/**
 * Folds value v into the state row at `base`: COUNT at oc, SUM at os (flag byte fs), MIN at omn
 * (flag fmn), MAX at omx (flag fmx), each only if present by markers A and B. Returns the
 * overflow bits of an integer SUM (negative when it overflowed). Both fused loops share it: with
 * constant offsets and markers it compiles to exactly the present updates.
 */
// @ts-ignore: decorator
@inline export function fold_value<T, A, B>(base: usize, v: T,
  oc: usize, os: usize, fs: usize, omn: usize, fmn: usize, omx: usize, fmx: usize): i64 {
  let ovf: i64 = 0;
  if (has_first<A>(oc)) store<i64>(base + oc, load<i64>(base + oc) + 1);
  if (has_second<A>(os)) {
    ovf = add_sum<T>(base + os, v);
    store<u8>(base + fs, 1);
  }
  if (has_first<B>(omn)) {
    const cur = load<T>(base + omn);
    if (isFloat<T>()) store<T>(base + omn, v < cur || cur != cur ? v : cur);
    else store<T>(base + omn, v < cur ? v : cur);
    store<u8>(base + fmn, 1);
  }
  if (has_second<B>(omx)) {
    const cur = load<T>(base + omx);
    if (isFloat<T>()) store<T>(base + omx, v > cur || v != v ? v : cur);
    else store<T>(base + omx, v > cur ? v : cur);
    store<u8>(base + fmx, 1);
  }
  return ovf;
}

/** Adds v to the SUM state at `at` (DOUBLE for floats, BIGINT otherwise); returns overflow bits. */
// @ts-ignore: decorator
@inline export function add_sum<T>(at: usize, v: T): i64 {
  if (isFloat<T>()) {
    store<f64>(at, load<f64>(at) + <f64>v);
    return 0;
  }
  const s = load<i64>(at);
  const x = <i64>v;
  const r = s + x;
  store<i64>(at, r);
  return (s ^ r) & (x ^ r);
}

/**
 * The loop over state rows from the pointer vector. M: row addressing (row-access.ts). T: the
 * value type. A, B: presence markers (f32 here: offsets tested at run time).
 */
// @ts-ignore: decorator
@inline function fused_loop<M, T, A, B>(values: usize, rows: usize, start: usize, ptrs: usize, n: usize,
  oc: usize, os: usize, fs: usize, omn: usize, fmn: usize, omx: usize, fmx: usize): i64 {
  let ovf: i64 = 0;
  for (let k: usize = 0; k < n; k++) {
    const v = load<T>(values + row_at<M>(rows, start, k) * sizeof<T>());
    ovf |= fold_value<T, A, B>(ptr_at(ptrs, k), v, oc, os, fs, omn, fmn, omx, fmx);
  }
  return ovf;
}
