// Emitting a table's groups as result chunks in the arena. The cursor lives in the table header
// (the caller resets the arena after each chunk): keyed layout in (key group, local index) order,
// dense layout in key order then the NULL group, global layout its single row.
// Output columns: the key columns (DICT keys come out as UTF8), then per aggregate its final
// value ('single', 'final') or its state columns ('partial': avg as sum and count). SUM and AVG
// over a DECIMAL (A_DEC) come out as I128: the 128-bit sum, or the rounded quotient (decimal128.ts).
import { COL_SIZE, KIND_BOOL, KIND_DICT, KIND_F64, KIND_I128, KIND_I32, KIND_I64, KIND_UTF8, col_write } from '../layout';
import { arena_alloc, arena_alloc_zeroed } from '../memory';
import { avg_round } from './decimal128';
import { where_flush } from './global-where';
import {
  A_ARGKIND, A_DEC, A_FLAG, A_FN, A_OFF, D_COUNT, ERR_AVG_OVERFLOW, H_ERR, H_ERR_AGG, D_KEYS, D_NULLIDX, D_STATES, FN_AVG, FN_COUNT_DISTINCT,
  FN_MAX, FN_MIN, FN_SUM, H_CURSOR_IDX, H_CURSOR_KG, H_DENSE, H_DENSE_MIN, H_DENSE_PRESENT,
  H_DENSE_RANGE, H_EMIT_ROWS, H_KEYW, H_LAYOUT, H_MODE, H_NAGGS, H_NKEYS, H_NULL_STATE, H_P,
  H_STATEW, LAYOUT_DENSE, LAYOUT_GLOBAL, MODE_PARTIAL, aggInfo, dirEntry, keyKind, keyOffset,
} from './table-layout';

/** Restarts emission at the first group. */
export function emit_begin(t: usize): void {
  where_flush(t);
  store<u32>(t + H_CURSOR_KG, 0);
  store<u32>(t + H_CURSOR_IDX, 0);
}

/**
 * Writes the next chunk of at most maxRows groups into the arena; returns its column descriptors
 * (H_EMIT_ROWS holds the row count) or 0 when every group was emitted.
 */
export function emit_next(t: usize, maxRows: usize): usize {
  if (maxRows == 0) maxRows = 1;
  const states = arena_alloc(maxRows << 2);
  const keyRows = arena_alloc(maxRows << 2);
  const keyNulls = arena_alloc(maxRows);
  const m = collect(t, maxRows, states, keyRows, keyNulls);
  store<u32>(t + H_EMIT_ROWS, <u32>m);
  if (m == 0) return 0;
  const nk = load<u32>(t + H_NKEYS);
  const na = load<u32>(t + H_NAGGS);
  const partial = load<u32>(t + H_MODE) == MODE_PARTIAL;
  const descs = arena_alloc((<usize>nk + 2 * <usize>na + 1) * COL_SIZE);
  let col = descs;
  for (let c: u32 = 0; c < nk; c++) {
    emit_key(t, c, keyRows, keyNulls, m, col);
    col += COL_SIZE;
  }
  for (let a: u32 = 0; a < na; a++) {
    const info = aggInfo(t, a);
    const fn = load<u32>(info + A_FN);
    const kind = load<u32>(info + A_ARGKIND);
    const off = <usize>load<u32>(info + A_OFF);
    const flag = <usize>load<u32>(info + A_FLAG);
    const dec = load<u32>(info + A_DEC);
    if (dec != 0 && fn == FN_SUM) {
      emit_fixed(states, m, off, flag, KIND_I128, col);
    } else if (dec != 0) {
      if (partial) {
        emit_fixed(states, m, off, off + 16 | FLAG_IS_COUNT, KIND_I128, col);
        col += COL_SIZE;
        emit_fixed(states, m, off + 16, NO_FLAG, KIND_I64, col);
      } else if (!emit_avg_decimal(states, m, off, dec >> 8, col)) {
        store<i32>(t + H_ERR, ERR_AVG_OVERFLOW);
        store<u32>(t + H_ERR_AGG, a);
        store<u32>(t + H_EMIT_ROWS, 0);
        return 0;
      }
    } else if (fn == FN_SUM) {
      emit_fixed(states, m, off, flag, kind == KIND_F64 ? KIND_F64 : KIND_I64, col);
    } else if (fn == FN_MIN || fn == FN_MAX) {
      if (kind == KIND_UTF8 || kind == KIND_DICT) emit_strings(states, m, off, flag, col);
      else emit_fixed(states, m, off, flag, kind, col);
    } else if (fn == FN_AVG) {
      if (partial) {
        // Sum (NULL when nothing was summed, the count says so), then the count.
        emit_fixed(states, m, off, off + 8 | FLAG_IS_COUNT, kind == KIND_F64 ? KIND_F64 : KIND_I64, col);
        col += COL_SIZE;
        emit_fixed(states, m, off + 8, NO_FLAG, KIND_I64, col);
      } else {
        emit_avg(states, m, off, kind == KIND_F64, col);
      }
    } else if (fn == FN_COUNT_DISTINCT) {
      emit_fixed(states, m, off + 4, NO_FLAG | FLAG_U32, KIND_I64, col);
    } else {
      emit_fixed(states, m, off, NO_FLAG, KIND_I64, col);
    }
    col += COL_SIZE;
  }
  return descs;
}

const NO_FLAG: usize = 0x40000000;
const FLAG_IS_COUNT: usize = 0x20000000; // validity = (i64 at the flag offset) != 0
const FLAG_U32: usize = 0x10000000;      // the value is a u32 widened to i64
const FLAG_MASK: usize = 0x0FFFFFFF;

/** Gathers the next groups' state rows, key rows and (one key column) NULL-key flags. */
function collect(t: usize, maxRows: usize, states: usize, keyRows: usize, keyNulls: usize): usize {
  const layout = load<u32>(t + H_LAYOUT);
  let kg = load<u32>(t + H_CURSOR_KG);
  let idx = load<u32>(t + H_CURSOR_IDX);
  let m: usize = 0;
  if (layout == LAYOUT_GLOBAL) {
    if (idx == 0) {
      store<u32>(states, load<u32>(t + H_NULL_STATE));
      store<u32>(keyRows, 0);
      m = 1;
    }
    store<u32>(t + H_CURSOR_IDX, 1);
    return m;
  }
  if (layout == LAYOUT_DENSE) {
    const range = load<u32>(t + H_DENSE_RANGE);
    const present = <usize>load<u32>(t + H_DENSE_PRESENT);
    const dense = <usize>load<u32>(t + H_DENSE);
    const sw = load<u32>(t + H_STATEW);
    const min = load<i64>(t + H_DENSE_MIN);
    const keys = arena_alloc(maxRows << 3);
    while (idx < range && m < maxRows) {
      if (load<u8>(present + idx) != 0) {
        store<u32>(states + (m << 2), <u32>dense + idx * sw);
        store<i64>(keys + (m << 3), min + <i64>idx);
        store<u32>(keyRows + (m << 2), <u32>(keys + (m << 3)));
        store<u8>(keyNulls + m, 0);
        m++;
      }
      idx++;
    }
    const nullRow = load<u32>(t + H_NULL_STATE);
    if (idx == range && m < maxRows) {
      if (nullRow != 0) {
        store<u32>(states + (m << 2), nullRow);
        store<u32>(keyRows + (m << 2), <u32>keys);
        store<u8>(keyNulls + m, 1);
        m++;
      }
      idx++;
    }
    store<u32>(t + H_CURSOR_IDX, idx);
    return m;
  }
  const p = load<u32>(t + H_P);
  const kw = load<u32>(t + H_KEYW);
  const sw = load<u32>(t + H_STATEW);
  while (kg < p && m < maxRows) {
    const d = dirEntry(t, kg);
    const count = load<u32>(d + D_COUNT);
    const nullIdx = load<u32>(d + D_NULLIDX);
    while (idx < count && m < maxRows) {
      store<u32>(states + (m << 2), load<u32>(d + D_STATES) + idx * sw);
      store<u32>(keyRows + (m << 2), load<u32>(d + D_KEYS) + idx * kw);
      store<u8>(keyNulls + m, nullIdx == idx + 1 ? 1 : 0);
      m++;
      idx++;
    }
    if (idx >= count) {
      kg++;
      idx = 0;
    }
  }
  store<u32>(t + H_CURSOR_KG, kg);
  store<u32>(t + H_CURSOR_IDX, idx);
  return m;
}

// @ts-ignore: decorator
@inline function set_valid(bits: usize, k: usize): void {
  store<u8>(bits + (k >> 3), load<u8>(bits + (k >> 3)) | <u8>((<u32>1) << <u32>(k & 7)));
}

function bitmap(m: usize): usize {
  return arena_alloc_zeroed(((m + 63) >> 6) << 3);
}

/** Key column c: values from the key rows; NULL from the mask (several keys) or keyNulls. */
function emit_key(t: usize, c: u32, keyRows: usize, keyNulls: usize, m: usize, out: usize): void {
  const kind = keyKind(t, c);
  const off = keyOffset(t, c);
  const several = load<u32>(t + H_NKEYS) > 1;
  const valid = bitmap(m);
  let nulls: usize = 0;
  for (let k: usize = 0; k < m; k++) {
    const row = <usize>load<u32>(keyRows + (k << 2));
    const isNull = several ? ((load<u64>(row) >> <u64>c) & 1) != 0 : load<u8>(keyNulls + k) != 0;
    if (isNull) nulls++;
    else set_valid(valid, k);
  }
  const validity: usize = nulls == 0 ? 0 : valid;
  if (kind == KIND_UTF8 || kind == KIND_DICT) {
    const offsets = arena_alloc((m + 1) << 2);
    let total: usize = 0;
    for (let k: usize = 0; k < m; k++) total += <usize>load<u32>(<usize>load<u32>(keyRows + (k << 2)) + off);
    const data = arena_alloc(total == 0 ? 8 : total);
    let pos: usize = 0;
    for (let k: usize = 0; k < m; k++) {
      const row = <usize>load<u32>(keyRows + (k << 2));
      const len = <usize>load<u32>(row + off);
      store<i32>(offsets + (k << 2), <i32>pos);
      memory.copy(data + pos, <usize>load<u32>(row + off, 4), len);
      pos += len;
    }
    store<i32>(offsets + (m << 2), <i32>pos);
    col_write(out, KIND_UTF8, validity, 0, offsets, data, <u32>m);
    return;
  }
  const width: usize = kind == KIND_I128 ? 16 : kind == KIND_BOOL ? 1 : kind == KIND_I32 ? 4 : 8;
  const values = arena_alloc_zeroed(m * width);
  for (let k: usize = 0; k < m; k++) {
    const src = <usize>load<u32>(keyRows + (k << 2)) + off;
    const dst = values + k * width;
    if (width == 1) store<u8>(dst, <u8>load<u64>(src));
    else if (width == 4) store<i32>(dst, <i32>load<i64>(src));
    else if (width == 8) store<u64>(dst, load<u64>(src));
    else {
      store<u64>(dst, load<u64>(src));
      store<u64>(dst, load<u64>(src, 8), 8);
    }
  }
  col_write(out, kind, validity, 0, values, 0, <u32>m);
}

/** A fixed-width state value per group; NULL where its flag byte is 0 (see the FLAG_* bits). */
function emit_fixed(states: usize, m: usize, off: usize, flag: usize, kind: u32, out: usize): void {
  const width: usize = kind == KIND_BOOL ? 1 : kind == KIND_I32 ? 4 : kind == KIND_I128 ? 16 : 8;
  const values = arena_alloc(m * width);
  const valid = bitmap(m);
  let nulls: usize = 0;
  const flagOff = flag & FLAG_MASK;
  for (let k: usize = 0; k < m; k++) {
    const row = <usize>load<u32>(states + (k << 2));
    let ok = true;
    if ((flag & NO_FLAG) == 0) {
      ok = (flag & FLAG_IS_COUNT) != 0 ? load<i64>(row + flagOff) != 0 : load<u8>(row + flagOff) != 0;
    }
    const dst = values + k * width;
    if (!ok) {
      nulls++;
      if (width == 8) store<u64>(dst, 0); else if (width == 4) store<u32>(dst, 0); else if (width == 16) memory.fill(dst, 0, 16); else store<u8>(dst, 0);
      continue;
    }
    set_valid(valid, k);
    if ((flag & FLAG_U32) != 0) store<u64>(dst, <u64>load<u32>(row + off));
    else if (width == 8) store<u64>(dst, load<u64>(row + off));
    else if (width == 16) {
      store<u64>(dst, load<u64>(row + off));
      store<u64>(dst, load<u64>(row + off, 8), 8);
    }
    else if (width == 4) store<u32>(dst, load<u32>(row + off));
    else store<u8>(dst, load<u8>(row + off));
  }
  col_write(out, kind, nulls == 0 ? 0 : valid, 0, values, 0, <u32>m);
}

/** AVG: sum / count as F64, NULL for a group that saw no value. */
function emit_avg(states: usize, m: usize, off: usize, sumIsF64: bool, out: usize): void {
  const values = arena_alloc(m << 3);
  const valid = bitmap(m);
  let nulls: usize = 0;
  for (let k: usize = 0; k < m; k++) {
    const row = <usize>load<u32>(states + (k << 2));
    const count = load<i64>(row + off + 8);
    if (count == 0) {
      nulls++;
      store<f64>(values + (k << 3), 0);
      continue;
    }
    const sum = sumIsF64 ? load<f64>(row + off) : <f64>load<i64>(row + off);
    store<f64>(values + (k << 3), sum / <f64>count);
    set_valid(valid, k);
  }
  col_write(out, KIND_F64, nulls == 0 ? 0 : valid, 0, values, 0, <u32>m);
}

/**
 * AVG over a DECIMAL: the 128-bit sum at off, the count at off + 16; the quotient scaled up by
 * 10^scaleUp and rounded half up, as I128, NULL for a group that saw no value. Returns false when
 * a quotient does not fit DECIMAL(38, s).
 */
function emit_avg_decimal(states: usize, m: usize, off: usize, scaleUp: u32, out: usize): bool {
  const values = arena_alloc_zeroed(m << 4);
  const valid = bitmap(m);
  let nulls: usize = 0;
  for (let k: usize = 0; k < m; k++) {
    const row = <usize>load<u32>(states + (k << 2));
    const count = load<i64>(row + off + 16);
    if (count == 0) {
      nulls++;
      continue;
    }
    if (!avg_round(load<u64>(row + off), load<i64>(row + off, 8), <u64>count, scaleUp, values + (k << 4))) return false;
    set_valid(valid, k);
  }
  col_write(out, KIND_I128, nulls == 0 ? 0 : valid, 0, values, 0, <u32>m);
  return true;
}

/** UTF8 MIN/MAX: the kept strings, NULL where the flag byte is 0. */
function emit_strings(states: usize, m: usize, off: usize, flag: usize, out: usize): void {
  const offsets = arena_alloc((m + 1) << 2);
  const valid = bitmap(m);
  let total: usize = 0;
  for (let k: usize = 0; k < m; k++) total += <usize>load<u32>(<usize>load<u32>(states + (k << 2)) + off);
  const data = arena_alloc(total == 0 ? 8 : total);
  let pos: usize = 0;
  let nulls: usize = 0;
  for (let k: usize = 0; k < m; k++) {
    const row = <usize>load<u32>(states + (k << 2));
    store<i32>(offsets + (k << 2), <i32>pos);
    if (load<u8>(row + flag) == 0) {
      nulls++;
      continue;
    }
    set_valid(valid, k);
    const len = <usize>load<u32>(row + off);
    memory.copy(data + pos, <usize>load<u32>(row + off, 4), len);
    pos += len;
  }
  store<i32>(offsets + (m << 2), <i32>pos);
  col_write(out, KIND_UTF8, nulls == 0 ? 0 : valid, 0, offsets, data, <u32>m);
}
