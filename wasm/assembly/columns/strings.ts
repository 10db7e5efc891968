// String access shared by the columns kernels: the bytes of a row of a UTF8 or DICT column, and
// the dictionaries of DICT columns (a UTF8 descriptor without nulls that `data` points to).

import {
  KIND_DICT, KIND_UTF8,
  col_data, col_kind, col_length, col_validity, col_validity_offset, col_values, col_write,
} from '../layout';
import { get_bit } from './bits';
import { rebase_offsets_i32 } from './convert';

/**
 * The string at `row` of a UTF8 or DICT column, packed as (length << 32) | address; a NULL DICT
 * row or a code outside the dictionary gives the empty string.
 */
export function str_of(col: usize, row: usize): u64 {
  let strCol = col;
  let r = row;
  if (col_kind(col) == KIND_DICT) {
    if (!is_valid(col, row)) return 0;
    const code = load<i32>(col_values(col) + (row << 2));
    strCol = col_data(col);
    if (code < 0 || <u32>code >= col_length(strCol)) return 0;
    r = <usize>code;
  }
  const p = col_values(strCol) + (r << 2);
  const start = load<i32>(p);
  const len = load<i32>(p, 4) - start;
  return (<u64>(<u32>len) << 32) | <u64>(col_data(strCol) + <usize>start);
}

// @ts-ignore: decorator
@inline function is_valid(col: usize, row: usize): bool {
  const v = col_validity(col);
  return v == 0 || get_bit(v, col_validity_offset(col) + row) != 0;
}

/** Bytes of string data a dictionary holds. */
export function dict_bytes(dict: usize): usize {
  const n = <usize>col_length(dict);
  const off = col_values(dict);
  return <usize>(load<i32>(off + (n << 2)) - load<i32>(off));
}

/** Size of the one block that {@link copy_dictionary} fills: descriptor, offsets and bytes. */
export function dict_block_size(dict: usize): usize {
  return 64 + ((<usize>col_length(dict) + 1) << 2) + dict_bytes(dict);
}

/** Copies a dictionary (a UTF8 descriptor without nulls) into one owned block: descriptor, offsets from 0, bytes. */
export function copy_dictionary(dict: usize, block: usize): void {
  const n = <usize>col_length(dict);
  const offsets = block + 64;
  const data = offsets + ((n + 1) << 2);
  const first = load<i32>(col_values(dict));
  rebase_offsets_i32(offsets, col_values(dict), n + 1, -first);
  memory.copy(data, col_data(dict) + <usize>first, dict_bytes(dict));
  col_write(block, KIND_UTF8, 0, 0, offsets, data, <u32>n);
}

/** Whether two dictionaries hold the same strings in the same order. */
export function same_dictionary(a: usize, b: usize): bool {
  const n = <usize>col_length(a);
  if (n != <usize>col_length(b)) return false;
  const oa = col_values(a);
  const ob = col_values(b);
  const fa = load<i32>(oa);
  const fb = load<i32>(ob);
  for (let i: usize = 1; i <= n; i++) {
    if (load<i32>(oa + (i << 2)) - fa != load<i32>(ob + (i << 2)) - fb) return false;
  }
  return memory.compare(col_data(a) + <usize>fa, col_data(b) + <usize>fb, dict_bytes(a)) == 0;
}
