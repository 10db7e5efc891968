// Combined dictionary codes: when every key column of a batch is dictionary-encoded (DICT), a row's
// key is fully described by its codes, so the keys of the batch map onto the integers
//   code = ((c0 * r1 + c1) * r2 + c2) ...      with r_i = |D_i| + 1,
// where c_i is the row's index into dictionary i, or |D_i| when key i is NULL (a NULL index, or an
// index pointing at a NULL dictionary entry: both group as NULL). Equal codes mean equal keys
// within one batch (the converse need not hold: a dictionary may repeat a string), which is all
// the per-batch code table of dict-keys.ts needs.
import { COL_SIZE, KIND_DICT, col_data, col_is_valid, col_kind, col_length, col_validity, col_values } from '../layout';
import { may_have_nulls } from './key-encoder';

/** Most combined codes for one key: Arrow dictionaries weir builds hold at most 2^20 strings. */
export const MAX_CODES_ONE_KEY: usize = (1 << 20) + 1;
/** Most combined codes for several keys: beyond this the code space is sparse and leaves the caches. */
export const MAX_CODES_SEVERAL_KEYS: usize = 1 << 16;

/**
 * The number of combined codes of the batch's key columns `descs` (nk of them): the product of
 * |D_i| + 1, or 0 when some key is not DICT or the product exceeds the limits above.
 */
export function combined_code_count(descs: usize, nk: usize): usize {
  if (nk == 0) return 0;
  const limit = nk == 1 ? MAX_CODES_ONE_KEY : MAX_CODES_SEVERAL_KEYS;
  let size: usize = 1;
  for (let c: usize = 0; c < nk; c++) {
    const d = descs + c * COL_SIZE;
    if (col_kind(d) != KIND_DICT) return 0;
    size *= <usize>col_length(col_data(d)) + 1;
    if (size > limit) return 0;
  }
  return size;
}

/**
 * Writes the combined code of rows sel[0..n) (sel 0: rows 0..n-1) to out[0..n) (u32 each), one key
 * column at a time. The caller checked combined_code_count.
 */
export function combined_codes(descs: usize, nk: usize, sel: usize, n: usize, out: usize): void {
  for (let c: usize = 0; c < nk; c++) {
    const d = descs + c * COL_SIZE;
    const radix = <u32>col_length(col_data(d)) + 1;
    const first = c == 0;
    if (may_have_nulls(d)) {
      if (sel == 0) fold_nullable<u8>(d, radix, first, sel, n, out);
      else fold_nullable<u32>(d, radix, first, sel, n, out);
    } else {
      if (sel == 0) fold_codes<u8>(col_values(d), radix, first, sel, n, out);
      else fold_codes<u32>(col_values(d), radix, first, sel, n, out);
    }
  }
}

/** Row of the k-th element: k (M = u8, no selection) or sel[k] (M = u32). */
// @ts-ignore: decorator
@inline function row_of<M>(sel: usize, k: usize): usize {
  if (sizeof<M>() == 1) return k;
  return <usize>load<u32>(sel + (k << 2));
}

// @ts-ignore: decorator
@inline function fold_codes<M>(codes: usize, radix: u32, first: bool, sel: usize, n: usize, out: usize): void {
  if (first) {
    for (let k: usize = 0; k < n; k++) store<u32>(out + (k << 2), load<u32>(codes + (row_of<M>(sel, k) << 2)));
    return;
  }
  for (let k: usize = 0; k < n; k++) {
    const at = out + (k << 2);
    store<u32>(at, load<u32>(at) * radix + load<u32>(codes + (row_of<M>(sel, k) << 2)));
  }
}

// @ts-ignore: decorator
@inline function fold_nullable<M>(desc: usize, radix: u32, first: bool, sel: usize, n: usize, out: usize): void {
  const codes = col_values(desc);
  const dict = col_data(desc);
  const dictNulls = col_validity(dict) != 0;
  const nullCode = radix - 1;
  for (let k: usize = 0; k < n; k++) {
    const row = row_of<M>(sel, k);
    let code = load<u32>(codes + (row << 2));
    if (!col_is_valid(desc, row) || (dictNulls && !col_is_valid(dict, <usize>code))) code = nullCode;
    const at = out + (k << 2);
    store<u32>(at, first ? code : load<u32>(at) * radix + code);
  }
}
