// The dense layout: one integer key (BOOL, I32, I64) whose range max - min is small gets its
// state rows in one array indexed by key - min ("perfect hash": no hashing, no probing). The
// range is checked per batch; a batch outside it widens the array while the range stays
// affordable (<= DENSE_LIMIT keys, or <= DENSE_SPREAD x the groups seen, up to DENSE_MAX) and
// otherwise converts the table to the keyed layout, so the state of a key group can always be
// produced (to_keyed below).
import { HASH_NULL, hash_u64, key_group_of } from '../hash';
import { KIND_I32, KIND_I64, col_is_valid, col_kind, col_validity, col_values } from '../layout';
import { mem_alloc, mem_alloc_zeroed, mem_free } from '../memory';
import { read_fixed } from './key-encoder';
import { row_at } from './row-access';
import { insert_group, null_group } from './key-group-tables';
import {
  D_STATES, H_DENSE, H_DENSE_MIN, H_DENSE_PRESENT, H_DENSE_RANGE, H_GROUPS, H_INIT, H_LAYOUT,
  H_NULL_STATE, H_P, H_STATEW, LAYOUT_DENSE, LAYOUT_HASHED, dirEntry,
} from './table-layout';

const DENSE_LIMIT: u64 = 65536;
const DENSE_SPREAD: u64 = 4;
const DENSE_MAX: u64 = 1 << 24;

/**
 * Makes the dense layout cover every valid key among rows[0..n) of `desc` (rows 0: rows 0..n-1),
 * widening it when the
 * range stays affordable. Returns false (the caller converts to the keyed layout) otherwise.
 * `fresh` is true when the table has no layout yet.
 */
export function dense_cover(t: usize, desc: usize, rows: usize, n: usize, fresh: bool): bool {
  const kind = col_kind(desc);
  const values = col_values(desc);
  let lo: i64 = i64.MAX_VALUE;
  let hi: i64 = i64.MIN_VALUE;
  if (col_validity(desc) == 0 && rows == 0 && kind == KIND_I32) {
    // The common case, 4 lanes at a time.
    let vlo = i32x4.splat(i32.MAX_VALUE);
    let vhi = i32x4.splat(i32.MIN_VALUE);
    let k: usize = 0;
    for (; k + 4 <= n; k += 4) {
      const v = v128.load(values + (k << 2));
      vlo = i32x4.min_s(vlo, v);
      vhi = i32x4.max_s(vhi, v);
    }
    let l = min(min(i32x4.extract_lane(vlo, 0), i32x4.extract_lane(vlo, 1)), min(i32x4.extract_lane(vlo, 2), i32x4.extract_lane(vlo, 3)));
    let h = max(max(i32x4.extract_lane(vhi, 0), i32x4.extract_lane(vhi, 1)), max(i32x4.extract_lane(vhi, 2), i32x4.extract_lane(vhi, 3)));
    for (; k < n; k++) {
      const v = load<i32>(values + (k << 2));
      l = v < l ? v : l;
      h = v > h ? v : h;
    }
    if (n > 0) {
      lo = <i64>l;
      hi = <i64>h;
    }
  } else if (col_validity(desc) == 0) {
    for (let k: usize = 0; k < n; k++) {
      const v = <i64>read_fixed(kind, values, rows == 0 ? k : <usize>load<u32>(rows + (k << 2)));
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
  } else {
    for (let k: usize = 0; k < n; k++) {
      const row = rows == 0 ? k : <usize>load<u32>(rows + (k << 2));
      if (!col_is_valid(desc, row)) continue;
      const v = <i64>read_fixed(kind, values, row);
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
  }
  const range = <u64>load<u32>(t + H_DENSE_RANGE);
  const min = load<i64>(t + H_DENSE_MIN);
  if (lo > hi) {
    // Only NULL keys: any layout covers them.
    if (fresh) dense_init(t, 0, 0);
    return true;
  }
  if (!fresh && range != 0 && lo >= min && <u64>(hi - min) < range) return true;
  if (!fresh && range != 0) {
    if (min < lo) lo = min;
    const top = min + <i64>range - 1;
    if (top > hi) hi = top;
  }
  // Overflowing spans (e.g. i64 extremes) wrap to huge unsigned values and are refused.
  const span = <u64>(hi - lo) + 1;
  if (span == 0 || <u64>(hi - lo) >= DENSE_MAX) return false;
  const groups = fresh ? 0 : <u64>dense_group_count(t);
  if (span > DENSE_LIMIT && span > groups * DENSE_SPREAD) return false;
  if (fresh) dense_init(t, lo, <u32>span);
  else dense_widen(t, lo, <u32>span);
  return true;
}

function dense_init(t: usize, min: i64, range: u32): void {
  store<u32>(t + H_LAYOUT, LAYOUT_DENSE);
  store<i64>(t + H_DENSE_MIN, min);
  store<u32>(t + H_DENSE_RANGE, range);
  store<u32>(t + H_DENSE, range == 0 ? 0 : <u32>alloc_states(t, range));
  store<u32>(t + H_DENSE_PRESENT, range == 0 ? 0 : <u32>mem_alloc_zeroed(<usize>range));
}

function alloc_states(t: usize, range: u32): usize {
  const sw = <usize>load<u32>(t + H_STATEW);
  const init = <usize>load<u32>(t + H_INIT);
  const p = mem_alloc(<usize>range * sw);
  for (let i: usize = 0; i < <usize>range; i++) memory.copy(p + i * sw, init, sw);
  return p;
}

function dense_widen(t: usize, min: i64, range: u32): void {
  const sw = <usize>load<u32>(t + H_STATEW);
  const oldMin = load<i64>(t + H_DENSE_MIN);
  const oldRange = <usize>load<u32>(t + H_DENSE_RANGE);
  const oldStates = <usize>load<u32>(t + H_DENSE);
  const oldPresent = <usize>load<u32>(t + H_DENSE_PRESENT);
  const states = alloc_states(t, range);
  const present = mem_alloc_zeroed(<usize>range);
  // An empty old range (only NULL keys so far) has no arrays, and its min means nothing.
  if (oldRange != 0) {
    const shift = <usize>(oldMin - min);
    memory.copy(states + shift * sw, oldStates, oldRange * sw);
    memory.copy(present + shift, oldPresent, oldRange);
    mem_free(oldStates, oldRange * sw);
    mem_free(oldPresent, oldRange);
  }
  store<i64>(t + H_DENSE_MIN, min);
  store<u32>(t + H_DENSE_RANGE, range);
  store<u32>(t + H_DENSE, <u32>states);
  store<u32>(t + H_DENSE_PRESENT, <u32>present);
}

/**
 * State-row addresses of the chunk's rows in the dense layout (every key is covered). `rows` 0
 * means rows start .. start+n-1. Marks the keys present (the group count is derived from the
 * marks when asked: dense_group_count).
 */
export function dense_locate(t: usize, desc: usize, rows: usize, start: usize, n: usize, out: usize): void {
  const kind = col_kind(desc);
  const values = col_values(desc);
  if (col_validity(desc) == 0 && kind == KIND_I32) {
    if (rows == 0) locate_loop<u8, i32>(t, values, rows, start, n, out);
    else locate_loop<u32, i32>(t, values, rows, start, n, out);
    return;
  }
  if (col_validity(desc) == 0 && kind == KIND_I64) {
    if (rows == 0) locate_loop<u8, i64>(t, values, rows, start, n, out);
    else locate_loop<u32, i64>(t, values, rows, start, n, out);
    return;
  }
  const sw = <usize>load<u32>(t + H_STATEW);
  const min = load<i64>(t + H_DENSE_MIN);
  const states = <usize>load<u32>(t + H_DENSE);
  const present = <usize>load<u32>(t + H_DENSE_PRESENT);
  for (let k: usize = 0; k < n; k++) {
    const r = rows == 0 ? start + k : <usize>load<u32>(rows + (k << 2));
    if (!col_is_valid(desc, r)) {
      store<u32>(out + (k << 2), <u32>null_state(t));
      continue;
    }
    const i = <usize>(<i64>read_fixed(kind, values, r) - min);
    store<u8>(present + i, 1);
    store<u32>(out + (k << 2), <u32>(states + i * sw));
  }
}

// @ts-ignore: decorator
@inline function locate_loop<M, T>(t: usize, values: usize, rows: usize, start: usize, n: usize, out: usize): void {
  const sw = <usize>load<u32>(t + H_STATEW);
  const min = load<i64>(t + H_DENSE_MIN);
  const states = <usize>load<u32>(t + H_DENSE);
  const present = <usize>load<u32>(t + H_DENSE_PRESENT);
  for (let k: usize = 0; k < n; k++) {
    const v = load<T>(values + row_at<M>(rows, start, k) * sizeof<T>());
    const i = <usize>(<i64>v - min);
    store<u8>(present + i, 1);
    store<u32>(out + (k << 2), <u32>(states + i * sw));
  }
}

/** Groups of a dense table: its present keys plus the NULL-key group. */
export function dense_group_count(t: usize): u32 {
  const range = <usize>load<u32>(t + H_DENSE_RANGE);
  const present = <usize>load<u32>(t + H_DENSE_PRESENT);
  let count: u32 = load<u32>(t + H_NULL_STATE) != 0 ? 1 : 0;
  let i: usize = 0;
  for (; i + 8 <= range; i += 8) count += <u32>popcnt<u64>(load<u64>(present + i));
  for (; i < range; i++) count += <u32>load<u8>(present + i);
  return count;
}

/** The state row of the NULL-key group (dense layout) or of the only group (global), created on first use. */
export function null_state(t: usize): usize {
  let p = <usize>load<u32>(t + H_NULL_STATE);
  if (p == 0) {
    const sw = <usize>load<u32>(t + H_STATEW);
    p = mem_alloc(sw);
    memory.copy(p, <usize>load<u32>(t + H_INIT), sw);
    store<u32>(t + H_NULL_STATE, <u32>p);
    store<u32>(t + H_GROUPS, load<u32>(t + H_GROUPS) + 1);
  }
  return p;
}

/**
 * Converts a dense table to the keyed layout: every present key (and the NULL group) moves to its
 * key group's sub-table with its state row. `scratch` holds 8 bytes.
 */
export function to_keyed(t: usize, scratch: usize): void {
  const sw = <usize>load<u32>(t + H_STATEW);
  const p = load<u32>(t + H_P);
  const min = load<i64>(t + H_DENSE_MIN);
  const range = <usize>load<u32>(t + H_DENSE_RANGE);
  const states = <usize>load<u32>(t + H_DENSE);
  const present = <usize>load<u32>(t + H_DENSE_PRESENT);
  store<u32>(t + H_LAYOUT, LAYOUT_HASHED);
  store<u32>(t + H_GROUPS, 0);
  for (let i: usize = 0; i < range; i++) {
    if (load<u8>(present + i) == 0) continue;
    const key = <u64>(min + <i64>i);
    const h = hash_u64(key);
    const d = dirEntry(t, key_group_of(h, p));
    store<u64>(scratch, key);
    const idx = insert_group(t, d, scratch, <u32>h);
    memory.copy(<usize>load<u32>(d + D_STATES) + <usize>idx * sw, states + i * sw, sw);
  }
  const nullRow = <usize>load<u32>(t + H_NULL_STATE);
  if (nullRow != 0) {
    const d = dirEntry(t, key_group_of(HASH_NULL, p));
    const idx = null_group(t, d);
    memory.copy(<usize>load<u32>(d + D_STATES) + <usize>idx * sw, nullRow, sw);
    mem_free(nullRow, sw);
    store<u32>(t + H_NULL_STATE, 0);
  }
  if (range != 0) {
    mem_free(states, range * sw);
    mem_free(present, range);
  }
  store<u32>(t + H_DENSE, 0);
  store<u32>(t + H_DENSE_PRESENT, 0);
  store<u32>(t + H_DENSE_RANGE, 0);
}
