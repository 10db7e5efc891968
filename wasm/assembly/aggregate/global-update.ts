// The aggregate without GROUP BY: every row folds into the one state row, so instead of pointing
// each row at it (a load and a store of each state per row), each aggregate folds the batch's
// active rows in chunks with its state in locals (global-kernels.ts) and stores it once per
// chunk. Rows with a NULL argument or a FILTER that is not TRUE are compacted away first; COUNT
// adds the number of active rows (COUNT(*) without FILTER: the selection's length).
//
// Applies in 'single' and 'partial' mode when every aggregate is COUNT(*), COUNT, SUM/AVG over
// I32/I64/F64 or a DECIMAL, or MIN/MAX over I32/I64/F64; otherwise (COUNT(DISTINCT), MIN/MAX of
// strings, BOOL or I128, 'final' mode) the caller runs the row-at-a-time path.
import { COL_SIZE, KIND_F64, KIND_I128, KIND_I32, KIND_I64, col_is_valid, col_kind, col_validity, col_values } from '../layout';
import { arena_alloc } from '../memory';
import { null_state } from './dense-layout';
import {
  global_min_max_f64, global_min_max_i32, global_min_max_i64, global_sum_decimal, global_sum_f64, global_sum_i32, global_sum_i64,
} from './global-kernels';
import { may_have_nulls, value_valid } from './key-encoder';
import {
  A_ARGKIND, A_DEC, A_FLAG, A_FN, A_OFF, ERR_OK, ERR_OVERFLOW, FN_AVG, FN_COUNT, FN_COUNT_STAR, FN_MAX, FN_MIN, FN_SUM,
  H_ERR, H_ERR_AGG, H_MODE, H_NAGGS, MODE_FINAL, aggInfo,
} from './table-layout';

/** Rows per fold: the active-row vector of a chunk stays in L1, and DECIMAL range checks run per chunk as in accumulate. */
const GLOBAL_CHUNK: usize = 2048;

/**
 * Folds the rows of a batch (sel: ascending u32 row indices, selLen of them; or 0 for rows
 * 0..selLen-1) into a global table. `aggDescs`: 3 descriptors per aggregate (accumulate.ts).
 * Returns -1 when some aggregate needs the row-at-a-time path (nothing was done), else ERR_OK or
 * ERR_OVERFLOW (H_ERR_AGG names the aggregate).
 */
export function global_update(t: usize, aggDescs: usize, sel: usize, selLen: usize): i32 {
  const na = load<u32>(t + H_NAGGS);
  if (load<u32>(t + H_MODE) == MODE_FINAL) return -1;
  for (let a: u32 = 0; a < na; a++) {
    const info = aggInfo(t, a);
    if (!supported(load<u32>(info + A_FN), load<u32>(info + A_ARGKIND), load<u32>(info + A_DEC))) return -1;
  }
  const state = null_state(t);
  const active = arena_alloc(GLOBAL_CHUNK << 2);
  for (let a: u32 = 0; a < na; a++) {
    const info = aggInfo(t, a);
    const fn = load<u32>(info + A_FN);
    const arg = aggDescs + <usize>a * 3 * COL_SIZE;
    const filter = arg + COL_SIZE;
    const useArg = fn != FN_COUNT_STAR;
    const masked = (useArg && may_have_nulls(arg)) || col_kind(filter) != 0;
    for (let start: usize = 0; start < selLen; start += GLOBAL_CHUNK) {
      const m = selLen - start < GLOBAL_CHUNK ? selLen - start : GLOBAL_CHUNK;
      let rows: usize = sel != 0 ? sel + (start << 2) : 0;
      let first = start;
      let n = m;
      if (masked) {
        n = active_rows(useArg ? arg : 0, filter, rows, start, m, active);
        rows = active;
        first = 0;
      }
      if (n == 0) continue;
      if (fold(info, fn, state, arg, rows, first, n)) {
        store<i32>(t + H_ERR, ERR_OVERFLOW);
        store<u32>(t + H_ERR_AGG, a);
        return ERR_OVERFLOW;
      }
    }
  }
  return ERR_OK;
}

/** Whether the no-key path folds this aggregate (see the file comment). */
function supported(fn: u32, argKind: u32, dec: u32): bool {
  if (fn == FN_COUNT_STAR || fn == FN_COUNT) return true;
  const numeric = argKind == KIND_I32 || argKind == KIND_I64 || argKind == KIND_F64;
  if (fn == FN_SUM || fn == FN_AVG) return dec != 0 ? argKind == KIND_I64 || argKind == KIND_I128 : numeric;
  return (fn == FN_MIN || fn == FN_MAX) && numeric;
}

/** Folds n active rows into aggregate `info`'s state in the row `state`; true on overflow. */
function fold(info: usize, fn: u32, state: usize, arg: usize, rows: usize, start: usize, n: usize): bool {
  const p = state + <usize>load<u32>(info + A_OFF);
  if (fn == FN_COUNT_STAR || fn == FN_COUNT) {
    store<i64>(p, load<i64>(p) + <i64>n);
    return false;
  }
  const kind = col_kind(arg);
  const values = col_values(arg);
  const flag = state + <usize>load<u32>(info + A_FLAG);
  if (fn == FN_MIN || fn == FN_MAX) {
    const isMax = fn == FN_MAX;
    if (kind == KIND_I32) global_min_max_i32(p, isMax, values, rows, start, n);
    else if (kind == KIND_I64) global_min_max_i64(p, isMax, values, rows, start, n);
    else global_min_max_f64(p, isMax, values, rows, start, n);
    store<u8>(flag, 1);
    return false;
  }
  // SUM or AVG: the sum, then AVG's count after it (8 bytes on, 16 after a 128-bit sum).
  const dec = load<u32>(info + A_DEC) != 0;
  let overflow = false;
  if (dec) overflow = global_sum_decimal(p, kind == KIND_I128, values, rows, start, n);
  else if (kind == KIND_I32) overflow = global_sum_i32(p, values, rows, start, n);
  else if (kind == KIND_I64) overflow = global_sum_i64(p, values, rows, start, n);
  else global_sum_f64(p, values, rows, start, n);
  if (fn == FN_SUM) {
    store<u8>(flag, 1);
  } else {
    const count = p + (dec ? 16 : 8);
    store<i64>(count, load<i64>(count) + <i64>n);
  }
  return overflow;
}

/**
 * Writes the rows among rows[0..n) (rows 0: start .. start+n-1) whose `arg` (if not 0) is not
 * NULL and whose FILTER (if present) is TRUE to `out`; returns how many.
 */
function active_rows(arg: usize, filter: usize, rows: usize, start: usize, n: usize, out: usize): usize {
  const argNulls = arg != 0 && may_have_nulls(arg);
  const hasFilter = col_kind(filter) != 0;
  const fvalues = hasFilter ? col_values(filter) : 0;
  const fnulls = hasFilter && col_validity(filter) != 0;
  let m: usize = 0;
  for (let k: usize = 0; k < n; k++) {
    const row = rows == 0 ? start + k : <usize>load<u32>(rows + (k << 2));
    let keep = !argNulls || value_valid(arg, row);
    if (hasFilter) keep = keep && load<u8>(fvalues + row) != 0 && (!fnulls || col_is_valid(filter, row));
    store<u32>(out + (m << 2), <u32>row);
    m += <usize>keep;
  }
  return m;
}
