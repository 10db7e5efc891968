// Build columns laid out by key: the "perfect hash join" of DuckDB for a dense unique key.
//
// When the table is a direct array (MODE_DENSE) and every build key is unique, the build columns
// the join emits can be copied once into arrays indexed by key - min, like the heads. A probe
// then reads an output value straight from its key's slot: one random access per row and column
// instead of the head (to find the build row) followed by the build row's value, and no
// (probe, build) index pairs to write and gather from. When every slot of the key range holds a
// build row ("full", as for a dimension table keyed 0..n-1) the probe does not even read the
// heads: a key in range is a match.
//
// Only inner joins without a residual condition take this path (each probe row emits at most one
// row and nothing is tracked), and only fixed-width payload columns without NULLs; the bindings
// fall back to index pairs otherwise.

import { arena_alloc, mem_alloc, mem_alloc_zeroed, mem_free } from '../memory';
import {
  COL_SIZE, KIND_BOOL, KIND_DICT, KIND_F64, KIND_I32, KIND_I64, col_data, col_kind, col_validity, col_values, col_write,
} from '../layout';
import {
  H_FLAGS, H_HEADS, H_MASK, H_MODE, H_P_LEN, H_P_SEL, H_PAYLOAD, H_PAYLOAD_COLS, H_PAYLOAD_FULL, H_POS, H_SHAPE,
  H_UNIQUE, JOIN_EMIT_PAIRS, MODE_DENSE, SHAPE_I32, SHAPE_I64, VECTOR, hdr, probe_row_at, set_hdr,
} from './header';
import { int_key_at } from './keys';
import { gAnyNull, gHeads, gMask, gMin, gPValues, gRes, load_probe_state, probe_key_valid } from './lookup';

/** Bytes per value of a payload kind, 0 when the kind cannot be a payload. */
function payload_width(kind: u32): usize {
  if (kind == KIND_I32 || kind == KIND_DICT) return 4;
  if (kind == KIND_I64 || kind == KIND_F64) return 8;
  if (kind == KIND_BOOL) return 1;
  return 0;
}

/**
 * Lays out the `numCols` build columns at `descs` by key slot, when the table allows it (dense,
 * unique, inner join) and every column is fixed-width without a validity bitmap. Returns 1 when
 * join_probe_payload may be used, 0 otherwise (nothing changed). Call at most once per table.
 */
export function join_payload_prepare(t: usize, descs: usize, numCols: u32): u32 {
  if (hdr(t, H_PAYLOAD) != 0 || numCols == 0) return 0;
  if (load<u32>(t + H_MODE) != MODE_DENSE || load<u32>(t + H_UNIQUE) == 0) return 0;
  if (load<u32>(t + H_FLAGS) != JOIN_EMIT_PAIRS) return 0; // inner join only
  const cols = <usize>numCols;
  for (let c: usize = 0; c < cols; c++) {
    const d = descs + c * COL_SIZE;
    if (payload_width(col_kind(d)) == 0 || col_validity(d) != 0) return 0;
  }
  const range = hdr(t, H_MASK);
  const heads = hdr(t, H_HEADS);
  const out = mem_alloc(cols * COL_SIZE);
  for (let c: usize = 0; c < cols; c++) {
    const d = descs + c * COL_SIZE;
    const kind = col_kind(d);
    const w = payload_width(kind);
    const src = col_values(d);
    const dst = mem_alloc_zeroed(range * w);
    for (let s: usize = 0; s < range; s++) {
      const head = <usize>load<u32>(heads + (s << 2));
      if (head == 0) continue;
      const r = head - 1;
      if (w == 4) store<u32>(dst + (s << 2), load<u32>(src + (r << 2)));
      else if (w == 8) store<u64>(dst + (s << 3), load<u64>(src + (r << 3)));
      else store<u8>(dst + s, load<u8>(src + r));
    }
    col_write(out + c * COL_SIZE, kind, 0, 0, dst, col_data(d), <u32>range);
  }
  let present: usize = 0;
  for (let s: usize = 0; s < range; s++) present += <usize>(load<u32>(heads + (s << 2)) != 0);
  set_hdr(t, H_PAYLOAD, out);
  set_hdr(t, H_PAYLOAD_COLS, cols);
  set_hdr(t, H_PAYLOAD_FULL, present == range ? 1 : 0);
  return 1;
}

/** Frees the payload columns (join_free calls it). */
export function free_payload(t: usize): void {
  const out = hdr(t, H_PAYLOAD);
  if (out == 0) return;
  const cols = hdr(t, H_PAYLOAD_COLS);
  const range = hdr(t, H_MASK);
  for (let c: usize = 0; c < cols; c++) {
    const d = out + c * COL_SIZE;
    mem_free(col_values(d), range * payload_width(col_kind(d)));
  }
  mem_free(out, cols * COL_SIZE);
  set_hdr(t, H_PAYLOAD, 0);
}

/**
 * Probes the next at most `maxRows` positions of the current batch (join_probe_begin) against a
 * table with payload: writes the matching probe rows (ascending i32) to `outP` (unless 0) and,
 * at `outDescs`, one descriptor per payload column of new arena columns holding the matched
 * rows' build values. Returns how many rows matched; join_probe_done tells when the batch is done.
 */
export function join_probe_payload(t: usize, outP: usize, maxRows: u32, outDescs: usize): u32 {
  load_probe_state(t);
  const shape = load<u32>(t + H_SHAPE);
  const full = hdr(t, H_PAYLOAD_FULL) != 0;
  const plain = hdr(t, H_P_SEL) == 0 && !gAnyNull;
  if (shape == SHAPE_I32) {
    if (plain) return full ? payload_i32_full(t, outP, maxRows, outDescs) : payload_i32(t, outP, maxRows, outDescs);
    return payload_i32_any(t, outP, maxRows, outDescs);
  }
  if (shape == SHAPE_I64) return payload_i64(t, outP, maxRows, outDescs);
  return payload_bool(t, outP, maxRows, outDescs);
}

// One function per specialisation, so that each slot loop is compiled alone.
function payload_i32_full(t: usize, p: usize, m: u32, o: usize): u32 { return probe_payload(t, p, m, o, KIND_I32, true, true); }
function payload_i32(t: usize, p: usize, m: u32, o: usize): u32 { return probe_payload(t, p, m, o, KIND_I32, true, false); }
function payload_i32_any(t: usize, p: usize, m: u32, o: usize): u32 { return probe_payload(t, p, m, o, KIND_I32, false, false); }
function payload_i64(t: usize, p: usize, m: u32, o: usize): u32 { return probe_payload(t, p, m, o, KIND_I64, false, false); }
function payload_bool(t: usize, p: usize, m: u32, o: usize): u32 { return probe_payload(t, p, m, o, KIND_BOOL, false, false); }

/**
 * One row of the fused i32 path: writes the payload value at `n` (and the row, with
 * `writeRows`) and returns 1 when the row matches. For i32 keys and a range of at most 2^28,
 * u32(key - min) < range exactly when the key is in range.
 */
// @ts-ignore: decorator
@inline function fused_row_i32(values: usize, src: usize, heads: usize, min: i32, range: u32, dst: usize, outP: usize, pos: usize, n: usize, writeRows: bool, full: bool): usize {
  const slot = <u32>(load<i32>(values + (pos << 2)) - min);
  const inRange = slot < range;
  const s = select<u32>(slot, 0, inRange);
  let hit = inRange;
  if (!full) hit = hit && load<u32>(heads + (<usize>s << 2)) != 0;
  store<u32>(dst + (n << 2), load<u32>(src + (<usize>s << 2)));
  if (writeRows) store<i32>(outP + (n << 2), <i32>pos);
  return <usize>hit;
}

/**
 * A vector at a time: the slots of the matching rows go to an L1-resident scratch vector (and the
 * rows to outP), then each payload column is read at those slots. `plain`: no selection vector
 * and no NULL probe key; `full`: every slot in range is a match.
 */
// @ts-ignore: decorator
@inline function probe_payload(t: usize, outP: usize, maxRows: u32, outDescs: usize, keyKind: u32, plain: bool, full: bool): u32 {
  const sel = hdr(t, H_P_SEL);
  const len = hdr(t, H_P_LEN);
  let pos = hdr(t, H_POS);
  const end = len - pos > <usize>maxRows ? pos + <usize>maxRows : len;
  const cols = hdr(t, H_PAYLOAD_COLS);
  const payload = hdr(t, H_PAYLOAD);
  const most = end - pos;
  for (let c: usize = 0; c < cols; c++) {
    const d = payload + c * COL_SIZE;
    store<u32>(outDescs + c * COL_SIZE, <u32>arena_alloc((most > 0 ? most : 1) * payload_width(col_kind(d))), 12);
  }
  const values = gPValues;
  const min = gMin;
  const range = <u64>gMask;
  const heads = gHeads;
  const slots = gRes;
  const writeRows = outP != 0;
  let n: usize = 0;
  if (plain && keyKind == KIND_I32 && cols == 1 && payload_width(col_kind(payload)) == 4) {
    // One 4-byte column from an i32 key (a dimension attribute): one fused pass, four keys at a
    // time while all four are in range of a full table (then all four match).
    const src = col_values(payload);
    const dst = <usize>load<u32>(outDescs, 12);
    const min32 = <i32>min;
    const minv = i32x4.splat(min32);
    const rangev = i32x4.splat(<i32>range);
    const step = i32x4(0, 1, 2, 3);
    while (pos < end) {
      if (full) {
        while (end - pos >= 4) {
          const d = i32x4.sub(v128.load(values + (pos << 2)), minv);
          if (!i32x4.all_true(i32x4.lt_u(d, rangev))) break;
          let o = i32x4.splat(load<i32>(src + (<usize><u32>i32x4.extract_lane(d, 0) << 2)));
          o = i32x4.replace_lane(o, 1, load<i32>(src + (<usize><u32>i32x4.extract_lane(d, 1) << 2)));
          o = i32x4.replace_lane(o, 2, load<i32>(src + (<usize><u32>i32x4.extract_lane(d, 2) << 2)));
          o = i32x4.replace_lane(o, 3, load<i32>(src + (<usize><u32>i32x4.extract_lane(d, 3) << 2)));
          v128.store(dst + (n << 2), o);
          if (writeRows) v128.store(outP + (n << 2), i32x4.add(i32x4.splat(<i32>pos), step));
          n += 4;
          pos += 4;
        }
      }
      // The four rows with a key out of range, the last rows, or every row of a table with gaps.
      const stop = full && end - pos > 4 ? pos + 4 : end;
      for (; pos < stop; pos++) {
        n += fused_row_i32(values, src, heads, min32, <u32>range, dst, outP, pos, n, writeRows, full);
      }
    }
  }
  while (pos < end) {
    const count = end - pos < VECTOR ? end - pos : VECTOR;
    let m: usize = 0;
    for (let i: usize = 0; i < count; i++) {
      const row = plain ? pos + i : probe_row_at(sel, pos + i);
      const k = <u64>(int_key_at(keyKind, values, row) - min);
      const inRange = k < range;
      const slot = select<usize>(<usize>k, 0, inRange);
      let hit = inRange;
      if (!full) hit = hit && load<u32>(heads + (slot << 2)) != 0;
      if (!plain && gAnyNull) hit = hit && probe_key_valid(row);
      store<u32>(slots + (m << 2), <u32>slot);
      if (writeRows) store<i32>(outP + ((n + m) << 2), <i32>row);
      m += <usize>hit;
    }
    for (let c: usize = 0; c < cols; c++) {
      const d = payload + c * COL_SIZE;
      const src = col_values(d);
      const dst = <usize>load<u32>(outDescs + c * COL_SIZE, 12);
      const w = payload_width(col_kind(d));
      if (w == 4) {
        const o = dst + (n << 2);
        for (let j: usize = 0; j < m; j++) store<u32>(o + (j << 2), load<u32>(src + (<usize>load<u32>(slots + (j << 2)) << 2)));
      } else if (w == 8) {
        const o = dst + (n << 3);
        for (let j: usize = 0; j < m; j++) store<u64>(o + (j << 3), load<u64>(src + (<usize>load<u32>(slots + (j << 2)) << 3)));
      } else {
        const o = dst + n;
        for (let j: usize = 0; j < m; j++) store<u8>(o + j, load<u8>(src + <usize>load<u32>(slots + (j << 2))));
      }
    }
    n += m;
    pos += count;
  }
  set_hdr(t, H_POS, pos);
  for (let c: usize = 0; c < cols; c++) {
    const d = payload + c * COL_SIZE;
    const o = outDescs + c * COL_SIZE;
    col_write(o, col_kind(d), 0, 0, <usize>load<u32>(o, 12), col_data(d), <u32>n);
  }
  return <u32>n;
}
