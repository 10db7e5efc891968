// LSD radix sort of a column's values by their order-preserving key image, for sort-column.ts.
//
// Memory passes are what a 10M-row sort costs, so there are few of them: ONE read pass counts
// the histograms of every 11-bit digit of the keys (computed on the fly from the values, never
// stored); each digit that is not the same for every key is then one scatter pass between the
// column and a scratch buffer, the first pass encoding values into keys as it reads them and the
// last decoding keys back into values as it writes them. A digit every key shares is skipped, so
// doubles in [0, 1) (30 varying bits) take 3 scatter passes and small integer ranges 1 or 2.
//
// Keys have the width of the values (u64 for I64 and F64, u32 for I32), so the scatter passes
// ping-pong between the column and one scratch buffer of the same size.

import { mem_alloc, mem_free } from '../memory';

/** Digit width: 2^11 counters (8 KiB per digit) stay in cache during the scatter. */
const DIGIT_BITS: u32 = 11;
const BUCKETS: usize = 1 << <usize>DIGIT_BITS;
const DIGIT_MASK: u64 = (1 << DIGIT_BITS) - 1;

const SIGN64: u64 = 0x8000000000000000;
const SIGN32: u32 = 0x80000000;
const CANONICAL_NAN: u64 = 0x7FF8000000000000;

/** Set by countDigits: a double was -0 or a non-canonical NaN (see sort-column.ts). */
export let sawAmbiguousDouble = false;

/** Number of digits of a key of type K. */
// @ts-ignore: decorator
@inline function digitsOf<K>(): usize {
  return sizeof<K>() == 8 ? 6 : 3;
}

/**
 * The key of the value at `p`: unsigned order of keys = order of values (`flip` all ones:
 * reversed). Doubles map by the bijective total-order image (positives: sign bit set; negatives:
 * every bit inverted), integers by flipping the sign bit.
 */
// @ts-ignore: decorator
@inline function keyAt<T, K>(p: usize, flip: K): K {
  if (isFloat<T>()) {
    const b = load<u64>(p);
    return <K>((b ^ (<u64>(<i64>b >> 63) | SIGN64)) ^ <u64>flip);
  }
  if (sizeof<T>() == 8) return <K>((load<u64>(p) ^ SIGN64) ^ <u64>flip);
  return <K>((load<u32>(p) ^ SIGN32) ^ <u32>flip);
}

/** Stores at `p` the value whose key is `k` (the inverse of keyAt). */
// @ts-ignore: decorator
@inline function storeValue<T, K>(p: usize, k: K, flip: K): void {
  if (isFloat<T>()) {
    const u = <u64>k ^ <u64>flip;
    store<u64>(p, u ^ (<u64>(<i64>(~u) >> 63) | SIGN64));
  } else if (sizeof<T>() == 8) {
    store<u64>(p, (<u64>k ^ <u64>flip) ^ SIGN64);
  } else {
    store<u32>(p, (<u32>k ^ <u32>flip) ^ SIGN32);
  }
}

/** Whether the double at `p` is -0 or a non-canonical NaN (as 0 or 1). */
// @ts-ignore: decorator
@inline function ambiguousAt(p: usize): u64 {
  const b = load<u64>(p);
  const x = reinterpret<f64>(b);
  return <u64>(b == SIGN64) | <u64>(x != x && b != CANONICAL_NAN);
}

/** Adds the key of the value at `p` to the histogram of every digit (digit d's at h + d * BUCKETS). */
// @ts-ignore: decorator
@inline function countKey<T, K>(p: usize, flip: K, h: usize): void {
  let k = keyAt<T, K>(p, flip);
  for (let d: usize = 0; d < digitsOf<K>(); d++) {
    const slot = h + (((d << <usize>DIGIT_BITS) + <usize>(<u64>k & DIGIT_MASK)) << 2);
    store<u32>(slot, load<u32>(slot) + 1);
    k = <K>(<u64>k >> <u64>DIGIT_BITS);
  }
}

/**
 * Counts the histogram of every digit of the keys of values[0..n) into `hist` (zeroed), using
 * `spare` (as large, zeroed) for every other row: a digit that is the same in most keys (the
 * high bits of doubles, the low bits of doubles with short mantissas) increments one counter per
 * row, and two counters make two independent chains of increments instead of one.
 */
function countDigits<T, K>(values: usize, n: usize, flip: K, hist: usize, spare: usize): void {
  let odd: u64 = 0;
  let i: usize = 0;
  for (; i + 2 <= n; i += 2) {
    const p = values + (i << alignof<T>());
    if (isFloat<T>()) odd |= ambiguousAt(p) | ambiguousAt(p + 8);
    countKey<T, K>(p, flip, hist);
    countKey<T, K>(p + sizeof<T>(), flip, spare);
  }
  if (i < n) {
    const p = values + (i << alignof<T>());
    if (isFloat<T>()) odd |= ambiguousAt(p);
    countKey<T, K>(p, flip, hist);
  }
  const words = digitsOf<K>() * BUCKETS;
  for (let w: usize = 0; w < words; w++) store<u32>(hist + (w << 2), load<u32>(hist + (w << 2)) + load<u32>(spare + (w << 2)));
  sawAmbiguousDouble = odd != 0;
}

/**
 * One scatter pass by the digit at `shift` (offsets in h). FIRST: src holds values (encoded on
 * the fly). LAST: dst receives values (decoded on the fly). Otherwise keys move as they are.
 */
// @ts-ignore: decorator
@inline function scatter<T, K, FIRST, LAST>(src: usize, dst: usize, n: usize, h: usize, shift: u64, flip: K): void {
  for (let i: usize = 0; i < n; i++) {
    const p = src + (i << alignof<K>());
    const k: K = sizeof<FIRST>() == 2 ? keyAt<T, K>(p, flip) : load<K>(p);
    const slot = h + (<usize>((<u64>k >> shift) & DIGIT_MASK) << 2);
    const j = <usize>load<u32>(slot);
    store<u32>(slot, <u32>j + 1);
    if (sizeof<LAST>() == 2) storeValue<T, K>(dst + (j << alignof<K>()), k, flip);
    else store<K>(dst + (j << alignof<K>()), k);
  }
}

// FIRST and LAST markers for scatter: u16 yes, u8 no (a type argument specialises each loop).
function scatterPass<T, K>(first: bool, last: bool, src: usize, dst: usize, n: usize, h: usize, shift: u64, flip: K): void {
  if (first && last) scatter<T, K, u16, u16>(src, dst, n, h, shift, flip);
  else if (first) scatter<T, K, u16, u8>(src, dst, n, h, shift, flip);
  else if (last) scatter<T, K, u8, u16>(src, dst, n, h, shift, flip);
  else scatter<T, K, u8, u8>(src, dst, n, h, shift, flip);
}

/**
 * Sorts values[0..n) (type T; keys K of the same width) ascending by key (`desc`: descending).
 * Returns where the sorted values are: `values` itself, or, when the number of passes is odd, the
 * scratch block they ended in (n values; the caller takes it over and frees it), which spares a
 * copy of the whole column. Returns 0, before moving anything, when T is f64 and a value is -0
 * or a non-canonical NaN.
 */
export function radixSortColumn<T, K>(values: usize, n: usize, desc: bool): usize {
  const flip: K = desc ? <K>-1 : 0;
  const digits = digitsOf<K>();
  const histBytes = (digits * BUCKETS) << 2;
  const hist = mem_alloc(histBytes << 1);
  memory.fill(hist, 0, histBytes << 1);
  countDigits<T, K>(values, n, flip, hist, hist + histBytes);
  if (isFloat<T>() && sawAmbiguousDouble) {
    mem_free(hist, histBytes << 1);
    return 0;
  }
  // The digits that vary: a constant digit has all n keys in one bucket.
  const firstKey = keyAt<T, K>(values, flip);
  let active: usize = 0;
  let lastActive: usize = 0;
  for (let d: usize = 0; d < digits; d++) {
    const b = <usize>((<u64>firstKey >> (<u64>d * <u64>DIGIT_BITS)) & DIGIT_MASK);
    if (<usize>load<u32>(hist + (((d << <usize>DIGIT_BITS) + b) << 2)) != n) {
      active |= <usize>1 << d;
      lastActive = d;
    }
  }
  if (active != 0) {
    const bytes = n << alignof<K>();
    const tmp = mem_alloc(bytes);
    let src = values, dst = tmp;
    let first = true;
    for (let d: usize = 0; d < digits; d++) {
      if ((active & (<usize>1 << d)) == 0) continue;
      const h = hist + ((d << <usize>DIGIT_BITS) << 2);
      let sum: u32 = 0;
      for (let b: usize = 0; b < BUCKETS; b++) {
        const c = load<u32>(h + (b << 2));
        store<u32>(h + (b << 2), sum);
        sum += c;
      }
      scatterPass<T, K>(first, d == lastActive, src, dst, n, h, <u64>d * <u64>DIGIT_BITS, flip);
      first = false;
      const t = src; src = dst; dst = t;
    }
    if (src == values) mem_free(tmp, bytes);
    mem_free(hist, histBytes << 1);
    return src;
  }
  mem_free(hist, histBytes << 1);
  return values;
}
