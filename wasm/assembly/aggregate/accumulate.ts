// Folds a chunk of rows into their groups' state rows. Aggregates over the same numeric column
// without NULLs and FILTER are fused into one pass (fused-numeric.ts); every other aggregate runs
// its own tight loop over (row, state-row) pairs, after the rows it must skip (NULL argument,
// FILTER not TRUE) were compacted away.
//
// Input descriptors per aggregate a (after the key columns): 3 consecutive descriptors
// [arg, filter, arg2]; kind 0 means absent. In 'final' mode arg is the aggregate's partial state
// column (avg: arg = sum, arg2 = count). SUM and AVG over a DECIMAL (A_DEC set) add into 128-bit
// states in loops of their own (decimal-sum.ts) and never fuse.
import { COL_SIZE, KIND_F64, KIND_I32, KIND_I64, col_is_valid, col_kind, col_validity, col_values } from '../layout';
import { distinct_update } from './distinct-set';
import { may_have_nulls, value_valid } from './key-encoder';
import { NONE, fused_update, static_offsets_match } from './fused-numeric';
import { DENSE_WORK, dense_fused_update } from './dense-fused';
import { min_max_update } from './min-max';
import { sum_decimal } from './decimal-sum';
import { identity_rows, ptr_at, row_at } from './row-access';
import {
  A_ARGKIND, A_DEC, A_FLAG, A_FN, A_OFF, ERR_OK, ERR_OVERFLOW, FN_AVG, FN_COUNT, FN_COUNT_DISTINCT,
  FN_COUNT_STAR, FN_MAX, FN_MIN, FN_SUM, H_DENSE, H_DENSE_MIN, H_DENSE_PRESENT, H_DENSE_RANGE, H_ERR, H_ERR_AGG, H_MODE,
  H_NAGGS, H_STATEW, MODE_FINAL, aggInfo,
} from './table-layout';

/** Scratch bytes accumulate_dense_fused needs for na aggregates: offsets, done flags, the pass's work area. */
export function dense_fused_scratch(na: usize): usize {
  return 32 + ((na + 7) & ~(<usize>7)) + DENSE_WORK;
}

/** Descriptors per aggregate in an update's descriptor array. */
export const DESCS_PER_AGG: usize = 3;

/** Scratch bytes accumulate needs for a chunk of n rows and na aggregates. */
export function accumulate_scratch(n: usize, na: usize): usize {
  return 64 + n * 12 + ((na + 7) & ~(<usize>7));
}

/**
 * Updates every aggregate for the chunk's rows (rows[0..n), or start .. start+n-1 when rows is 0)
 * whose state rows are ptrs[0..n). `aggDescs` points at the first aggregate's descriptors;
 * `scratch` holds accumulate_scratch(n, nAggs) bytes. Returns ERR_OK or ERR_OVERFLOW (H_ERR_AGG
 * names the aggregate).
 */
export function accumulate(t: usize, aggDescs: usize, rows: usize, start: usize, ptrs: usize, n: usize, scratch: usize): i32 {
  const na = load<u32>(t + H_NAGGS);
  const final = load<u32>(t + H_MODE) == MODE_FINAL;
  const small = scratch;              // 64 bytes for string reads
  const activeRows = scratch + 64;
  const activePtrs = activeRows + (n << 2);
  const identity = activePtrs + (n << 2);
  const done = identity + (n << 2);
  memory.fill(done, 0, na);
  let indexed = rows;                 // rows as a vector, built on first need
  for (let a: u32 = 0; a < na; a++) {
    if (load<u8>(done + a) != 0) continue;
    const info = aggInfo(t, a);
    const fn = load<u32>(info + A_FN);
    const off = <usize>load<u32>(info + A_OFF);
    const flag = <usize>load<u32>(info + A_FLAG);
    const arg = aggDescs + <usize>a * DESCS_PER_AGG * COL_SIZE;
    const dec = load<u32>(info + A_DEC);
    if (!final && dec == 0 && fusable(fn, arg)) {
      const overflowAgg = fuse(t, a, aggDescs, rows, start, ptrs, n, done, small);
      if (overflowAgg >= 0) return fail(t, <u32>overflowAgg);
      continue;
    }
    const filter = arg + COL_SIZE;
    const useArg = fn != FN_COUNT_STAR || final;
    let r = rows;
    let p = ptrs;
    let m = n;
    if ((useArg && may_have_nulls(arg)) || col_kind(filter) != 0) {
      if (indexed == 0) indexed = identity_rows(identity, start, n);
      m = select_active(useArg ? arg : 0, filter, indexed, ptrs, n, activeRows, activePtrs);
      r = activeRows;
      p = activePtrs;
    }
    if (m == 0) continue;
    const kind = useArg ? col_kind(arg) : 0;
    let overflow = false;
    if (fn == FN_COUNT_STAR || fn == FN_COUNT) {
      if (final) overflow = sum_i64(arg, KIND_I64, r, start, p, m, off);
      else count_rows(p, m, off);
    } else if (dec != 0) {
      overflow = sum_decimal(arg, kind, r, start, p, m, off);
      if (fn == FN_SUM) set_flags(p, m, flag);
      else if (final) overflow = sum_i64(arg + 2 * COL_SIZE, KIND_I64, r, start, p, m, off + 16) || overflow;
      else count_rows(p, m, off + 16);
    } else if (fn == FN_SUM) {
      if (kind == KIND_F64) sum_f64(arg, r, start, p, m, off);
      else overflow = sum_i64(arg, kind, r, start, p, m, off);
      set_flags(p, m, flag);
    } else if (fn == FN_AVG) {
      if (kind == KIND_F64) sum_f64(arg, r, start, p, m, off);
      else overflow = sum_i64(arg, kind, r, start, p, m, off);
      if (final) overflow = sum_i64(arg + 2 * COL_SIZE, KIND_I64, r, start, p, m, off + 8) || overflow;
      else count_rows(p, m, off + 8);
    } else {
      if (r == 0) {
        if (indexed == 0) indexed = identity_rows(identity, start, n);
        r = indexed;
      }
      if (fn == FN_MIN || fn == FN_MAX) min_max_update(arg, kind, fn == FN_MAX, r, p, m, off, flag, small);
      else if (fn == FN_COUNT_DISTINCT) distinct_update(t, arg, load<u32>(info + A_ARGKIND), r, p, m, off, small);
    }
    if (overflow) return fail(t, a);
  }
  return ERR_OK;
}

function fail(t: usize, a: u32): i32 {
  store<i32>(t + H_ERR, ERR_OVERFLOW);
  store<u32>(t + H_ERR_AGG, a);
  return ERR_OVERFLOW;
}

/** Whether an aggregate can join a fused numeric pass: COUNT/SUM/MIN/MAX, no NULLs, no FILTER. */
function fusable(fn: u32, arg: usize): bool {
  if (fn != FN_COUNT && fn != FN_SUM && fn != FN_MIN && fn != FN_MAX) return false;
  const kind = col_kind(arg);
  if (kind != KIND_F64 && kind != KIND_I64 && kind != KIND_I32) return false;
  return col_validity(arg) == 0 && col_kind(arg + COL_SIZE) == 0;
}

/**
 * Collects aggregate `first` and every later fusable aggregate over the same column (one of each
 * function) into `out`: [count, sum, sum flag, min, min flag, max, max flag] offsets (NONE when
 * absent) and the SUM's aggregate index (or -1) at out[7]. Marks them in `done`; returns how many.
 */
function collect_fused(t: usize, first: u32, aggDescs: usize, done: usize, out: usize): u32 {
  const na = load<u32>(t + H_NAGGS);
  const desc = aggDescs + <usize>first * DESCS_PER_AGG * COL_SIZE;
  const values = col_values(desc);
  const kind = col_kind(desc);
  for (let i: usize = 0; i < 7; i++) store<u32>(out + (i << 2), <u32>NONE);
  store<i32>(out, -1, 28);
  let count: u32 = 0;
  for (let b: u32 = first; b < na; b++) {
    if (load<u8>(done + b) != 0) continue;
    const info = aggInfo(t, b);
    const fn = load<u32>(info + A_FN);
    const arg = aggDescs + <usize>b * DESCS_PER_AGG * COL_SIZE;
    if (load<u32>(info + A_DEC) != 0 || !fusable(fn, arg) || col_values(arg) != values || col_kind(arg) != kind) continue;
    const slot: usize = fn == FN_COUNT ? 0 : fn == FN_SUM ? 1 : fn == FN_MIN ? 3 : 5;
    if (load<u32>(out + (slot << 2)) != <u32>NONE) continue;
    store<u32>(out + (slot << 2), load<u32>(info + A_OFF));
    if (slot != 0) store<u32>(out + ((slot + 1) << 2), load<u32>(info + A_FLAG));
    if (fn == FN_SUM) store<i32>(out, <i32>b, 28);
    store<u8>(done + b, 1);
    count++;
  }
  return count;
}

/** Runs aggregate `first` fused with its partners (collect_fused); returns the overflowing SUM's index, or -1. */
function fuse(t: usize, first: u32, aggDescs: usize, rows: usize, start: usize, ptrs: usize, n: usize, done: usize, out: usize): i32 {
  collect_fused(t, first, aggDescs, done, out);
  const desc = aggDescs + <usize>first * DESCS_PER_AGG * COL_SIZE;
  const ovf = fused_update(col_kind(desc), col_values(desc), rows, start, ptrs, n,
    f(out, 0), f(out, 1), f(out, 2), f(out, 3), f(out, 4), f(out, 5), f(out, 6));
  return ovf ? load<i32>(out, 28) : -1;
}

// @ts-ignore: decorator
@inline function f(out: usize, i: usize): usize { return <usize>load<u32>(out + (i << 2)); }

/**
 * The dense layout's fused pass (dense-fused.ts) over rows [0, n) of a batch, when the table is
 * not in 'final' mode, the integer key has no NULLs and every aggregate fuses into one pass.
 * Returns -1 when it does not apply (nothing was done), else ERR_OK or ERR_OVERFLOW, with the
 * number of rows folded (up to the first key outside the dense range) at `folded` (u32).
 * `scratch`: dense_fused_scratch(na) bytes.
 */
export function accumulate_dense_fused(t: usize, keyDesc: usize, aggDescs: usize, rows: usize, n: usize,
  scratch: usize, folded: usize): i32 {
  const na = load<u32>(t + H_NAGGS);
  const keyKind = col_kind(keyDesc);
  if (na == 0 || load<u32>(t + H_MODE) == MODE_FINAL || col_validity(keyDesc) != 0) return -1;
  if (keyKind != KIND_I32 && keyKind != KIND_I64) return -1;
  const first = aggDescs;
  if (load<u32>(aggInfo(t, 0) + A_DEC) != 0 || !fusable(load<u32>(aggInfo(t, 0) + A_FN), first)) return -1;
  const out = scratch;
  const done = scratch + 32;
  memory.fill(done, 0, na);
  if (collect_fused(t, 0, aggDescs, done, out) != na) return -1;
  if (!static_offsets_match(f(out, 0), f(out, 1), f(out, 2), f(out, 3), f(out, 4), f(out, 5), f(out, 6))) return -1;
  const work = done + ((<usize>na + 7) & ~(<usize>7));
  store<u32>(work, 0);
  store<u32>(folded, <u32>dense_fused_update(col_kind(first), col_values(first), keyKind, col_values(keyDesc),
    load<i64>(t + H_DENSE_MIN), <u64>load<u32>(t + H_DENSE_RANGE), <usize>load<u32>(t + H_DENSE),
    <usize>load<u32>(t + H_STATEW), <usize>load<u32>(t + H_DENSE_PRESENT), rows, n,
    f(out, 0), f(out, 1), f(out, 3), f(out, 5), work));
  return load<u32>(work) != 0 ? fail(t, <u32>load<i32>(out, 28)) : ERR_OK;
}

/** Keeps the rows whose `arg` (if any) is not NULL and whose `filter` (if any) is TRUE. */
function select_active(arg: usize, filter: usize, rows: usize, ptrs: usize, n: usize, outRows: usize, outPtrs: usize): usize {
  const hasArgNulls = arg != 0 && may_have_nulls(arg);
  const hasFilter = col_kind(filter) != 0;
  const fvalues = hasFilter ? col_values(filter) : 0;
  const fnulls = hasFilter && col_validity(filter) != 0;
  let m: usize = 0;
  for (let k: usize = 0; k < n; k++) {
    const row = <usize>load<u32>(rows + (k << 2));
    let keep = true;
    if (hasArgNulls) keep = value_valid(arg, row);
    if (hasFilter) keep = keep && load<u8>(fvalues + row) != 0 && (!fnulls || col_is_valid(filter, row));
    store<u32>(outRows + (m << 2), <u32>row);
    store<u32>(outPtrs + (m << 2), load<u32>(ptrs + (k << 2)));
    m += <usize>keep;
  }
  return m;
}

function count_rows(ptrs: usize, n: usize, off: usize): void {
  for (let k: usize = 0; k < n; k++) {
    const p = ptr_at(ptrs, k) + off;
    store<i64>(p, load<i64>(p) + 1);
  }
}

function set_flags(ptrs: usize, n: usize, flag: usize): void {
  for (let k: usize = 0; k < n; k++) store<u8>(ptr_at(ptrs, k) + flag, 1);
}

/** Adds an I32 or I64 column into i64 states; returns true on signed overflow. */
function sum_i64(desc: usize, kind: u32, rows: usize, start: usize, ptrs: usize, n: usize, off: usize): bool {
  const values = col_values(desc);
  let ovf: i64 = 0;
  if (kind == KIND_I32) {
    if (rows == 0) ovf = sum_int_loop<u8, i32>(values, rows, start, ptrs, n, off);
    else ovf = sum_int_loop<u32, i32>(values, rows, start, ptrs, n, off);
  } else {
    if (rows == 0) ovf = sum_int_loop<u8, i64>(values, rows, start, ptrs, n, off);
    else ovf = sum_int_loop<u32, i64>(values, rows, start, ptrs, n, off);
  }
  return ovf < 0;
}

// @ts-ignore: decorator
@inline function sum_int_loop<M, T>(values: usize, rows: usize, start: usize, ptrs: usize, n: usize, off: usize): i64 {
  let ovf: i64 = 0;
  for (let k: usize = 0; k < n; k++) {
    const p = ptr_at(ptrs, k) + off;
    const v = <i64>load<T>(values + row_at<M>(rows, start, k) * sizeof<T>());
    const s = load<i64>(p);
    const r = s + v;
    ovf |= (s ^ r) & (v ^ r);
    store<i64>(p, r);
  }
  return ovf;
}

function sum_f64(desc: usize, rows: usize, start: usize, ptrs: usize, n: usize, off: usize): void {
  const values = col_values(desc);
  if (rows == 0) {
    for (let k: usize = 0; k < n; k++) {
      const p = ptr_at(ptrs, k) + off;
      store<f64>(p, load<f64>(p) + load<f64>(values + ((start + k) << 3)));
    }
  } else {
    for (let k: usize = 0; k < n; k++) {
      const p = ptr_at(ptrs, k) + off;
      store<f64>(p, load<f64>(p) + load<f64>(values + (row_at<u32>(rows, start, k) << 3)));
    }
  }
}
