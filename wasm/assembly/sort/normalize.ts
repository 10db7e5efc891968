// Normalized keys: each position's ORDER BY keys encoded as fixed-width u64 words whose unsigned,
// word-by-word comparison is the sort order (DuckDB's and Velox's "normalized key" idea).
//
// Conceptually a big-endian byte string per row: for each key an optional null-flag byte, then the
// value made order-preserving: ints with the sign bit flipped, doubles by the IEEE total-order
// trick after mapping -0 to +0 and every NaN to one NaN above +Inf, dictionary codes by their rank
// in string order, strings by their first bytes. Descending keys invert their value bytes. Byte i
// of the string lives in word i >> 3 at bits 56 - 8 * (i & 7), so comparing words as native u64
// compares bytes lexicographically. Encoding stops after the first string key: its prefix may tie
// on different strings, so that key and every later one are compared on real values (tiebreak.ts).

import { col_data, col_values, KIND_BOOL, KIND_DICT, KIND_F64, KIND_I128, KIND_I32, KIND_I64, KIND_UTF8 } from '../layout';
import {
  FLAG_DESC, FLAG_NULLS_FIRST, KEY_DESC, KEY_FLAGS, KEY_HAS_FLAG, KEY_KIND, KEY_MAY_NULL, KEY_OFFSET, KEY_RANKS, KEY_WIDTH,
  keyAt, keyIsNull, numKeys, rowAt,
} from './context';

const SIGN64: u64 = 0x8000000000000000;
const CANONICAL_NAN: u64 = 0x7FF8000000000000;

/** All-ones in the low `n` bytes (n in 1..8). */
// @ts-ignore: decorator
@inline function lowMask(n: usize): u64 {
  return n >= 8 ? <u64>-1 : ((<u64>1 << (<u64>n << 3)) - 1);
}

/** Order-preserving unsigned image of a double: -0 == +0, NaN above +Inf, all NaNs equal. */
// @ts-ignore: decorator
@inline export function f64Key(x: f64): u64 {
  let b = reinterpret<u64>(x);
  if (x == 0) b = 0;
  else if (x != x) b = CANONICAL_NAN;
  return (b & SIGN64) != 0 ? ~b : b ^ SIGN64;
}

/** Big-endian value of the first `n` (1..8) bytes of a string, zero-padded. */
export function stringPrefix(ptr: usize, len: usize, n: usize): u64 {
  let v: u64 = 0;
  if (len >= 8) {
    v = bswap<u64>(load<u64>(ptr));
  } else {
    for (let i: usize = 0; i < len; i++) v |= (<u64>load<u8>(ptr + i)) << (<u64>(56 - (i << 3)));
  }
  return n >= 8 ? v : v >> (<u64>(64 - (n << 3)));
}

/** ORs the `n`-byte (1..8) big-endian value `v` into a record at byte offset `off`. */
// @ts-ignore: decorator
@inline function put(rec: usize, off: usize, n: usize, v: u64): void {
  const w = rec + ((off >> 3) << 3);
  const b = off & 7;
  if (b + n <= 8) {
    store<u64>(w, load<u64>(w) | (v << (<u64>((8 - b - n) << 3))));
  } else {
    const second = b + n - 8;
    store<u64>(w, load<u64>(w) | (v >> (<u64>(second << 3))));
    store<u64>(w + 8, load<u64>(w + 8) | (v << (<u64>((8 - second) << 3))));
  }
}

/** Encoded width in bytes of a fixed-width kind (I128 counts both words). */
export function fixedWidth(kind: u32): usize {
  switch (kind) {
    case KIND_BOOL: return 1;
    case KIND_I32: return 4;
    case KIND_DICT: return 4;
    case KIND_I64: return 8;
    case KIND_F64: return 8;
    case KIND_I128: return 16;
  }
  return 0;
}

/**
 * Assigns each key from `keyStart` its place in the normalized record and returns the first key
 * left to real-value comparison (numKeys when every key is fully encoded). `key0NoNull`: the
 * first key is known not null in this subset, so it needs no flag byte. Writes the record width
 * in bytes to `widthOut`.
 */
export function planLayout(keyStart: i32, key0NoNull: bool, widthOut: usize): i32 {
  let off: usize = 0;
  let tie = numKeys;
  for (let k = keyStart; k < numKeys; k++) {
    const key = keyAt(k);
    const kind = load<u32>(key, KEY_KIND);
    const flag: u32 = (k == keyStart && key0NoNull) ? 0 : load<u32>(key, KEY_MAY_NULL);
    store<u32>(key, flag, KEY_HAS_FLAG);
    store<u32>(key, <u32>off, KEY_OFFSET);
    off += <usize>flag;
    if (kind == KIND_UTF8) {
      const room: usize = 8 - (off & 7);
      const width: usize = room >= 4 ? room : 8;
      store<u32>(key, <u32>width, KEY_WIDTH);
      off += width;
      tie = k;
      break;
    }
    const width = fixedWidth(kind);
    store<u32>(key, <u32>width, KEY_WIDTH);
    off += width;
  }
  store<u32>(widthOut, <u32>off);
  return tie;
}

/** The fixed-width value of `row` as an order-preserving unsigned, direction not applied (not I128). */
// @ts-ignore: decorator
@inline function decodeFixed(kind: u32, values: usize, ranks: usize, row: usize): u64 {
  switch (kind) {
    case KIND_BOOL: return load<u8>(values + row) != 0 ? 1 : 0;
    case KIND_I32: return <u64>(load<u32>(values + (row << 2)) ^ 0x80000000);
    case KIND_I64: return load<u64>(values + (row << 3)) ^ SIGN64;
    case KIND_F64: return f64Key(load<f64>(values + (row << 3)));
    case KIND_DICT: return <u64>load<u32>(ranks + (<usize>load<u32>(values + (row << 2)) << 2));
  }
  return 0;
}

/** The key's fixed-width value of `row` as an order-preserving unsigned, direction not applied (not I128). */
// @ts-ignore: decorator
@inline export function fixedValue(key: usize, kind: u32, row: usize): u64 {
  return decodeFixed(kind, col_values(<usize>load<u32>(key, KEY_DESC)), <usize>load<u32>(key, KEY_RANKS), row);
}

/**
 * Whether encodeKey(k, …, stride) stores whole words instead of OR-ing into zeroed records: a
 * first key that fills its one-word record from byte 0 without a flag (INT, BIGINT, DOUBLE).
 */
export function storesWholeWord(k: i32, stride: usize): bool {
  const key = keyAt(k);
  const kind = load<u32>(key, KEY_KIND);
  return stride == 8 && load<u32>(key, KEY_HAS_FLAG) == 0 && load<u32>(key, KEY_OFFSET) == 0 &&
    (kind == KIND_F64 || kind == KIND_I64 || kind == KIND_I32);
}

/** Encodes key `k` of positions from..to-1 into records of `stride` bytes at `base` (zeroed before). */
export function encodeKey(k: i32, from: usize, to: usize, base: usize, stride: usize): void {
  const key = keyAt(k);
  const kind = load<u32>(key, KEY_KIND);
  const desc = <usize>load<u32>(key, KEY_DESC);
  const flags = load<u32>(key, KEY_FLAGS);
  const hasFlag = load<u32>(key, KEY_HAS_FLAG) != 0;
  const off = <usize>load<u32>(key, KEY_OFFSET);
  const voff = off + (hasFlag ? 1 : 0);
  const width = <usize>load<u32>(key, KEY_WIDTH);
  const desc_ = (flags & FLAG_DESC) != 0;
  // Null flag byte: NULLS FIRST puts nulls at 0 and values at 1; NULLS LAST the reverse.
  const nullsFirst = (flags & FLAG_NULLS_FIRST) != 0;
  const nullByte: u64 = nullsFirst ? 0 : 1;
  const validByte: u64 = nullsFirst ? 1 : 0;
  if (kind == KIND_UTF8) {
    const offsets = col_values(desc);
    const data = col_data(desc);
    const dmask: u64 = desc_ ? lowMask(width) : 0;
    for (let p = from; p < to; p++) {
      const row = rowAt(p);
      const rec = base + p * stride;
      if (hasFlag) {
        if (keyIsNull(key, row)) { put(rec, off, 1, nullByte); continue; }
        put(rec, off, 1, validByte);
      }
      const start = <usize>load<u32>(offsets + (row << 2));
      const len = <usize>load<u32>(offsets + ((row + 1) << 2)) - start;
      put(rec, voff, width, stringPrefix(data + start, len, width) ^ dmask);
    }
    return;
  }
  if (kind == KIND_I128) {
    const values = col_values(desc);
    const dmask: u64 = desc_ ? <u64>-1 : 0;
    for (let p = from; p < to; p++) {
      const row = rowAt(p);
      const rec = base + p * stride;
      if (hasFlag) {
        if (keyIsNull(key, row)) { put(rec, off, 1, nullByte); continue; }
        put(rec, off, 1, validByte);
      }
      const v = values + (row << 4);
      put(rec, voff, 8, (load<u64>(v, 8) ^ SIGN64) ^ dmask);
      put(rec, voff + 8, 8, load<u64>(v) ^ dmask);
    }
    return;
  }
  const dmask: u64 = desc_ ? lowMask(width) : 0;
  if (storesWholeWord(k, stride)) {
    // One word per record and this key first in it: a straight column loop (the common case).
    const shift = <u64>((8 - width) << 3);
    switch (kind) {
      case KIND_F64: {
        const values = col_values(desc);
        for (let p = from; p < to; p++) {
          store<u64>(base + (p << 3), f64Key(load<f64>(values + (rowAt(p) << 3))) ^ dmask);
        }
        return;
      }
      case KIND_I64: {
        const values = col_values(desc);
        for (let p = from; p < to; p++) {
          store<u64>(base + (p << 3), (load<u64>(values + (rowAt(p) << 3)) ^ SIGN64) ^ dmask);
        }
        return;
      }
      case KIND_I32: {
        const values = col_values(desc);
        for (let p = from; p < to; p++) {
          store<u64>(base + (p << 3), (<u64>(load<u32>(values + (rowAt(p) << 2)) ^ 0x80000000) ^ dmask) << shift);
        }
        return;
      }
    }
  }
  // One loop per kind, so the kind's decoding is resolved outside the loop.
  switch (kind) {
    case KIND_BOOL: encodeFixed(KIND_BOOL, key, from, to, base, stride, hasFlag, off, voff, width, dmask, nullByte, validByte); break;
    case KIND_I32: encodeFixed(KIND_I32, key, from, to, base, stride, hasFlag, off, voff, width, dmask, nullByte, validByte); break;
    case KIND_I64: encodeFixed(KIND_I64, key, from, to, base, stride, hasFlag, off, voff, width, dmask, nullByte, validByte); break;
    case KIND_F64: encodeFixed(KIND_F64, key, from, to, base, stride, hasFlag, off, voff, width, dmask, nullByte, validByte); break;
    case KIND_DICT: encodeFixed(KIND_DICT, key, from, to, base, stride, hasFlag, off, voff, width, dmask, nullByte, validByte); break;
  }
}

/** The general encoding loop of a fixed-width key (flag byte, value at any offset). */
// @ts-ignore: decorator
@inline function encodeFixed(kind: u32, key: usize, from: usize, to: usize, base: usize, stride: usize, hasFlag: bool, off: usize,
  voff: usize, width: usize, dmask: u64, nullByte: u64, validByte: u64): void {
  const values = col_values(<usize>load<u32>(key, KEY_DESC));
  const ranks = <usize>load<u32>(key, KEY_RANKS);
  // Where the value's bytes go: one word, or the end of one and the start of the next.
  const word = (voff >> 3) << 3;
  const b = voff & 7;
  const crosses = b + width > 8;
  const second = crosses ? b + width - 8 : 0;
  const shiftA = <u64>(crosses ? second << 3 : (8 - b - width) << 3);
  const shiftB = <u64>((8 - second) << 3);
  for (let p = from; p < to; p++) {
    const row = rowAt(p);
    const rec = base + p * stride;
    if (hasFlag) {
      if (keyIsNull(key, row)) { put(rec, off, 1, nullByte); continue; }
      put(rec, off, 1, validByte);
    }
    const v = decodeFixed(kind, values, ranks, row) ^ dmask;
    const w = rec + word;
    if (crosses) {
      store<u64>(w, load<u64>(w) | (v >> shiftA));
      store<u64>(w + 8, load<u64>(w + 8) | (v << shiftB));
    } else {
      store<u64>(w, load<u64>(w) | (v << shiftA));
    }
  }
}
