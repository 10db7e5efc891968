// Accumulator: growable long-lived columns that batches (optionally through a selection vector)
// are appended to, for blocking operators (sort input, join build side) and resident tables.
// Memory comes from mem_alloc/mem_realloc; capacity doubles, so appending N rows costs O(N).
//
// State block (mem_alloc'd): a 64-byte header [ncols, rows, capRows], then 32 bytes per column:
//   0 kind   4 validity (0 until a null arrives)   8 values (UTF8: offsets, rows + 1 entries)
//   12 UTF8: bytes / DICT: owned dictionary block   16 UTF8: byte capacity / DICT: block size
//   20 UTF8: bytes used / DICT: the source dictionary last seen
// An append first reserves all memory it needs (which may fail with ResourcesExhausted) and
// only then writes, so a failed append leaves the accumulator as it was.

import { mem_alloc, mem_alloc_zeroed, mem_block_size, mem_free, mem_realloc } from '../memory';
import {
  COL_SIZE, KIND_DICT, KIND_UTF8,
  col_data, col_kind, col_validity, col_validity_offset, col_values, col_write, kind_width,
} from '../layout';
import { bitmap_copy, bitmap_fill, get_bit, set_bit } from './bits';
import { copy_bytes } from './gather';
import { rebase_offsets_i32 } from './convert';
import { copy_dictionary, dict_block_size, same_dictionary, str_of } from './strings';

const HEADER: usize = 64;
const ST_KIND: usize = 0;
const ST_VALIDITY: usize = 4;
const ST_VALUES: usize = 8;
const ST_DATA: usize = 12;
const ST_DATA_CAP: usize = 16;
const ST_DATA_LEN: usize = 20;
const MIN_CAP: u32 = 64;

/** Append failed: a column's kind does not match the accumulator's (error code | column << 8). */
export const ACC_ERR_KIND: i32 = 1;
/** Append failed: a DICT column arrived with another dictionary than the first batch's. */
export const ACC_ERR_DICT: i32 = 2;

// @ts-ignore: decorator
@inline function st(acc: usize, c: usize): usize { return acc + HEADER + c * 32; }
// @ts-ignore: decorator
@inline function row_of(sel: usize, i: usize): usize { return sel == 0 ? i : <usize>load<i32>(sel + (i << 2)); }

function values_size(kind: u32, cap: u32): usize {
  return kind == KIND_UTF8 ? (<usize>cap + 1) << 2 : <usize>cap * kind_width(kind);
}

function validity_size(cap: u32): usize { return (<usize>cap + 7) >> 3; }

/** A new accumulator of `ncols` columns; set each column's kind with acc_init_col before appending. */
export function acc_new(ncols: u32): usize {
  const acc = mem_alloc_zeroed(HEADER + <usize>ncols * 32);
  store<u32>(acc, ncols);
  return acc;
}

/** Sets the physical kind of column `c`; a UTF8 column also accepts DICT input, which it decodes. */
export function acc_init_col(acc: usize, c: u32, kind: u32): void {
  store<u32>(st(acc, c), kind, ST_KIND);
}

export function acc_rows(acc: usize): u32 { return load<u32>(acc, 4); }

function grow(acc: usize, ncols: usize, need: u32): void {
  const cap = load<u32>(acc, 8);
  if (need <= cap) return;
  let next = cap << 1;
  if (next < need) next = need;
  if (next < MIN_CAP) next = MIN_CAP;
  for (let c: usize = 0; c < ncols; c++) {
    const s = st(acc, c);
    const kind = load<u32>(s, ST_KIND);
    const old = load<u32>(s, ST_VALUES);
    const values = mem_realloc(old, old == 0 ? 0 : values_size(kind, cap), values_size(kind, next));
    if (old == 0 && kind == KIND_UTF8) store<i32>(values, 0);
    store<u32>(s, <u32>values, ST_VALUES);
    const v = load<u32>(s, ST_VALIDITY);
    if (v != 0) store<u32>(s, <u32>mem_realloc(v, validity_size(cap), validity_size(next)), ST_VALIDITY);
  }
  store<u32>(acc, next, 8);
}

/** Checks kinds and dictionaries and reserves every byte the append needs; returns an error code or 0. */
function reserve(acc: usize, ncols: usize, descs: usize, sel: usize, n: usize): i32 {
  for (let c: usize = 0; c < ncols; c++) {
    const kind = load<u32>(st(acc, c), ST_KIND);
    const sk = col_kind(descs + c * COL_SIZE);
    if (sk != kind && !(kind == KIND_UTF8 && sk == KIND_DICT)) return ACC_ERR_KIND | <i32>(c << 8);
    if (kind == KIND_DICT) {
      const s = st(acc, c);
      const seen = <usize>load<u32>(s, ST_DATA_LEN);
      const dict = col_data(descs + c * COL_SIZE);
      if (seen != 0 && dict != seen) {
        if (!same_dictionary(load<u32>(s, ST_DATA), dict)) return ACC_ERR_DICT | <i32>(c << 8);
      }
    }
  }
  const rows = load<u32>(acc, 4);
  grow(acc, ncols, rows + <u32>n);
  const cap = load<u32>(acc, 8);
  for (let c: usize = 0; c < ncols; c++) {
    const s = st(acc, c);
    const col = descs + c * COL_SIZE;
    const kind = load<u32>(s, ST_KIND);
    if (col_validity(col) != 0 && load<u32>(s, ST_VALIDITY) == 0) {
      const v = mem_alloc(validity_size(cap));
      bitmap_fill(v, 0, <usize>rows, 1);
      store<u32>(s, <u32>v, ST_VALIDITY);
    }
    if (kind == KIND_UTF8) {
      let bytes: usize = 0;
      if (col_kind(col) == KIND_UTF8 && sel == 0) {
        const off = col_values(col);
        bytes = <usize>(load<i32>(off + (n << 2)) - load<i32>(off));
      } else {
        for (let i: usize = 0; i < n; i++) bytes += <usize>(str_of(col, row_of(sel, i)) >> 32);
      }
      const used = <usize>load<u32>(s, ST_DATA_LEN);
      const dcap = <usize>load<u32>(s, ST_DATA_CAP);
      if (used + bytes > dcap) {
        let next = dcap << 1;
        if (next < used + bytes) next = used + bytes;
        if (next < 1024) next = 1024;
        const old = <usize>load<u32>(s, ST_DATA);
        store<u32>(s, <u32>mem_realloc(old, old == 0 ? 0 : dcap, next), ST_DATA);
        store<u32>(s, <u32>next, ST_DATA_CAP);
      }
    } else if (kind == KIND_DICT && load<u32>(s, ST_DATA) == 0) {
      const dict = col_data(col);
      const size = dict_block_size(dict);
      const block = mem_alloc(size);
      copy_dictionary(dict, block);
      store<u32>(s, <u32>block, ST_DATA);
      store<u32>(s, <u32>size, ST_DATA_CAP);
    }
  }
  return 0;
}

function append_fixed(dst: usize, src: usize, width: usize, sel: usize, n: usize): void {
  if (sel == 0) {
    memory.copy(dst, src, n * width);
    return;
  }
  switch (width) {
    case 1: for (let i: usize = 0; i < n; i++) store<u8>(dst + i, load<u8>(src + row_of(sel, i))); break;
    case 4: for (let i: usize = 0; i < n; i++) store<u32>(dst + (i << 2), load<u32>(src + (row_of(sel, i) << 2))); break;
    case 8: for (let i: usize = 0; i < n; i++) store<u64>(dst + (i << 3), load<u64>(src + (row_of(sel, i) << 3))); break;
    default: {
      for (let i: usize = 0; i < n; i++) {
        const r = row_of(sel, i) << 4;
        store<u64>(dst + (i << 4), load<u64>(src + r));
        store<u64>(dst + (i << 4), load<u64>(src + r, 8), 8);
      }
    }
  }
}

function append_strings(s: usize, rows: usize, col: usize, sel: usize, n: usize): void {
  const offsets = <usize>load<u32>(s, ST_VALUES);
  const data = <usize>load<u32>(s, ST_DATA);
  let used = <usize>load<u32>(s, ST_DATA_LEN);
  if (col_kind(col) == KIND_UTF8 && sel == 0) {
    const off = col_values(col);
    const first = load<i32>(off);
    const bytes = <usize>(load<i32>(off + (n << 2)) - first);
    memory.copy(data + used, col_data(col) + <usize>first, bytes);
    rebase_offsets_i32(offsets + ((rows + 1) << 2), off + 4, n, <i32>used - first);
    used += bytes;
  } else {
    for (let i: usize = 0; i < n; i++) {
      const ref = str_of(col, row_of(sel, i));
      const len = <usize>(ref >> 32);
      copy_bytes(data + used, <usize>(<u32>ref), len);
      used += len;
      store<i32>(offsets + ((rows + 1 + i) << 2), <i32>used);
    }
  }
  store<u32>(s, <u32>used, ST_DATA_LEN);
}

/**
 * Appends the rows of a batch (`ncols` descriptors at `descs`; `n` rows, or the `n` rows listed in
 * the selection vector `sel` when it is not 0). A DICT column appended to a UTF8 column is
 * decoded. Returns 0, or ACC_ERR_KIND / ACC_ERR_DICT ORed with (column << 8), appending nothing.
 */
export function acc_append(acc: usize, descs: usize, sel: usize, n: usize): i32 {
  const ncols = <usize>load<u32>(acc);
  const err = reserve(acc, ncols, descs, sel, n);
  if (err != 0) return err;
  const rows = <usize>load<u32>(acc, 4);
  for (let c: usize = 0; c < ncols; c++) {
    const s = st(acc, c);
    const col = descs + c * COL_SIZE;
    const kind = load<u32>(s, ST_KIND);
    const values = <usize>load<u32>(s, ST_VALUES);
    const validity = <usize>load<u32>(s, ST_VALIDITY);
    if (validity != 0) {
      const sv = col_validity(col);
      if (sv == 0) {
        bitmap_fill(validity, rows, n, 1);
      } else if (sel == 0) {
        bitmap_copy(validity, rows, sv, col_validity_offset(col), n);
      } else {
        const so = col_validity_offset(col);
        for (let i: usize = 0; i < n; i++) set_bit(validity, rows + i, get_bit(sv, so + row_of(sel, i)));
      }
    }
    if (kind == KIND_UTF8) {
      append_strings(s, rows, col, sel, n);
    } else {
      const w = kind_width(kind);
      append_fixed(values + rows * w, col_values(col), w, sel, n);
      if (kind == KIND_DICT) store<u32>(s, <u32>col_data(col), ST_DATA_LEN);
    }
  }
  store<u32>(acc, <u32>(rows + n), 4);
  return 0;
}

/** Writes the accumulated columns' descriptors at `out` (ncols * 32 bytes); valid until the next append or acc_free. */
export function acc_finish(acc: usize, out: usize): void {
  const ncols = <usize>load<u32>(acc);
  if (load<u32>(acc, 8) == 0) grow(acc, ncols, 1);
  const rows = load<u32>(acc, 4);
  for (let c: usize = 0; c < ncols; c++) {
    const s = st(acc, c);
    const kind = load<u32>(s, ST_KIND);
    let data: usize = 0;
    if (kind == KIND_UTF8) data = load<u32>(s, ST_DATA);
    else if (kind == KIND_DICT) data = load<u32>(s, ST_DATA);
    col_write(out + c * COL_SIZE, kind, load<u32>(s, ST_VALIDITY), 0, load<u32>(s, ST_VALUES), data, rows);
  }
}

/** Frees every block of the accumulator, the state included. */
export function acc_free(acc: usize): void {
  const ncols = <usize>load<u32>(acc);
  const cap = load<u32>(acc, 8);
  for (let c: usize = 0; c < ncols; c++) {
    const s = st(acc, c);
    const kind = load<u32>(s, ST_KIND);
    if (cap != 0) mem_free(load<u32>(s, ST_VALUES), values_size(kind, cap));
    mem_free(load<u32>(s, ST_VALIDITY), validity_size(cap));
    if (kind == KIND_UTF8 || kind == KIND_DICT) mem_free(load<u32>(s, ST_DATA), load<u32>(s, ST_DATA_CAP));
  }
  mem_free(acc, HEADER + ncols * 32);
}

/** Bytes the memory manager reserved for the accumulator's blocks (for memory accounting and spilling decisions). */
export function acc_bytes(acc: usize): usize {
  const ncols = <usize>load<u32>(acc);
  const cap = load<u32>(acc, 8);
  let total: usize = mem_block_size(HEADER + ncols * 32);
  for (let c: usize = 0; c < ncols; c++) {
    const s = st(acc, c);
    const kind = load<u32>(s, ST_KIND);
    if (cap != 0) total += mem_block_size(values_size(kind, cap));
    if (load<u32>(s, ST_VALIDITY) != 0) total += mem_block_size(validity_size(cap));
    if ((kind == KIND_UTF8 || kind == KIND_DICT) && load<u32>(s, ST_DATA) != 0) total += mem_block_size(load<u32>(s, ST_DATA_CAP));
  }
  return total;
}
