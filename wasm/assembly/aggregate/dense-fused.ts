// The dense layout's fused pass: COUNT, SUM, MIN and MAX of one NOT NULL numeric column (F64,
// I64 or I32) folded into state rows addressed straight from an integer key (key - min, see
// dense-layout.ts), in ONE pass over the batch:
// - the range check rides along: the pass stops at the first key outside the array and says how
//   far it got, so a batch inside the known range needs no separate min/max pass over its keys;
// - MIN/MAX thresholds: once every key of the range holds a value, a row whose value lies in
//   [the largest MIN, the smallest MAX] can change no MIN and no MAX (ties never change them),
//   so blocks of four such rows, found with SIMD compares, update COUNT and SUM only (selected
//   rows, e.g. after a WHERE, test the thresholds row by row). On data whose extremes settle
//   early (most data) that drops half of the per-row work; on data that keeps moving them
//   (e.g. ascending values) blocks fall back to the full update.
// The set of present aggregates is a compile-time template argument (see fused-numeric.ts for
// the presence markers and the block layout of the state row). Semantics are those of
// accumulate.ts and min-max.ts: NaN is the greatest double, integer sums check overflow.
import { KIND_F64, KIND_I32 } from '../layout';
import { NONE, add_sum, fold_value, has_first, has_second } from './fused-numeric';
import { row_at } from './row-access';

/** Scratch bytes of dense_fused_update: the overflow flag (u32) at 0, the MIN/MAX thresholds at 8. */
export const DENSE_WORK: usize = 24;

/**
 * Folds rows [0, n) (rows 0: contiguous, else a u32 row vector) into the dense array `states`
 * (state width sw, keys min .. min+range-1, presence bytes `present`) up to the first row whose
 * key lies outside the range. Returns the number of rows folded. `work`: DENSE_WORK bytes of
 * scratch; the u32 at work is set to 1 when an integer sum overflowed (the caller zeroes it
 * first). The offsets must be those of the block
 * layout (static_offsets_match).
 */
export function dense_fused_update(kind: u32, values: usize, keyKind: u32, keys: usize, min: i64, range: u64,
  states: usize, sw: usize, present: usize, rows: usize, n: usize, oc: usize, os: usize, omn: usize, omx: usize,
  work: usize): usize {
  if (keyKind == KIND_I32) {
    if (kind == KIND_F64) return by_rows<f64, i32>(values, keys, min, range, states, sw, present, rows, n, oc, os, omn, omx, work);
    if (kind == KIND_I32) return by_rows<i32, i32>(values, keys, min, range, states, sw, present, rows, n, oc, os, omn, omx, work);
    return by_rows<i64, i32>(values, keys, min, range, states, sw, present, rows, n, oc, os, omn, omx, work);
  }
  if (kind == KIND_F64) return by_rows<f64, i64>(values, keys, min, range, states, sw, present, rows, n, oc, os, omn, omx, work);
  if (kind == KIND_I32) return by_rows<i32, i64>(values, keys, min, range, states, sw, present, rows, n, oc, os, omn, omx, work);
  return by_rows<i64, i64>(values, keys, min, range, states, sw, present, rows, n, oc, os, omn, omx, work);
}

// @ts-ignore: decorator
@inline function by_rows<T, K>(values: usize, keys: usize, min: i64, range: u64, states: usize, sw: usize, present: usize,
  rows: usize, n: usize, oc: usize, os: usize, omn: usize, omx: usize, work: usize): usize {
  if (rows == 0) return by_a<u8, T, K>(values, keys, min, range, states, sw, present, rows, n, oc, os, omn, omx, work);
  return by_a<u32, T, K>(values, keys, min, range, states, sw, present, rows, n, oc, os, omn, omx, work);
}

function by_a<M, T, K>(values: usize, keys: usize, min: i64, range: u64, states: usize, sw: usize, present: usize,
  rows: usize, n: usize, oc: usize, os: usize, omn: usize, omx: usize, work: usize): usize {
  const a = (oc != NONE ? 1 : 0) | (os != NONE ? 2 : 0);
  if (a == 0) return by_b<M, T, K, u8>(values, keys, min, range, states, sw, present, rows, n, omn, omx, work);
  if (a == 1) return by_b<M, T, K, u16>(values, keys, min, range, states, sw, present, rows, n, omn, omx, work);
  if (a == 2) return by_b<M, T, K, u32>(values, keys, min, range, states, sw, present, rows, n, omn, omx, work);
  return by_b<M, T, K, u64>(values, keys, min, range, states, sw, present, rows, n, omn, omx, work);
}

// @ts-ignore: decorator
@inline function by_b<M, T, K, A>(values: usize, keys: usize, min: i64, range: u64, states: usize, sw: usize,
  present: usize, rows: usize, n: usize, omn: usize, omx: usize, work: usize): usize {
  const b = (omn != NONE ? 1 : 0) | (omx != NONE ? 2 : 0);
  if (b == 0) return dense_pass<M, T, K, A, u8>(values, keys, min, range, states, sw, present, rows, n, work);
  if (b == 1) return dense_pass<M, T, K, A, u16>(values, keys, min, range, states, sw, present, rows, n, work);
  if (b == 2) return dense_pass<M, T, K, A, u32>(values, keys, min, range, states, sw, present, rows, n, work);
  return dense_pass<M, T, K, A, u64>(values, keys, min, range, states, sw, present, rows, n, work);
}

// Offsets of the block layout (fused-numeric.ts static_offsets_match) for markers A and B.
// @ts-ignore: decorator
@inline function o_sum<A>(): usize { return has_first<A>(0) ? 8 : 0; }
// @ts-ignore: decorator
@inline function o_min<A>(): usize { return o_sum<A>() + (has_second<A>(0) ? 8 : 0); }
// @ts-ignore: decorator
@inline function o_max<A, B>(): usize { return o_min<A>() + (has_first<B>(0) ? 8 : 0); }
// @ts-ignore: decorator
@inline function o_flags<A, B>(): usize { return o_max<A, B>() + (has_second<B>(0) ? 8 : 0); }
// @ts-ignore: decorator
@inline function o_min_flag<A, B>(): usize { return o_flags<A, B>() + (has_second<A>(0) ? 1 : 0); }
// @ts-ignore: decorator
@inline function o_max_flag<A, B>(): usize { return o_min_flag<A, B>() + (has_first<B>(0) ? 1 : 0); }

/** Folds v into every present aggregate of the state row at base, flags included. Returns overflow bits. */
// @ts-ignore: decorator
@inline function fold_row<T, A, B>(base: usize, v: T): i64 {
  return fold_value<T, A, B>(base, v, 0, o_sum<A>(), o_flags<A, B>(), o_min<A>(), o_min_flag<A, B>(), o_max<A, B>(), o_max_flag<A, B>());
}

/** COUNT and SUM only (the row's key already has every flag set). Returns overflow bits. */
// @ts-ignore: decorator
@inline function fold_count_sum<T, A>(base: usize, v: T): i64 {
  if (has_first<A>(0)) store<i64>(base, load<i64>(base) + 1);
  if (has_second<A>(0)) return add_sum<T>(base + o_sum<A>(), v);
  return 0;
}

/**
 * The MIN/MAX thresholds: [the largest MIN, the smallest MAX] over the whole range, written to
 * bounds[0] and bounds[1] (as T). Returns false when some key has no value yet (its sentinel
 * would pass for a value) or holds a NaN MIN (any number would lower it).
 */
// @ts-ignore: decorator
@inline function thresholds<T, A, B>(states: usize, sw: usize, present: usize, range: usize, bounds: usize): bool {
  let lo: T = isFloat<T>() ? <T>-Infinity : (sizeof<T>() == 4 ? <T>i32.MIN_VALUE : <T>i64.MIN_VALUE);
  let hi: T = isFloat<T>() ? <T>Infinity : (sizeof<T>() == 4 ? <T>i32.MAX_VALUE : <T>i64.MAX_VALUE);
  for (let i: usize = 0; i < range; i++) {
    if (load<u8>(present + i) == 0) return false;
    const base = states + i * sw;
    if (has_first<B>(0)) {
      if (load<u8>(base + o_min_flag<A, B>()) == 0) return false;
      const m = load<T>(base + o_min<A>());
      if (isFloat<T>() && m != m) return false;
      lo = m > lo ? m : lo;
    }
    if (has_second<B>(0)) {
      if (load<u8>(base + o_max_flag<A, B>()) == 0) return false;
      // A NaN MAX cannot change: it does not bound the others (NaN compares false here).
      const x = load<T>(base + o_max<A, B>());
      hi = x < hi ? x : hi;
    }
  }
  store<T>(bounds, lo);
  store<T>(bounds + sizeof<T>(), hi);
  return true;
}

/**
 * Lanes of the four keys at `at` that lie in [min, min + range), given from(min) and
 * to(min, range). I32 keys compare signed after a bias of 2^31 (one subtract, one compare).
 */
// @ts-ignore: decorator
@inline function keys_in_range<K>(at: usize, from: v128, to: v128): v128 {
  if (sizeof<K>() == 4) return i32x4.lt_s(i32x4.sub(v128.load(at), from), to);
  const zero = i64x2.splat(0);
  const d0 = i64x2.sub(v128.load(at), from);
  const d1 = i64x2.sub(v128.load(at, 16), from);
  return v128.and(v128.and(i64x2.ge_s(d0, zero), i64x2.lt_s(d0, to)), v128.and(i64x2.ge_s(d1, zero), i64x2.lt_s(d1, to)));
}

// @ts-ignore: decorator
@inline function range_from<K>(min: i64): v128 {
  return sizeof<K>() == 4 ? i32x4.splat(<i32>min ^ i32.MIN_VALUE) : i64x2.splat(min);
}

// @ts-ignore: decorator
@inline function range_to<K>(range: u64): v128 {
  return sizeof<K>() == 4 ? i32x4.splat(<i32>range ^ i32.MIN_VALUE) : i64x2.splat(<i64>range);
}

/** Whether four values at `at` all lie in [lo, hi] (NaN never does). */
// @ts-ignore: decorator
@inline function values_inside<T>(at: usize, lo: v128, hi: v128): v128 {
  if (isFloat<T>()) {
    const a = v128.load(at);
    const b = v128.load(at, 16);
    return v128.and(v128.and(f64x2.ge(a, lo), f64x2.le(a, hi)), v128.and(f64x2.ge(b, lo), f64x2.le(b, hi)));
  }
  if (sizeof<T>() == 4) {
    const a = v128.load(at);
    return v128.and(i32x4.ge_s(a, lo), i32x4.le_s(a, hi));
  }
  const a = v128.load(at);
  const b = v128.load(at, 16);
  return v128.and(v128.and(i64x2.ge_s(a, lo), i64x2.le_s(a, hi)), v128.and(i64x2.ge_s(b, lo), i64x2.le_s(b, hi)));
}

// @ts-ignore: decorator
@inline function splat<T>(v: T): v128 {
  if (isFloat<T>()) return f64x2.splat(<f64>v);
  if (sizeof<T>() == 4) return i32x4.splat(<i32>v);
  return i64x2.splat(<i64>v);
}

/**
 * The pass. M: row addressing (row-access.ts). T: the value type. K: the key type. A, B: which
 * aggregates are present (fused-numeric.ts).
 */
// @ts-ignore: decorator
@inline function dense_pass<M, T, K, A, B>(values: usize, keys: usize, min: i64, range: u64, states: usize, sw: usize,
  present: usize, rows: usize, n: usize, work: usize): usize {
  let ovf: i64 = 0;
  let k: usize = 0;
  const bounds = work + 8;
  // Blocks of four contiguous rows inside the thresholds (worth it when most keys repeat).
  if (sizeof<M>() == 1 && (has_first<B>(0) || has_second<B>(0)) && <u64>n >= range << 2
    && thresholds<T, A, B>(states, sw, present, <usize>range, bounds)) {
    const lo = splat<T>(load<T>(bounds));
    const hi = splat<T>(load<T>(bounds + sizeof<T>()));
    const from = range_from<K>(min);
    const to = range_to<K>(range);
    // State row of key x: origin + x * sw (wasm32 addresses wrap, so origin may too).
    const origin = states - <usize>min * sw;
    // Data whose extremes keep moving (or whose keys hold disjoint value ranges) fails most
    // blocks: after a window of 64 blocks with more than half failed, the rest of the batch
    // goes row by row.
    let failed: u32 = 0;
    for (; k + 4 <= n; k += 4) {
      if ((k & 255) == 0) {
        if (failed > 32) break;
        failed = 0;
      }
      const inside = v128.and(keys_in_range<K>(keys + k * sizeof<K>(), from, to), values_inside<T>(values + k * sizeof<T>(), lo, hi));
      if (i8x16.bitmask(inside) == 0xFFFF) {
        const kp = keys + k * sizeof<K>();
        const vp = values + k * sizeof<T>();
        ovf |= fold_count_sum<T, A>(origin + <usize>load<K>(kp) * sw, load<T>(vp));
        ovf |= fold_count_sum<T, A>(origin + <usize>load<K>(kp, sizeof<K>()) * sw, load<T>(vp, sizeof<T>()));
        ovf |= fold_count_sum<T, A>(origin + <usize>load<K>(kp, 2 * sizeof<K>()) * sw, load<T>(vp, 2 * sizeof<T>()));
        ovf |= fold_count_sum<T, A>(origin + <usize>load<K>(kp, 3 * sizeof<K>()) * sw, load<T>(vp, 3 * sizeof<T>()));
        continue;
      }
      failed++;
      for (let j: usize = 0; j < 4; j++) {
        const i = <u64>(<i64>load<K>(keys + (k + j) * sizeof<K>()) - min);
        if (i >= range) {
          if (ovf < 0) store<u32>(work, 1);
          return k + j;
        }
        store<u8>(present + <usize>i, 1);
        ovf |= fold_row<T, A, B>(states + <usize>i * sw, load<T>(values + (k + j) * sizeof<T>()));
      }
    }
  }
  // Selected rows (a vector, no SIMD loads): the same thresholds, tested row by row.
  if (sizeof<M>() == 4 && (has_first<B>(0) || has_second<B>(0)) && <u64>n >= range << 2
    && thresholds<T, A, B>(states, sw, present, <usize>range, bounds)) {
    const lo = load<T>(bounds);
    const hi = load<T>(bounds + sizeof<T>());
    for (; k < n; k++) {
      const row = row_at<M>(rows, 0, k);
      const i = <u64>(<i64>load<K>(keys + row * sizeof<K>()) - min);
      if (i >= range) break;
      const v = load<T>(values + row * sizeof<T>());
      const base = states + <usize>i * sw;
      if (v >= lo && v <= hi) ovf |= fold_count_sum<T, A>(base, v);
      else ovf |= fold_row<T, A, B>(base, v);
    }
  }
  for (; k < n; k++) {
    const row = row_at<M>(rows, 0, k);
    const i = <u64>(<i64>load<K>(keys + row * sizeof<K>()) - min);
    if (i >= range) break;
    store<u8>(present + <usize>i, 1);
    ovf |= fold_row<T, A, B>(states + <usize>i * sw, load<T>(values + row * sizeof<T>()));
  }
  if (ovf < 0) store<u32>(work, 1);
  return k;
}
