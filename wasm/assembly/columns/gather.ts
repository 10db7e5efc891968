// Gather ("take"): the rows of a column picked by an i32 index vector, into a new dense column in
// the arena. Index -1 (any negative index) produces a NULL row: the unmatched side of an outer
// join. The output has a validity bitmap only when the source has one or an index is negative.

import { arena_alloc } from '../memory';
import {
  COL_SIZE, KIND_BOOL, KIND_DICT, KIND_F64, KIND_I128, KIND_I32, KIND_I64, KIND_UTF8,
  col_data, col_kind, col_length, col_validity, col_validity_offset, col_values, col_write,
} from '../layout';
import { get_bit } from './bits';

/** Whether any of the `n` indices is negative (one OR over the vector, SIMD). */
export function any_negative_i32(idx: usize, n: usize): bool {
  let i: usize = 0;
  let acc = i32x4.splat(0);
  while (n - i >= 4) {
    acc = v128.or(acc, v128.load(idx + (i << 2)));
    i += 4;
  }
  let s = i32x4.extract_lane(acc, 0) | i32x4.extract_lane(acc, 1) | i32x4.extract_lane(acc, 2) | i32x4.extract_lane(acc, 3);
  for (; i < n; i++) s |= load<i32>(idx + (i << 2));
  return s < 0;
}

function gather_validity(dst: usize, src: usize, idx: usize, n: usize): void {
  const sv = col_validity(src);
  const so = col_validity_offset(src);
  for (let i: usize = 0; i < n; i += 8) {
    const m = n - i < 8 ? n - i : 8;
    let byte: u32 = 0;
    for (let k: usize = 0; k < m; k++) {
      const j = load<i32>(idx + ((i + k) << 2));
      let valid: u32 = j >= 0 ? 1 : 0;
      if (valid != 0 && sv != 0) valid = get_bit(sv, so + <usize>j);
      byte |= valid << <u32>k;
    }
    store<u8>(dst + (i >> 3), <u8>byte);
  }
}

// @ts-ignore: decorator
@inline function gather_fixed<T>(dst: usize, src: usize, idx: usize, n: usize, anyNeg: bool): void {
  const shift = <usize>alignof<T>();
  if (!anyNeg) {
    for (let i: usize = 0; i < n; i++) {
      store<T>(dst + (i << shift), load<T>(src + (<usize>load<i32>(idx + (i << 2)) << shift)));
    }
  } else {
    for (let i: usize = 0; i < n; i++) {
      const j = load<i32>(idx + (i << 2));
      store<T>(dst + (i << shift), j >= 0 ? load<T>(src + (<usize>j << shift)) : <T>0);
    }
  }
}

function gather_i128(dst: usize, src: usize, idx: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const j = load<i32>(idx + (i << 2));
    if (j >= 0) {
      const s = src + (<usize>j << 4);
      store<u64>(dst + (i << 4), load<u64>(s));
      store<u64>(dst + (i << 4), load<u64>(s, 8), 8);
    } else {
      store<u64>(dst + (i << 4), 0);
      store<u64>(dst + (i << 4), 0, 8);
    }
  }
}

/** Copies `len` bytes; short strings with word moves (memory.copy costs a call for a few bytes). */
// @ts-ignore: decorator
@inline export function copy_bytes(dst: usize, src: usize, len: usize): void {
  if (len <= 16) {
    let k: usize = 0;
    while (len - k >= 8) {
      store<u64>(dst + k, load<u64>(src + k));
      k += 8;
    }
    while (k < len) {
      store<u8>(dst + k, load<u8>(src + k));
      k++;
    }
  } else {
    memory.copy(dst, src, len);
  }
}

/** Gathers a UTF8 column: new offsets from 0 and the picked strings' bytes, both in the arena. */
function gather_utf8(dst: usize, src: usize, idx: usize, n: usize, validity: usize): void {
  const so = col_values(src);
  const sd = col_data(src);
  let total: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const j = load<i32>(idx + (i << 2));
    if (j >= 0) {
      const p = so + (<usize>j << 2);
      total += <usize>(load<i32>(p, 4) - load<i32>(p));
    }
  }
  const offsets = arena_alloc((n + 1) << 2);
  const data = arena_alloc(total);
  let pos: usize = 0;
  store<i32>(offsets, 0);
  for (let i: usize = 0; i < n; i++) {
    const j = load<i32>(idx + (i << 2));
    if (j >= 0) {
      const p = so + (<usize>j << 2);
      const start = <usize>load<i32>(p);
      const len = <usize>load<i32>(p, 4) - start;
      copy_bytes(data + pos, sd + start, len);
      pos += len;
    }
    store<i32>(offsets + ((i + 1) << 2), <i32>pos);
  }
  col_write(dst, KIND_UTF8, validity, 0, offsets, data, <u32>n);
}

/**
 * Gathers one column: writes at `dst` the descriptor of a new arena column whose row i is row
 * idx[i] of `src`, or NULL when idx[i] < 0 (`anyNeg` says whether any index is negative).
 * A DICT column keeps its dictionary; NULL rows hold 0 (index 0, empty string, false).
 */
export function gather_col(src: usize, idx: usize, n: usize, anyNeg: bool, dst: usize): void {
  const kind = col_kind(src);
  let validity: usize = 0;
  if (anyNeg || col_validity(src) != 0) {
    validity = arena_alloc((n + 7) >> 3);
    gather_validity(validity, src, idx, n);
  }
  const sv = col_values(src);
  let values: usize = 0;
  switch (kind) {
    case KIND_BOOL: {
      values = arena_alloc(n);
      gather_fixed<u8>(values, sv, idx, n, anyNeg);
      break;
    }
    case KIND_I32:
    case KIND_DICT: {
      values = arena_alloc(n << 2);
      gather_fixed<u32>(values, sv, idx, n, anyNeg);
      break;
    }
    case KIND_I64:
    case KIND_F64: {
      values = arena_alloc(n << 3);
      gather_fixed<u64>(values, sv, idx, n, anyNeg);
      break;
    }
    case KIND_I128: {
      values = arena_alloc(n << 4);
      gather_i128(values, sv, idx, n);
      break;
    }
    case KIND_UTF8: {
      gather_utf8(dst, src, idx, n, validity);
      return;
    }
  }
  col_write(dst, kind, validity, 0, values, kind == KIND_DICT ? col_data(src) : 0, <u32>n);
}

/**
 * Gathers a whole batch in one call: `ncols` descriptors at `src`, output descriptors at `dst`
 * (caller-allocated, ncols * 32 bytes), every column by the same `n` indices at `idx`.
 */
export function gather_batch(src: usize, ncols: u32, idx: usize, n: usize, dst: usize): void {
  const anyNeg = any_negative_i32(idx, n);
  for (let c: usize = 0; c < <usize>ncols; c++) {
    gather_col(src + c * COL_SIZE, idx, n, anyNeg, dst + c * COL_SIZE);
  }
}

/**
 * Decodes a DICT column into a UTF8 column in the arena (descriptor written at `dst`): row i is
 * the dictionary entry of code i. It keeps the source's validity bitmap; a NULL row, or a code
 * outside the dictionary, becomes an empty string.
 */
export function decode_dict(src: usize, dst: usize): void {
  const n = <usize>col_length(src);
  const codes = col_values(src);
  const dict = col_data(src);
  const dn = col_length(dict);
  const doff = col_values(dict);
  const ddata = col_data(dict);
  const sv = col_validity(src);
  const so = col_validity_offset(src);
  let total: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const code = load<i32>(codes + (i << 2));
    if (<u32>code < dn && (sv == 0 || get_bit(sv, so + i) != 0)) {
      const p = doff + (<usize>code << 2);
      total += <usize>(load<i32>(p, 4) - load<i32>(p));
    }
  }
  const offsets = arena_alloc((n + 1) << 2);
  const data = arena_alloc(total);
  let pos: usize = 0;
  store<i32>(offsets, 0);
  for (let i: usize = 0; i < n; i++) {
    const code = load<i32>(codes + (i << 2));
    if (<u32>code < dn && (sv == 0 || get_bit(sv, so + i) != 0)) {
      const p = doff + (<usize>code << 2);
      const start = <usize>load<i32>(p);
      const len = <usize>load<i32>(p, 4) - start;
      copy_bytes(data + pos, ddata + start, len);
      pos += len;
    }
    store<i32>(offsets + ((i + 1) << 2), <i32>pos);
  }
  col_write(dst, KIND_UTF8, sv, so, offsets, data, <u32>n);
}
