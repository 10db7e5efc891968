// Tie-break comparison of two positions whose first normalized word is equal: the remaining
// words, then the real values of the keys the words do not capture (from the first string key
// on). Never decides by position: callers keep stability themselves.

import { col_data, col_values, KIND_I128, KIND_UTF8 } from '../layout';
import { FLAG_DESC, FLAG_NULLS_FIRST, KEY_DESC, KEY_FLAGS, KEY_KIND, keyAt, keyIsNull, numKeys, rowAt, tieStart, words, wordsPerRow } from './context';
import { fixedValue } from './normalize';

/** Bytewise comparison of two byte strings (= code point order for UTF-8): -1, 0 or 1. */
export function compareBytes(a: usize, alen: usize, b: usize, blen: usize): i32 {
  const n = alen < blen ? alen : blen;
  let i: usize = 0;
  while (i + 8 <= n) {
    const x = load<u64>(a + i);
    const y = load<u64>(b + i);
    if (x != y) {
      const bx = bswap<u64>(x);
      const by = bswap<u64>(y);
      return bx < by ? -1 : 1;
    }
    i += 8;
  }
  while (i < n) {
    const x = load<u8>(a + i);
    const y = load<u8>(b + i);
    if (x != y) return x < y ? -1 : 1;
    i++;
  }
  return alen == blen ? 0 : (alen < blen ? -1 : 1);
}

/** Compares key `k` of rows `ra` and `rb` on real values, with the key's direction and null order. */
export function compareKey(k: i32, ra: usize, rb: usize): i32 {
  const key = keyAt(k);
  const flags = load<u32>(key, KEY_FLAGS);
  const na = keyIsNull(key, ra);
  const nb = keyIsNull(key, rb);
  if (na || nb) {
    if (na && nb) return 0;
    const nullsFirst = (flags & FLAG_NULLS_FIRST) != 0;
    return na == nullsFirst ? -1 : 1;
  }
  const kind = load<u32>(key, KEY_KIND);
  let c: i32 = 0;
  if (kind == KIND_UTF8) {
    const desc = <usize>load<u32>(key, KEY_DESC);
    const offsets = col_values(desc);
    const data = col_data(desc);
    const sa = <usize>load<u32>(offsets + (ra << 2));
    const sb = <usize>load<u32>(offsets + (rb << 2));
    c = compareBytes(data + sa, <usize>load<u32>(offsets + ((ra + 1) << 2)) - sa,
      data + sb, <usize>load<u32>(offsets + ((rb + 1) << 2)) - sb);
  } else if (kind == KIND_I128) {
    const values = col_values(<usize>load<u32>(key, KEY_DESC));
    const ha = load<i64>(values + (ra << 4), 8);
    const hb = load<i64>(values + (rb << 4), 8);
    if (ha != hb) c = ha < hb ? -1 : 1;
    else {
      const la = load<u64>(values + (ra << 4));
      const lb = load<u64>(values + (rb << 4));
      c = la == lb ? 0 : (la < lb ? -1 : 1);
    }
  } else {
    const x = fixedValue(key, kind, ra);
    const y = fixedValue(key, kind, rb);
    c = x == y ? 0 : (x < y ? -1 : 1);
  }
  return (flags & FLAG_DESC) != 0 ? -c : c;
}

/** Compares positions `pa` and `pb` beyond their first word: -1, 0 or 1. */
export function compareTail(pa: usize, pb: usize): i32 {
  const k = <usize>wordsPerRow;
  if (k > 1) {
    const a = words + pa * (k << 3);
    const b = words + pb * (k << 3);
    for (let j: usize = 1; j < k; j++) {
      const x = load<u64>(a + (j << 3));
      const y = load<u64>(b + (j << 3));
      if (x != y) return x < y ? -1 : 1;
    }
  }
  return tieStart < numKeys ? compareKeysFrom(pa, pb, tieStart) : 0;
}

/** Compares positions `pa` and `pb` on the real values of keys from..numKeys-1: -1, 0 or 1. */
export function compareKeysFrom(pa: usize, pb: usize, from: i32): i32 {
  const ra = rowAt(pa);
  const rb = rowAt(pb);
  for (let key = from; key < numKeys; key++) {
    const c = compareKey(key, ra, rb);
    if (c != 0) return c;
  }
  return 0;
}
