// Register-resident folds for the aggregate without GROUP BY (global-update.ts): each loads its
// one state into locals, folds a run of active rows (rows start .. start+n-1 when `rows` is 0,
// else the u32 row indices rows[0..n)) and stores the state once. The row-at-a-time path keeps
// the state in memory and pays a store-to-load round trip per row and aggregate.
//
// Results are those of the row-at-a-time loops (accumulate.ts, min-max.ts, decimal-sum.ts):
//  - DOUBLE sums add in row order, so they round exactly as before (Flink adds in arrival order).
//  - DOUBLE MIN/MAX keep the first of equal values (+0 / -0) and order NaN above every number.
//  - I64 sums check overflow after every row (an overflowing prefix is an error, as before).
//  - I32 sums add a run's exact total (|total| < 2^63 for fewer than 2^32 rows) with one checked
//    add, which can only differ from a per-row check when the state itself is within 2^31 * n of
//    the i64 limit, i.e. after more than 2^32 rows.
//  - I32/I64 MIN/MAX are order-free; contiguous I32 runs use v128 lanes for sums and MIN/MAX.
//  - DECIMAL sums add in 128 bits and check |sum| < 10^38 at the end of the run, as decimal-sum.ts
//    checks after each chunk.
import { is_in_range } from './decimal128';
import { row_at } from './row-access';

/** Adds I32 values into the i64 state at p; returns true when the state left the i64 range. */
export function global_sum_i32(p: usize, values: usize, rows: usize, start: usize, n: usize): bool {
  const total = rows == 0 ? sum_i32_run(values + (start << 2), n) : sum_i32_gather(values, rows, n);
  const s = load<i64>(p);
  const r = s + total;
  store<i64>(p, r);
  return ((s ^ r) & (total ^ r)) < 0;
}

/** Exact i64 total of n contiguous I32 values, four lanes at a time. */
function sum_i32_run(src: usize, n: usize): i64 {
  let a = i64x2.splat(0);
  let b = i64x2.splat(0);
  let k: usize = 0;
  for (; k + 8 <= n; k += 8) {
    const v0 = v128.load(src + (k << 2));
    const v1 = v128.load(src + (k << 2), 16);
    a = i64x2.add(a, i64x2.add(i64x2.extend_low_i32x4_s(v0), i64x2.extend_high_i32x4_s(v0)));
    b = i64x2.add(b, i64x2.add(i64x2.extend_low_i32x4_s(v1), i64x2.extend_high_i32x4_s(v1)));
  }
  a = i64x2.add(a, b);
  let total = i64x2.extract_lane(a, 0) + i64x2.extract_lane(a, 1);
  for (; k < n; k++) total += <i64>load<i32>(src + (k << 2));
  return total;
}

/** Exact i64 total of the I32 values at rows[0..n), two chains so the adds overlap. */
function sum_i32_gather(values: usize, rows: usize, n: usize): i64 {
  let a: i64 = 0;
  let b: i64 = 0;
  let k: usize = 0;
  for (; k + 2 <= n; k += 2) {
    a += <i64>load<i32>(values + (<usize>load<u32>(rows + (k << 2)) << 2));
    b += <i64>load<i32>(values + (<usize>load<u32>(rows + (k << 2), 4) << 2));
  }
  if (k < n) a += <i64>load<i32>(values + (<usize>load<u32>(rows + (k << 2)) << 2));
  return a + b;
}

/** Adds I64 values into the i64 state at p, row by row; returns true when a prefix overflowed. */
export function global_sum_i64(p: usize, values: usize, rows: usize, start: usize, n: usize): bool {
  return rows == 0 ? sum_i64_loop<u8>(p, values, rows, start, n) : sum_i64_loop<u32>(p, values, rows, start, n);
}

// @ts-ignore: decorator
@inline function sum_i64_loop<M>(p: usize, values: usize, rows: usize, start: usize, n: usize): bool {
  let s = load<i64>(p);
  let ovf: i64 = 0;
  for (let k: usize = 0; k < n; k++) {
    const x = load<i64>(values + (row_at<M>(rows, start, k) << 3));
    const r = s + x;
    ovf |= (s ^ r) & (x ^ r);
    s = r;
  }
  store<i64>(p, s);
  return ovf < 0;
}

/** Adds F64 values into the f64 state at p in row order (the rounding of the row-at-a-time loop). */
export function global_sum_f64(p: usize, values: usize, rows: usize, start: usize, n: usize): void {
  let s = load<f64>(p);
  if (rows == 0) {
    const src = values + (start << 3);
    for (let k: usize = 0; k < n; k++) s += load<f64>(src + (k << 3));
  } else {
    for (let k: usize = 0; k < n; k++) s += load<f64>(values + (<usize>load<u32>(rows + (k << 2)) << 3));
  }
  store<f64>(p, s);
}

/** Folds I32 values into the MIN (isMax false) or MAX state at p. */
export function global_min_max_i32(p: usize, isMax: bool, values: usize, rows: usize, start: usize, n: usize): void {
  if (rows == 0) {
    store<i32>(p, isMax ? max_i32_run(load<i32>(p), values + (start << 2), n) : min_i32_run(load<i32>(p), values + (start << 2), n));
  } else if (isMax) {
    let cur = load<i32>(p);
    for (let k: usize = 0; k < n; k++) cur = max(cur, load<i32>(values + (<usize>load<u32>(rows + (k << 2)) << 2)));
    store<i32>(p, cur);
  } else {
    let cur = load<i32>(p);
    for (let k: usize = 0; k < n; k++) cur = min(cur, load<i32>(values + (<usize>load<u32>(rows + (k << 2)) << 2)));
    store<i32>(p, cur);
  }
}

function min_i32_run(cur: i32, src: usize, n: usize): i32 {
  let acc = i32x4.splat(cur);
  let k: usize = 0;
  for (; k + 4 <= n; k += 4) acc = i32x4.min_s(acc, v128.load(src + (k << 2)));
  let r = min(min(i32x4.extract_lane(acc, 0), i32x4.extract_lane(acc, 1)), min(i32x4.extract_lane(acc, 2), i32x4.extract_lane(acc, 3)));
  for (; k < n; k++) r = min(r, load<i32>(src + (k << 2)));
  return r;
}

function max_i32_run(cur: i32, src: usize, n: usize): i32 {
  let acc = i32x4.splat(cur);
  let k: usize = 0;
  for (; k + 4 <= n; k += 4) acc = i32x4.max_s(acc, v128.load(src + (k << 2)));
  let r = max(max(i32x4.extract_lane(acc, 0), i32x4.extract_lane(acc, 1)), max(i32x4.extract_lane(acc, 2), i32x4.extract_lane(acc, 3)));
  for (; k < n; k++) r = max(r, load<i32>(src + (k << 2)));
  return r;
}

/** Folds I64 values into the MIN (isMax false) or MAX state at p. */
export function global_min_max_i64(p: usize, isMax: bool, values: usize, rows: usize, start: usize, n: usize): void {
  if (rows == 0) {
    if (isMax) store<i64>(p, max_i64_loop<u8>(load<i64>(p), values, rows, start, n));
    else store<i64>(p, min_i64_loop<u8>(load<i64>(p), values, rows, start, n));
  } else {
    if (isMax) store<i64>(p, max_i64_loop<u32>(load<i64>(p), values, rows, start, n));
    else store<i64>(p, min_i64_loop<u32>(load<i64>(p), values, rows, start, n));
  }
}

// @ts-ignore: decorator
@inline function min_i64_loop<M>(cur: i64, values: usize, rows: usize, start: usize, n: usize): i64 {
  for (let k: usize = 0; k < n; k++) {
    const v = load<i64>(values + (row_at<M>(rows, start, k) << 3));
    cur = v < cur ? v : cur;
  }
  return cur;
}

// @ts-ignore: decorator
@inline function max_i64_loop<M>(cur: i64, values: usize, rows: usize, start: usize, n: usize): i64 {
  for (let k: usize = 0; k < n; k++) {
    const v = load<i64>(values + (row_at<M>(rows, start, k) << 3));
    cur = v > cur ? v : cur;
  }
  return cur;
}

/**
 * Folds F64 values into the MIN (isMax false) or MAX state at p, in row order: NaN is the
 * greatest double (MIN starts at NaN and takes any value; MAX keeps a NaN once it has one).
 */
export function global_min_max_f64(p: usize, isMax: bool, values: usize, rows: usize, start: usize, n: usize): void {
  if (rows == 0) {
    if (isMax) store<f64>(p, max_f64_loop<u8>(load<f64>(p), values, rows, start, n));
    else store<f64>(p, min_f64_loop<u8>(load<f64>(p), values, rows, start, n));
  } else {
    if (isMax) store<f64>(p, max_f64_loop<u32>(load<f64>(p), values, rows, start, n));
    else store<f64>(p, min_f64_loop<u32>(load<f64>(p), values, rows, start, n));
  }
}

// @ts-ignore: decorator
@inline function min_f64_loop<M>(cur: f64, values: usize, rows: usize, start: usize, n: usize): f64 {
  for (let k: usize = 0; k < n; k++) {
    const v = load<f64>(values + (row_at<M>(rows, start, k) << 3));
    cur = v < cur || cur != cur ? v : cur;
  }
  return cur;
}

// @ts-ignore: decorator
@inline function max_f64_loop<M>(cur: f64, values: usize, rows: usize, start: usize, n: usize): f64 {
  for (let k: usize = 0; k < n; k++) {
    const v = load<f64>(values + (row_at<M>(rows, start, k) << 3));
    cur = v > cur || v != v ? v : cur;
  }
  return cur;
}

/**
 * Adds DECIMAL values (I64 unscaled when `wide` is false, else I128) into the 128-bit state at p
 * ([lo u64][hi i64]). Returns true when the sum wrapped around 128 bits or |sum| >= 10^38.
 */
export function global_sum_decimal(p: usize, wide: bool, values: usize, rows: usize, start: usize, n: usize): bool {
  if (wide) return rows == 0 ? add_wide_loop<u8>(p, values, rows, start, n) : add_wide_loop<u32>(p, values, rows, start, n);
  return rows == 0 ? add_narrow_loop<u8>(p, values, rows, start, n) : add_narrow_loop<u32>(p, values, rows, start, n);
}

// @ts-ignore: decorator
@inline function add_narrow_loop<M>(p: usize, values: usize, rows: usize, start: usize, n: usize): bool {
  let lo = load<u64>(p);
  let hi = load<i64>(p, 8);
  let wrap: i64 = 0;
  for (let k: usize = 0; k < n; k++) {
    const v = load<i64>(values + (row_at<M>(rows, start, k) << 3));
    const vhi = v >> 63;
    const nlo = lo + <u64>v;
    const nhi = hi + vhi + <i64>(nlo < lo);
    wrap |= (hi ^ nhi) & (vhi ^ nhi);
    lo = nlo;
    hi = nhi;
  }
  store<u64>(p, lo);
  store<i64>(p, hi, 8);
  return wrap < 0 || !is_in_range(lo, hi);
}

// @ts-ignore: decorator
@inline function add_wide_loop<M>(p: usize, values: usize, rows: usize, start: usize, n: usize): bool {
  let lo = load<u64>(p);
  let hi = load<i64>(p, 8);
  let wrap: i64 = 0;
  for (let k: usize = 0; k < n; k++) {
    const src = values + (row_at<M>(rows, start, k) << 4);
    const vlo = load<u64>(src);
    const vhi = load<i64>(src, 8);
    const nlo = lo + vlo;
    const nhi = hi + vhi + <i64>(nlo < vlo);
    wrap |= (hi ^ nhi) & (vhi ^ nhi);
    lo = nlo;
    hi = nhi;
  }
  store<u64>(p, lo);
  store<i64>(p, hi, 8);
  return wrap < 0 || !is_in_range(lo, hi);
}
