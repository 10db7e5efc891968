// Encodes the key columns of a chunk of rows into probe key rows (the key-row format of
// table-layout.ts, UTF8 pointing into the input) and hashes them, one column at a time.
//
// Column hashes, shared with anything that must agree on key groups (exchanges, state):
//   BOOL/I32/I64  hash_u64 of the value sign-extended to 64 bits
//   F64           hash_u64 of the bits, after -0 -> +0 and every NaN -> 0x7FF8000000000000
//   UTF8/DICT     hash_bytes of the string (a dictionary value hashes as its decoded string)
//   I128          hash_combine(hash_u64(low word), hash_u64(high word))
//   NULL          HASH_NULL
// Several key columns: h = hash(col 0), then h = hash_combine(h, hash(col c)) for c = 1, 2, ...
import { HASH_NULL, hash_bytes, hash_combine, hash_u64 } from '../hash';
import {
  COL_SIZE, KIND_BOOL, KIND_DICT, KIND_F64, KIND_I128, KIND_I32, KIND_I64, KIND_UTF8,
  col_data, col_is_valid, col_kind, col_validity, col_values,
} from '../layout';
import { H_KEYW, H_NKEYS, keyOffset } from './table-layout';

const CANONICAL_NAN: u64 = 0x7FF8000000000000;

/** The bits of a double with -0 folded into +0 and every NaN into one NaN (one group each). */
// @ts-ignore: decorator
@inline export function normalize_f64(v: f64): u64 {
  if (v != v) return CANONICAL_NAN;
  if (v == 0) return 0;
  return reinterpret<u64>(v);
}

/** Reads row `row` of a fixed-width column (BOOL, I32, I64, F64) as a normalised u64. */
// @ts-ignore: decorator
@inline export function read_fixed(kind: u32, values: usize, row: usize): u64 {
  if (kind == KIND_I64) return load<u64>(values + (row << 3));
  if (kind == KIND_I32) return <u64><i64>load<i32>(values + (row << 2));
  if (kind == KIND_F64) return normalize_f64(load<f64>(values + (row << 3)));
  return load<u8>(values + row) != 0 ? 1 : 0;
}

/** Start address of string `row` of a UTF8 or DICT column; its length goes to `lenOut`. */
// @ts-ignore: decorator
@inline export function read_string(desc: usize, row: usize, lenOut: usize): usize {
  let offsets = col_values(desc);
  let data = col_data(desc);
  let i = row;
  if (col_kind(desc) == KIND_DICT) {
    i = <usize>load<i32>(offsets + (row << 2));
    offsets = col_values(data);
    data = col_data(data);
  }
  const start = load<i32>(offsets + (i << 2));
  const end = load<i32>(offsets + (i << 2), 4);
  store<u32>(lenOut, <u32>(end - start));
  return data + <usize>start;
}

/**
 * Whether row `row` of a column holds a value: its validity bit, and for DICT also the validity
 * of the dictionary entry it points at (Arrow allows NULL dictionary values).
 */
// @ts-ignore: decorator
@inline export function value_valid(desc: usize, row: usize): bool {
  if (!col_is_valid(desc, row)) return false;
  if (col_kind(desc) != KIND_DICT) return true;
  const dict = col_data(desc);
  return col_validity(dict) == 0 || col_is_valid(dict, <usize>load<i32>(col_values(desc) + (row << 2)));
}

/** Whether a column may hold NULLs (DICT: in its indices or its dictionary). */
// @ts-ignore: decorator
@inline export function may_have_nulls(desc: usize): bool {
  return col_validity(desc) != 0 || (col_kind(desc) == KIND_DICT && col_validity(col_data(desc)) != 0);
}

/** Whether a key kind is stored as a string (len, ptr) in key rows. */
// @ts-ignore: decorator
@inline export function is_string_kind(kind: u32): bool {
  return kind == KIND_UTF8 || kind == KIND_DICT;
}

/**
 * Fills `probe` (n key rows of H_KEYW bytes), `hashes` (n u64) and, with one key column,
 * `nulls` (n bytes, 1 = NULL key) for the rows `rows[0..n)`. `keyDescs` are the key columns'
 * descriptors, consecutive.
 */
export function encode_keys(t: usize, keyDescs: usize, rows: usize, n: usize, probe: usize, hashes: usize, nulls: usize, scratch: usize): void {
  const nk = load<u32>(t + H_NKEYS);
  const kw = <usize>load<u32>(t + H_KEYW);
  if (nk == 1) {
    encode_column(keyDescs, rows, n, probe, kw, 0, hashes, true, nulls, 0, 0, scratch);
    return;
  }
  for (let k: usize = 0; k < n; k++) store<u64>(probe + k * kw, 0); // null masks
  for (let c: u32 = 0; c < nk; c++) {
    encode_column(keyDescs + <usize>c * COL_SIZE, rows, n, probe, kw, keyOffset(t, c), hashes, c == 0, 0, c, 1, scratch);
  }
}

/**
 * Writes one key column into the probe rows at `off` and folds its hash into `hashes` (or starts
 * them when `first`). With `maskBits` a NULL sets bit `c` of the row's u64 null mask; otherwise
 * it sets nulls[k].
 */
function encode_column(desc: usize, rows: usize, n: usize, probe: usize, kw: usize, off: usize, hashes: usize,
  first: bool, nulls: usize, c: u32, maskBits: u32, scratch: usize): void {
  const kind = col_kind(desc);
  const values = col_values(desc);
  const hasNulls = may_have_nulls(desc);
  if (kind == KIND_UTF8 || kind == KIND_DICT) {
    for (let k: usize = 0; k < n; k++) {
      const row = <usize>load<u32>(rows + (k << 2));
      const dst = probe + k * kw + off;
      let h: u64;
      if (hasNulls && !value_valid(desc, row)) {
        h = HASH_NULL;
        store<u64>(dst, 0);
        mark_null(probe + k * kw, nulls, k, c, maskBits);
      } else {
        const ptr = read_string(desc, row, scratch);
        const len = <usize>load<u32>(scratch);
        store<u32>(dst, <u32>len);
        store<u32>(dst, <u32>ptr, 4);
        h = hash_bytes(ptr, len);
        if (maskBits == 0) store<u8>(nulls + k, 0);
      }
      fold(hashes, k, h, first);
    }
    return;
  }
  if (kind == KIND_I128) {
    for (let k: usize = 0; k < n; k++) {
      const row = <usize>load<u32>(rows + (k << 2));
      const dst = probe + k * kw + off;
      let h: u64;
      if (hasNulls && !col_is_valid(desc, row)) {
        h = HASH_NULL;
        store<u64>(dst, 0);
        store<u64>(dst, 0, 8);
        mark_null(probe + k * kw, nulls, k, c, maskBits);
      } else {
        const lo = load<u64>(values + (row << 4));
        const hi = load<u64>(values + (row << 4), 8);
        store<u64>(dst, lo);
        store<u64>(dst, hi, 8);
        h = hash_combine(hash_u64(lo), hash_u64(hi));
        if (maskBits == 0) store<u8>(nulls + k, 0);
      }
      fold(hashes, k, h, first);
    }
    return;
  }
  if (!hasNulls && first && maskBits == 0 && kw == 8) {
    // The hot case: one fixed-width key without nulls.
    if (kind == KIND_I64) {
      for (let k: usize = 0; k < n; k++) {
        const v = load<u64>(values + (<usize>load<u32>(rows + (k << 2)) << 3));
        store<u64>(probe + (k << 3), v);
        store<u64>(hashes + (k << 3), hash_u64(v));
      }
    } else if (kind == KIND_I32) {
      for (let k: usize = 0; k < n; k++) {
        const v = <u64><i64>load<i32>(values + (<usize>load<u32>(rows + (k << 2)) << 2));
        store<u64>(probe + (k << 3), v);
        store<u64>(hashes + (k << 3), hash_u64(v));
      }
    } else {
      for (let k: usize = 0; k < n; k++) {
        const v = read_fixed(kind, values, <usize>load<u32>(rows + (k << 2)));
        store<u64>(probe + (k << 3), v);
        store<u64>(hashes + (k << 3), hash_u64(v));
      }
    }
    memory.fill(nulls, 0, n);
    return;
  }
  for (let k: usize = 0; k < n; k++) {
    const row = <usize>load<u32>(rows + (k << 2));
    const dst = probe + k * kw + off;
    let h: u64;
    if (hasNulls && !col_is_valid(desc, row)) {
      h = HASH_NULL;
      store<u64>(dst, 0);
      mark_null(probe + k * kw, nulls, k, c, maskBits);
    } else {
      const v = read_fixed(kind, values, row);
      store<u64>(dst, v);
      h = hash_u64(v);
      if (maskBits == 0) store<u8>(nulls + k, 0);
    }
    fold(hashes, k, h, first);
  }
}

// @ts-ignore: decorator
@inline function mark_null(rowPtr: usize, nulls: usize, k: usize, c: u32, maskBits: u32): void {
  if (maskBits != 0) store<u64>(rowPtr, load<u64>(rowPtr) | (<u64>1 << <u64>c));
  else store<u8>(nulls + k, 1);
}

// @ts-ignore: decorator
@inline function fold(hashes: usize, k: usize, h: u64, first: bool): void {
  const p = hashes + (k << 3);
  store<u64>(p, first ? h : hash_combine(load<u64>(p), h));
}
