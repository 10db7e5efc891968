// Join keys: hashing a key column a vector at a time, and comparing a probe row's keys with a
// build row's. NULL keys never match (the callers skip rows flagged null); doubles compare by
// value with -0 = 0 and NaN = NaN, as DuckDB joins do; UTF8 and DICT columns are interchangeable
// (a DICT row is its dictionary string), so both sides may be encoded differently.

import {
  COL_SIZE, KIND_BOOL, KIND_DICT, KIND_F64, KIND_I128, KIND_I32, KIND_I64,
  col_data, col_kind, col_validity, col_validity_offset, col_values,
} from '../layout';
import { hash_bytes, hash_combine, hash_u64 } from '../hash';

const CANONICAL_NAN: u64 = 0x7FF8000000000000;

/** Bits of a double with -0 folded to 0 and every NaN to one NaN, so equal keys have equal bits. */
// @ts-ignore: decorator
@inline export function f64_key_bits(v: f64): u64 {
  if (v != v) return CANONICAL_NAN;
  if (v == 0) return 0;
  return reinterpret<u64>(v);
}

// The string of the last str_at call (globals: kernels never allocate).
let strPtr: usize = 0;
let strLen: usize = 0;

/** Locates row `row` of a UTF8 or DICT column into strPtr/strLen. */
// @ts-ignore: decorator
@inline function str_at(desc: usize, row: usize): void {
  let offsets = col_values(desc);
  let bytes = col_data(desc);
  let i = row;
  if (col_kind(desc) == KIND_DICT) {
    i = <usize>load<i32>(offsets + (row << 2));
    offsets = col_values(bytes);
    bytes = col_data(bytes);
  }
  const start = load<i32>(offsets + (i << 2));
  strPtr = bytes + <usize>start;
  strLen = <usize>(load<i32>(offsets + (i << 2), 4) - start);
}

function bytes_equal(a: usize, b: usize, n: usize): bool {
  let i: usize = 0;
  while (i + 8 <= n) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  while (i < n) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
  }
  return true;
}

/** Hash of row `row` of one key column (its kind decides how). */
// @ts-ignore: decorator
@inline function hash_value(desc: usize, kind: u32, values: usize, row: usize): u64 {
  switch (kind) {
    case KIND_BOOL: return hash_u64(<u64>load<u8>(values + row));
    case KIND_I32: return hash_u64(<u64><i64>load<i32>(values + (row << 2)));
    case KIND_I64: return hash_u64(load<u64>(values + (row << 3)));
    case KIND_F64: return hash_u64(f64_key_bits(load<f64>(values + (row << 3))));
    case KIND_I128: return hash_combine(hash_u64(load<u64>(values + (row << 4))), load<u64>(values + (row << 4), 8));
    default: {
      str_at(desc, row);
      return hash_bytes(strPtr, strLen);
    }
  }
}

/**
 * Hashes key column `desc` for positions base .. base+count of a batch (rows through `sel` when it
 * is not 0) into hv[0 .. count): the first key column stores, later ones combine. Null rows set
 * their byte in `nulls` to 1 (the caller zeroed it). Returns whether the column has a bitmap.
 */
export function hash_key_column(desc: usize, first: bool, sel: usize, base: usize, count: usize, hv: usize, nulls: usize): bool {
  const kind = col_kind(desc);
  const values = col_values(desc);
  if (sel == 0 && kind == KIND_I32) {
    // The common single integer key: a tight loop the optimiser keeps in registers.
    const src = values + (base << 2);
    if (first) {
      for (let i: usize = 0; i < count; i++) store<u64>(hv + (i << 3), hash_u64(<u64><i64>load<i32>(src + (i << 2))));
    } else {
      for (let i: usize = 0; i < count; i++) {
        const p = hv + (i << 3);
        store<u64>(p, hash_combine(load<u64>(p), hash_u64(<u64><i64>load<i32>(src + (i << 2)))));
      }
    }
  } else if (sel == 0 && kind == KIND_I64) {
    const src = values + (base << 3);
    if (first) {
      for (let i: usize = 0; i < count; i++) store<u64>(hv + (i << 3), hash_u64(load<u64>(src + (i << 3))));
    } else {
      for (let i: usize = 0; i < count; i++) {
        const p = hv + (i << 3);
        store<u64>(p, hash_combine(load<u64>(p), hash_u64(load<u64>(src + (i << 3)))));
      }
    }
  } else {
    for (let i: usize = 0; i < count; i++) {
      const row = sel == 0 ? base + i : <usize>load<i32>(sel + ((base + i) << 2));
      const h = hash_value(desc, kind, values, row);
      const p = hv + (i << 3);
      store<u64>(p, first ? h : hash_combine(load<u64>(p), h));
    }
  }
  const validity = col_validity(desc);
  if (validity == 0) return false;
  const off = col_validity_offset(desc);
  for (let i: usize = 0; i < count; i++) {
    const row = sel == 0 ? base + i : <usize>load<i32>(sel + ((base + i) << 2));
    const bit = off + row;
    if (((load<u8>(validity + (bit >> 3)) >> <u8>(bit & 7)) & 1) == 0) store<u8>(nulls + i, 1);
  }
  return true;
}

/**
 * Hashes all `numKeys` key columns (descriptors at `descs`) for positions base .. base+count into
 * `hv`, flagging rows with any null key in `nulls`. Returns whether any row may be null.
 */
export function hash_keys(descs: usize, numKeys: usize, sel: usize, base: usize, count: usize, hv: usize, nulls: usize): bool {
  memory.fill(nulls, 0, count);
  let anyNull = false;
  for (let k: usize = 0; k < numKeys; k++) {
    if (hash_key_column(descs + k * COL_SIZE, k == 0, sel, base, count, hv, nulls)) anyNull = true;
  }
  return anyNull;
}

/** Whether probe row `prow` and build row `brow` have equal keys (neither is null). */
export function keys_equal(pdescs: usize, prow: usize, bdescs: usize, brow: usize, numKeys: usize): bool {
  for (let k: usize = 0; k < numKeys; k++) {
    const pd = pdescs + k * COL_SIZE;
    const bd = bdescs + k * COL_SIZE;
    const pv = col_values(pd);
    const bv = col_values(bd);
    switch (col_kind(bd)) {
      case KIND_BOOL:
        if (load<u8>(pv + prow) != load<u8>(bv + brow)) return false;
        break;
      case KIND_I32:
        if (load<i32>(pv + (prow << 2)) != load<i32>(bv + (brow << 2))) return false;
        break;
      case KIND_I64:
        if (load<u64>(pv + (prow << 3)) != load<u64>(bv + (brow << 3))) return false;
        break;
      case KIND_F64:
        if (f64_key_bits(load<f64>(pv + (prow << 3))) != f64_key_bits(load<f64>(bv + (brow << 3)))) return false;
        break;
      case KIND_I128:
        if (load<u64>(pv + (prow << 4)) != load<u64>(bv + (brow << 4))) return false;
        if (load<u64>(pv + (prow << 4), 8) != load<u64>(bv + (brow << 4), 8)) return false;
        break;
      default: {
        str_at(pd, prow);
        const pp = strPtr;
        const pl = strLen;
        str_at(bd, brow);
        if (pl != strLen || !bytes_equal(pp, strPtr, pl)) return false;
      }
    }
  }
  return true;
}

/** Whether row `brow` of the UTF8/DICT column `bdesc` holds the `len` bytes at `ptr`. */
export function str_key_equals(bdesc: usize, brow: usize, ptr: usize, len: usize): bool {
  str_at(bdesc, brow);
  return strLen == len && bytes_equal(strPtr, ptr, len);
}

/** Whether row `row` of key column `desc` is valid (not null). */
// @ts-ignore: decorator
@inline export function key_valid(desc: usize, row: usize): bool {
  const v = col_validity(desc);
  if (v == 0) return true;
  const bit = col_validity_offset(desc) + row;
  return ((load<u8>(v + (bit >> 3)) >> <u8>(bit & 7)) & 1) != 0;
}

/** Integer value of row `row` of a BOOL, I32 or I64 key column, widened to i64. */
// @ts-ignore: decorator
@inline export function int_key_at(kind: u32, values: usize, row: usize): i64 {
  if (kind == KIND_I32) return <i64>load<i32>(values + (row << 2));
  if (kind == KIND_I64) return load<i64>(values + (row << 3));
  return <i64>load<u8>(values + row);
}
