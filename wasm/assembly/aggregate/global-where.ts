// The aggregate without GROUP BY over the rows of a batch where `column <op> literal` holds (or
// a conjunction of such comparisons). The physical planner folds such a Filter into the aggregate
// (engine/physical/plan-aggregate.ts): each comparison becomes one bit per row (filter-compare.ts's
// SIMD compare), the bits of a conjunction are ANDed, and each aggregate
// folds its column under that mask in one streaming pass, with no selection vector and no
// gather (W1: `sum(v) WHERE v > 0.5` reads the column once instead of twice).
//
// Covered: COUNT(*), COUNT(x), SUM and AVG over F64 and I32, MIN and MAX over I32 and I64, with
// no FILTER clause, in 'single' or 'partial' mode. Anything else returns -1 and the caller
// filters into a selection first (global-update.ts then folds it).
//
// DOUBLE sums add in eight lanes: the k-th row offered to the aggregate (k counts every row of
// every batch, the caller passes k mod 8 of the batch's first row) goes to lane k mod 8, each
// lane adds in row order, and the lanes are added pairwise into the state when the table is read
// (where_flush). The rounding so depends on the input's row order, never on how it was cut into
// batches. I32 sums are exact in 64 bits and checked once per batch, as global_sum_i32 does.
import { KIND_DICT, KIND_F64, KIND_I32, KIND_I64, COL_SIZE, col_kind, col_validity, col_validity_offset, col_values } from '../layout';
import { arena_alloc, mem_alloc, mem_free } from '../memory';
import { compare_mask, validity8 } from '../expr/filter-compare';
import { null_state } from './dense-layout';
import {
  A_ARGKIND, A_DEC, A_FLAG, A_FN, A_OFF, ERR_OK, ERR_OVERFLOW, FN_AVG, FN_COUNT, FN_COUNT_STAR, FN_MAX, FN_MIN, FN_SUM,
  H_ERR, H_ERR_AGG, H_LANES, H_MODE, H_NAGGS, MODE_FINAL, aggInfo,
} from './table-layout';

/** Eight f64 lanes per aggregate. */
const LANE_BYTES: usize = 64;

/** For each 2-bit mask, a v128 whose 64-bit lane k is all ones when bit k is set. */
const LANE2 = memory.data(4 * 16, 16);
/** For each 4-bit mask, a v128 whose 32-bit lane k is all ones when bit k is set. */
const LANE4 = memory.data(16 * 16, 16);
let lanesReady = false;

function initLaneMasks(): void {
  for (let m: usize = 0; m < 4; m++) {
    for (let k: usize = 0; k < 2; k++) store<u64>(LANE2 + (m << 4) + (k << 3), (m >> k) & 1 ? u64.MAX_VALUE : 0);
  }
  for (let m: usize = 0; m < 16; m++) {
    for (let k: usize = 0; k < 4; k++) store<u32>(LANE4 + (m << 4) + (k << 2), (m >> k) & 1 ? u32.MAX_VALUE : 0);
  }
  lanesReady = true;
}

/** Bytes per predicate record: column descriptor address u32, operator i32, literal address u32. */
export const PRED_SIZE: usize = 12;

/**
 * Folds the rows of a batch of `numRows` rows (sel: ascending u32 row indices, selLen of them,
 * or 0 for all rows) where every one of the `npreds` predicates `column <op> *literal` at `preds`
 * holds into a global table; `ordinal` is the index of the batch's first offered row mod 8 (see
 * the file comment). Returns -1 when the table or a predicate is not covered (nothing was done),
 * else ERR_OK or ERR_OVERFLOW (H_ERR_AGG names the aggregate). Scratch comes from the arena.
 */
export function global_update_where(t: usize, aggDescs: usize, preds: usize, npreds: u32,
  sel: usize, selLen: usize, numRows: usize, ordinal: u32): i32 {
  if (npreds == 0) return -1;
  const na = load<u32>(t + H_NAGGS);
  if (load<u32>(t + H_MODE) == MODE_FINAL) return -1;
  let wantsLanes = false;
  for (let a: u32 = 0; a < na; a++) {
    const info = aggInfo(t, a);
    const fn = load<u32>(info + A_FN);
    const kind = load<u32>(info + A_ARGKIND);
    if (!covered(fn, kind, load<u32>(info + A_DEC))) return -1;
    if (col_kind(aggDescs + (<usize>a * 3 + 1) * COL_SIZE) != 0) return -1;
    wantsLanes = wantsLanes || ((fn == FN_SUM || fn == FN_AVG) && kind == KIND_F64);
  }
  if (!lanesReady) initLaneMasks();
  const lanes = wantsLanes ? lanes_of(t, na) : 0;
  const state = null_state(t);
  // 8 bytes of zeroed slack after each mask: the lane loop reads 16 bits at any bit offset.
  const mask = arena_alloc((CHUNK >> 3) + 8);
  const argMask = arena_alloc((CHUNK >> 3) + 8);
  const more = npreds > 1 ? arena_alloc((CHUNK >> 3) + 8) : 0;
  store<u64>(mask + (CHUNK >> 3), 0);
  store<u64>(argMask + (CHUNK >> 3), 0);
  let k: usize = 0; // selection cursor
  for (let start: usize = 0; start < numRows; start += CHUNK) {
    const n = numRows - start < CHUNK ? numRows - start : CHUNK;
    const bytes = (n + 7) >> 3;
    // The predicates are the same for every chunk: only the first chunk can refuse, before any fold.
    let kept = compare_mask(<usize>load<u32>(preds), load<i32>(preds, 4), <usize>load<u32>(preds, 8), start, <i32>n, mask);
    if (kept < 0) return -1;
    for (let j: u32 = 1; j < npreds; j++) {
      const p = preds + <usize>j * PRED_SIZE;
      if (compare_mask(<usize>load<u32>(p), load<i32>(p, 4), <usize>load<u32>(p, 8), start, <i32>n, more) < 0) return -1;
      for (let b: usize = 0; b < bytes; b++) store<u8>(mask + b, load<u8>(mask + b) & load<u8>(more + b));
    }
    if (npreds > 1) kept = <i32>popcount(mask, bytes);
    store<u64>(mask + bytes, 0);
    const k0 = k;
    if (sel != 0) {
      k = restrict_to(mask, sel, k, selLen, start, n, bytes);
      kept = <i32>popcount(mask, bytes);
    }
    for (let a: u32 = 0; a < na; a++) {
      const err = fold(t, a, state, lanes, aggDescs, mask, argMask, <usize>kept, start, n, bytes,
        sel, k0, k, (ordinal + <u32>(sel != 0 ? k0 : start)) & 7);
      if (err != ERR_OK) return err;
    }
  }
  return ERR_OK;
}

/** Rows per pass: the chunk's values are still in L1 when the aggregates read them after the predicate. */
const CHUNK: usize = 4096;

/**
 * Folds aggregate a over the chunk's rows start..start+n-1 whose bit is set in `mask` (kept of
 * them); with a selection, the chunk's selected rows are sel[k0..k1). `ordinal`: the lane of the
 * chunk's first offered row.
 */
function fold(t: usize, a: u32, state: usize, lanes: usize, aggDescs: usize, mask: usize, argMask: usize, kept: usize,
  start: usize, n: usize, bytes: usize, sel: usize, k0: usize, k1: usize, ordinal: u32): i32 {
  const info = aggInfo(t, a);
  const fn = load<u32>(info + A_FN);
  const arg = aggDescs + <usize>a * 3 * COL_SIZE;
  let m = mask;
  let count = kept;
  if (fn != FN_COUNT_STAR && col_validity(arg) != 0) {
    and_validity(mask, arg, start, bytes, argMask);
    m = argMask;
    count = popcount(m, bytes);
  }
  const p = state + <usize>load<u32>(info + A_OFF);
  if (fn == FN_COUNT_STAR || fn == FN_COUNT) {
    store<i64>(p, load<i64>(p) + <i64>count);
    return ERR_OK;
  }
  if (count == 0) return ERR_OK;
  const kind = load<u32>(info + A_ARGKIND);
  if (fn == FN_MIN || fn == FN_MAX) {
    if (kind == KIND_I32) store<i32>(p, min_max_i32(load<i32>(p), fn == FN_MAX, col_values(arg) + (start << 2), m, n));
    else store<i64>(p, min_max_i64(load<i64>(p), fn == FN_MAX, col_values(arg) + (start << 3), m, n));
    store<u8>(state + <usize>load<u32>(info + A_FLAG), 1);
    return ERR_OK;
  }
  if (kind == KIND_F64) {
    const l = lanes + <usize>a * LANE_BYTES;
    if (sel != 0) sum_f64_selected(l, col_values(arg), m, start, sel, k0, k1, ordinal);
    else sum_f64_lanes(l, col_values(arg) + (start << 3), m, n, ordinal);
  } else {
    const total = sum_i32(col_values(arg) + (start << 2), m, n);
    const s = load<i64>(p);
    const r = s + total;
    store<i64>(p, r);
    if (((s ^ r) & (total ^ r)) < 0) {
      store<i32>(t + H_ERR, ERR_OVERFLOW);
      store<u32>(t + H_ERR_AGG, a);
      return ERR_OVERFLOW;
    }
  }
  if (fn == FN_SUM) store<u8>(state + <usize>load<u32>(info + A_FLAG), 1);
  else store<i64>(p + 8, load<i64>(p + 8) + <i64>count);
  return ERR_OK;
}

/** Whether the fused path folds this aggregate (see the file comment). */
function covered(fn: u32, kind: u32, dec: u32): bool {
  if (fn == FN_COUNT_STAR) return true;
  if (fn == FN_COUNT) return kind != KIND_DICT; // a DICT column's NULLs may sit in its dictionary
  if (fn == FN_SUM || fn == FN_AVG) return dec == 0 && (kind == KIND_F64 || kind == KIND_I32);
  return (fn == FN_MIN || fn == FN_MAX) && (kind == KIND_I32 || kind == KIND_I64);
}

/**
 * Adds every aggregate's DOUBLE lanes into its state (pairwise: ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7)))
 * and resets them. Called before the table is read.
 */
export function where_flush(t: usize): void {
  const lanes = <usize>load<u32>(t + H_LANES);
  if (lanes == 0) return;
  const na = load<u32>(t + H_NAGGS);
  const state = null_state(t);
  for (let a: u32 = 0; a < na; a++) {
    const info = aggInfo(t, a);
    const fn = load<u32>(info + A_FN);
    if ((fn != FN_SUM && fn != FN_AVG) || load<u32>(info + A_ARGKIND) != KIND_F64 || load<u32>(info + A_DEC) != 0) continue;
    const l = lanes + <usize>a * LANE_BYTES;
    const lo = (load<f64>(l) + load<f64>(l, 8)) + (load<f64>(l, 16) + load<f64>(l, 24));
    const hi = (load<f64>(l, 32) + load<f64>(l, 40)) + (load<f64>(l, 48) + load<f64>(l, 56));
    const p = state + <usize>load<u32>(info + A_OFF);
    store<f64>(p, load<f64>(p) + (lo + hi));
    reset_lanes(l);
  }
}

/** Frees the lane block of a table, if it has one. */
export function where_free(t: usize): void {
  const lanes = <usize>load<u32>(t + H_LANES);
  if (lanes != 0) mem_free(lanes, <usize>load<u32>(t + H_NAGGS) * LANE_BYTES);
}

function lanes_of(t: usize, na: u32): usize {
  let lanes = <usize>load<u32>(t + H_LANES);
  if (lanes == 0) {
    lanes = mem_alloc(<usize>na * LANE_BYTES);
    for (let a: usize = 0; a < <usize>na; a++) reset_lanes(lanes + a * LANE_BYTES);
    store<u32>(t + H_LANES, <u32>lanes);
  }
  return lanes;
}

/** -0 in every lane: the identity of IEEE addition, so a lane no row reached adds nothing. */
function reset_lanes(l: usize): void {
  const z = f64x2.splat(-0.0);
  v128.store(l, z);
  v128.store(l, z, 16);
  v128.store(l, z, 32);
  v128.store(l, z, 48);
}

/**
 * Keeps in `mask` (rows start..start+n-1) only the rows listed in sel[k..selLen) below start + n;
 * returns the cursor past them.
 */
function restrict_to(mask: usize, sel: usize, k: usize, selLen: usize, start: usize, n: usize, bytes: usize): usize {
  const bits = arena_alloc(bytes);
  memory.fill(bits, 0, bytes);
  for (; k < selLen; k++) {
    const row = <usize>load<u32>(sel + (k << 2));
    if (row >= start + n) break;
    const at = bits + ((row - start) >> 3);
    store<u8>(at, <u32>load<u8>(at) | (<u32>1 << <u32>((row - start) & 7)));
  }
  for (let j: usize = 0; j < bytes; j++) store<u8>(mask + j, load<u8>(mask + j) & load<u8>(bits + j));
  return k;
}

/** out = mask AND the validity of column `arg` from row `start`, byte by byte. */
function and_validity(mask: usize, arg: usize, start: usize, bytes: usize, out: usize): void {
  const bm = col_validity(arg);
  const off = col_validity_offset(arg) + start;
  for (let j: usize = 0; j < bytes; j++) store<u8>(out + j, <u8>(<u32>load<u8>(mask + j) & validity8(bm, off + (j << 3))));
  store<u64>(out + bytes, 0);
}

function popcount(m: usize, bytes: usize): usize {
  let n: u64 = 0;
  let j: usize = 0;
  for (; j + 8 <= bytes; j += 8) n += popcnt(load<u64>(m + j));
  for (; j < bytes; j++) n += popcnt(<u64>load<u8>(m + j));
  return <usize>n;
}

// @ts-ignore: decorator
@inline function bit(m: usize, i: usize): bool {
  return ((load<u8>(m + (i >> 3)) >> <u8>(i & 7)) & 1) != 0;
}

/** Adds the masked rows 0..n-1 of `values` into the lanes at l, row i into lane (ordinal + i) mod 8. */
function sum_f64_lanes(l: usize, values: usize, m: usize, n: usize, ordinal: u32): void {
  let head = <usize>((8 - (ordinal & 7)) & 7);
  if (head > n) head = n;
  for (let i: usize = 0; i < head; i++) {
    if (bit(m, i)) add_lane(l, (<usize>ordinal + i) & 7, load<f64>(values + (i << 3)));
  }
  // From here row i goes to lane i - head mod 8: eight rows, four v128 adds.
  const zero = f64x2.splat(-0.0);
  let a = v128.load(l);
  let b = v128.load(l, 16);
  let c = v128.load(l, 32);
  let d = v128.load(l, 48);
  const shift = <u32>(head & 7);
  let i = head;
  for (; i + 8 <= n; i += 8) {
    const bits = (<u32>load<u16>(m + (i >> 3)) >> shift) & 0xFF;
    const p = values + (i << 3);
    a = f64x2.add(a, v128.bitselect(v128.load(p), zero, v128.load(LANE2 + ((bits & 3) << 4))));
    b = f64x2.add(b, v128.bitselect(v128.load(p, 16), zero, v128.load(LANE2 + (((bits >> 2) & 3) << 4))));
    c = f64x2.add(c, v128.bitselect(v128.load(p, 32), zero, v128.load(LANE2 + (((bits >> 4) & 3) << 4))));
    d = f64x2.add(d, v128.bitselect(v128.load(p, 48), zero, v128.load(LANE2 + ((bits >> 6) << 4))));
  }
  v128.store(l, a);
  v128.store(l, b, 16);
  v128.store(l, c, 32);
  v128.store(l, d, 48);
  for (; i < n; i++) {
    if (bit(m, i)) add_lane(l, (<usize>ordinal + i) & 7, load<f64>(values + (i << 3)));
  }
}

/**
 * The same for a chunk of a batch with a selection: its selected rows are sel[k0..k1), the
 * (ordinal + k - k0)-th offered rows; `m` holds rows from `start`.
 */
function sum_f64_selected(l: usize, values: usize, m: usize, start: usize, sel: usize, k0: usize, k1: usize, ordinal: u32): void {
  for (let k = k0; k < k1; k++) {
    const row = <usize>load<u32>(sel + (k << 2));
    if (bit(m, row - start)) add_lane(l, (<usize>ordinal + k - k0) & 7, load<f64>(values + (row << 3)));
  }
}

// @ts-ignore: decorator
@inline function add_lane(l: usize, lane: usize, v: f64): void {
  store<f64>(l + (lane << 3), load<f64>(l + (lane << 3)) + v);
}

/** Exact total of the masked I32 rows 0..n-1. */
function sum_i32(values: usize, m: usize, n: usize): i64 {
  let acc = i64x2.splat(0);
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) {
    const bits = <usize>load<u8>(m + (i >> 3));
    const p = values + (i << 2);
    const v0 = v128.and(v128.load(p), v128.load(LANE4 + ((bits & 15) << 4)));
    const v1 = v128.and(v128.load(p, 16), v128.load(LANE4 + ((bits >> 4) << 4)));
    acc = i64x2.add(acc, i64x2.add(i64x2.extend_low_i32x4_s(v0), i64x2.extend_high_i32x4_s(v0)));
    acc = i64x2.add(acc, i64x2.add(i64x2.extend_low_i32x4_s(v1), i64x2.extend_high_i32x4_s(v1)));
  }
  let total = i64x2.extract_lane(acc, 0) + i64x2.extract_lane(acc, 1);
  for (; i < n; i++) {
    if (bit(m, i)) total += <i64>load<i32>(values + (i << 2));
  }
  return total;
}

/** MIN (isMax false) or MAX of `cur` and the masked I32 rows 0..n-1; unmasked lanes hold the identity. */
function min_max_i32(cur: i32, isMax: bool, values: usize, m: usize, n: usize): i32 {
  const ident = i32x4.splat(isMax ? i32.MIN_VALUE : i32.MAX_VALUE);
  let acc = i32x4.splat(cur);
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) {
    const bits = <usize>load<u8>(m + (i >> 3));
    const p = values + (i << 2);
    const v0 = v128.bitselect(v128.load(p), ident, v128.load(LANE4 + ((bits & 15) << 4)));
    const v1 = v128.bitselect(v128.load(p, 16), ident, v128.load(LANE4 + ((bits >> 4) << 4)));
    acc = isMax ? i32x4.max_s(acc, i32x4.max_s(v0, v1)) : i32x4.min_s(acc, i32x4.min_s(v0, v1));
  }
  let r = isMax
    ? max(max(i32x4.extract_lane(acc, 0), i32x4.extract_lane(acc, 1)), max(i32x4.extract_lane(acc, 2), i32x4.extract_lane(acc, 3)))
    : min(min(i32x4.extract_lane(acc, 0), i32x4.extract_lane(acc, 1)), min(i32x4.extract_lane(acc, 2), i32x4.extract_lane(acc, 3)));
  for (; i < n; i++) {
    if (!bit(m, i)) continue;
    const v = load<i32>(values + (i << 2));
    r = isMax ? max(r, v) : min(r, v);
  }
  return r;
}

/** MIN (isMax false) or MAX of `cur` and the masked I64 rows 0..n-1. */
function min_max_i64(cur: i64, isMax: bool, values: usize, m: usize, n: usize): i64 {
  const ident = i64x2.splat(isMax ? i64.MIN_VALUE : i64.MAX_VALUE);
  let acc = i64x2.splat(cur);
  let i: usize = 0;
  for (; i + 2 <= n; i += 2) {
    const bits = (<usize>load<u8>(m + (i >> 3)) >> (i & 7)) & 3;
    const v = v128.bitselect(v128.load(values + (i << 3)), ident, v128.load(LANE2 + (bits << 4)));
    acc = v128.bitselect(v, acc, isMax ? i64x2.gt_s(v, acc) : i64x2.lt_s(v, acc));
  }
  const x = i64x2.extract_lane(acc, 0);
  const y = i64x2.extract_lane(acc, 1);
  let r = isMax ? (x > y ? x : y) : (x < y ? x : y);
  if (i < n && bit(m, i)) {
    const v = load<i64>(values + (i << 3));
    r = isMax ? (v > r ? v : r) : (v < r ? v : r);
  }
  return r;
}
