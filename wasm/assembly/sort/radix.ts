// Radix sort of positions 0..n-1 by u64 keys, stable, so equal keys keep their input order.
//
// Only bits that vary cost work: one AND/OR pass over the keys finds them, and digits cover the
// varying span only (an INT left-aligned in its word, a narrow range, doubles with few mantissa
// bits take fewer passes). When the varying span and the position fit in 64 bits together (every
// 32-bit key, most real-world ranges), key and position are packed into one u64 and only that
// array moves: half the bytes, one write stream, and position order breaks ties for free.
//
// A range too large for the cache first takes one MSD pass that splits it into up to 512
// buckets of about equal size: a 64K-entry histogram of its top 16 varying bits is cut into
// runs of consecutive prefixes holding about n/256 keys each, so skewed keys (the exponents of
// doubles) split as evenly as uniform ones. Each bucket is sorted the same way (its own varying
// bits exclude the split prefix), so the LSD passes scatter in cache. Generic over T: u32 moves
// a position array beside the keys, u8 means keys only (packed).

import { mem_alloc, mem_free } from '../memory';

const DIGIT_BITS: u64 = 8;
const BUCKETS: usize = 1 << <usize>DIGIT_BITS;
const MAX_LEVELS: usize = 8;

/** Two histograms: the LSD pass scattering by one digit counts the next digit into the other. */
const histA = memory.data(<i32>(BUCKETS << 2), 64);
const histB = memory.data(<i32>(BUCKETS << 2), 64);
/** MSD split: prefix bits counted, target number of buckets, most buckets a split can make. */
const SPLIT_BITS: u64 = 16;
const SPLIT_PREFIXES: usize = 1 << <usize>SPLIT_BITS;
const SPLIT_TARGET: usize = 256;
const MAX_SPLITS: usize = 2 * SPLIT_TARGET + 1;
/** Bucket bounds of each MSD level (MAX_SPLITS + 1 u32 per level). */
const bounds = memory.data(<i32>(MAX_LEVELS * (MAX_SPLITS + 1) * 4), 64);
/** Bucket write offsets of the MSD scatter in progress. */
const splitOffsets = memory.data(<i32>(MAX_SPLITS * 4), 64);
/** Scratch of the MSD split (mem_alloc'd per sort): u32 count per prefix, then u16 bucket per prefix. */
let prefixCounts: usize = 0;
let prefixBucket: usize = 0;

/** Above this many pairs a range is split by an MSD pass before LSD (about 1.5 MiB of pairs). */
const MSD_MIN: usize = 1 << 17;
/** Ranges this small are insertion-sorted. */
const SMALL: usize = 32;

/** Counts digit (k >> shift) & mask of keys[0..n) into `h`. */
function count(h: usize, keys: usize, n: usize, shift: u64, mask: u64): void {
  memory.fill(h, 0, (<usize>mask + 1) << 2);
  for (let i: usize = 0; i < n; i++) {
    const slot = h + ((<usize>((load<u64>(keys + (i << 3)) >> shift) & mask)) << 2);
    store<u32>(slot, load<u32>(slot) + 1);
  }
}

/** Turns the counts of `h` into start offsets. */
function prefixSums(h: usize, buckets: usize): void {
  let sum: u32 = 0;
  for (let b: usize = 0; b < buckets; b++) {
    const c = load<u32>(h + (b << 2));
    store<u32>(h + (b << 2), sum);
    sum += c;
  }
}

/**
 * Moves entries from (sk, sp) to (dk, dp) ordered by digit (k >> shift) & mask (offsets in h),
 * stably; when `nh` is not 0 also counts the next digit (k >> nshift) & nmask into it (zeroed).
 */
function scatter<T>(h: usize, sk: usize, sp: usize, dk: usize, dp: usize, n: usize, shift: u64, mask: u64,
  nh: usize, nshift: u64, nmask: u64): void {
  if (nh != 0) {
    for (let i: usize = 0; i < n; i++) {
      const k = load<u64>(sk + (i << 3));
      const slot = h + ((<usize>((k >> shift) & mask)) << 2);
      const j = <usize>load<u32>(slot);
      store<u32>(slot, <u32>j + 1);
      store<u64>(dk + (j << 3), k);
      if (sizeof<T>() == 4) store<u32>(dp + (j << 2), load<u32>(sp + (i << 2)));
      const nslot = nh + ((<usize>((k >> nshift) & nmask)) << 2);
      store<u32>(nslot, load<u32>(nslot) + 1);
    }
  } else {
    for (let i: usize = 0; i < n; i++) {
      const k = load<u64>(sk + (i << 3));
      const slot = h + ((<usize>((k >> shift) & mask)) << 2);
      const j = <usize>load<u32>(slot);
      store<u32>(slot, <u32>j + 1);
      store<u64>(dk + (j << 3), k);
      if (sizeof<T>() == 4) store<u32>(dp + (j << 2), load<u32>(sp + (i << 2)));
    }
  }
}

/** Stable insertion sort of n entries by key. */
function insertionSort<T>(keys: usize, pos: usize, n: usize): void {
  for (let i: usize = 1; i < n; i++) {
    const k = load<u64>(keys + (i << 3));
    const p: u32 = sizeof<T>() == 4 ? load<u32>(pos + (i << 2)) : 0;
    let j = i;
    while (j > 0) {
      const kj = load<u64>(keys + ((j - 1) << 3));
      if (kj <= k) break;
      store<u64>(keys + (j << 3), kj);
      if (sizeof<T>() == 4) store<u32>(pos + (j << 2), load<u32>(pos + ((j - 1) << 2)));
      j--;
    }
    store<u64>(keys + (j << 3), k);
    if (sizeof<T>() == 4) store<u32>(pos + (j << 2), p);
  }
}

/** Bits that are not the same in all keys[0..n), restricted to `within`. */
function varyingBits(keys: usize, n: usize, within: u64): u64 {
  let all: u64 = <u64>-1;
  let any: u64 = 0;
  for (let i: usize = 0; i < n; i++) {
    const k = load<u64>(keys + (i << 3));
    all &= k;
    any |= k;
  }
  commonBits = all;
  return (all ^ any) & within;
}

/** The AND of the keys of the last varyingBits call: the value of every bit that does not vary. */
let commonBits: u64 = 0;

/** Bits needed for a position below n. */
// @ts-ignore: decorator
@inline function positionBits(n: usize): u64 {
  return n <= 1 ? 0 : <u64>(32 - clz<u32>(<u32>(n - 1)));
}

/** Mask of a digit at `shift` of `bits` bits, cut at bit `high`. */
// @ts-ignore: decorator
@inline function digitMask(shift: u64, high: u64, bits: u64): u64 {
  const width = high - shift + 1 < bits ? high - shift + 1 : bits;
  return (<u64>1 << width) - 1;
}

/**
 * Sorts n entries in place in (keys, pos), with (tk, tp) as scratch, by the key bits in
 * `within`; `level` is the MSD depth.
 */
function sortRange<T>(keys: usize, pos: usize, tk: usize, tp: usize, n: usize, within: u64, level: usize): void {
  if (n <= SMALL) { insertionSort<T>(keys, pos, n); return; }
  const varying = varyingBits(keys, n, within);
  if (varying == 0) return;
  const high = <u64>(63 - clz<u64>(varying));
  const low = ctz<u64>(varying);
  if (sizeof<T>() == 4 && n < MSD_MIN && high - low + 1 + positionBits(n) <= 64) {
    // This (cache-sized) range packs: sort (varying bits, local index) alone, then reorder the
    // positions by the index and restore the keys from the varying and the common bits.
    const posBits = positionBits(n);
    const common = commonBits & ~((((<u64>-1) >> (<u64>63 - (high - low))) << low));
    for (let i: usize = 0; i < n; i++) {
      const k = load<u64>(keys + (i << 3));
      store<u64>(keys + (i << 3), ((k >> low) << posBits) | <u64>i);
    }
    const keyMask = ((<u64>-1) >> (<u64>63 - (high - low))) << posBits;
    sortRange<u8>(keys, 0, tk, 0, n, keyMask, level);
    const posMask: u64 = (<u64>1 << posBits) - 1;
    for (let i: usize = 0; i < n; i++) {
      const packed = load<u64>(keys + (i << 3));
      store<u32>(tp + (i << 2), load<u32>(pos + (<usize>(packed & posMask) << 2)));
      store<u64>(keys + (i << 3), ((packed >> posBits) << low) | common);
    }
    memory.copy(pos, tp, n << 2);
    return;
  }
  if (n < MSD_MIN || level >= MAX_LEVELS) {
    // LSD over digits of equal width spanning the lowest to the highest varying bit.
    const span = high - low + 1;
    const passes = (span + DIGIT_BITS - 1) / DIGIT_BITS;
    const bits = (span + passes - 1) / passes;
    let sk = keys, sp = pos, dk = tk, dp = tp;
    let h = histA, nh = histB;
    let shift = low;
    let mask = digitMask(shift, high, bits);
    count(h, sk, n, shift, mask);
    while (true) {
      prefixSums(h, <usize>mask + 1);
      const nshift = shift + bits;
      if (nshift > high) {
        scatter<T>(h, sk, sp, dk, dp, n, shift, mask, 0, 0, 0);
      } else {
        const nmask = digitMask(nshift, high, bits);
        memory.fill(nh, 0, (<usize>nmask + 1) << 2);
        scatter<T>(h, sk, sp, dk, dp, n, shift, mask, nh, nshift, nmask);
      }
      const t1 = sk; sk = dk; dk = t1;
      const t2 = sp; sp = dp; dp = t2;
      if (nshift > high) break;
      const t3 = h; h = nh; nh = t3;
      shift = nshift;
      mask = digitMask(shift, high, bits);
    }
    if (sk != keys) {
      memory.copy(keys, tk, n << 3);
      if (sizeof<T>() == 4) memory.copy(pos, tp, n << 2);
    }
    return;
  }
  // MSD split on the top varying bits into buckets of about n/256 keys, in the scratch; each
  // bucket is then sorted there and copied back.
  const shift: u64 = high - low + 1 > SPLIT_BITS ? high - (SPLIT_BITS - 1) : low;
  const mask = digitMask(shift, high, SPLIT_BITS);
  const prefixes = <usize>mask + 1;
  count(prefixCounts, keys, n, shift, mask);
  const b0 = bounds + level * ((MAX_SPLITS + 1) << 2);
  const target = (n + SPLIT_TARGET - 1) / SPLIT_TARGET;
  let buckets: usize = 0;
  let acc: usize = 0;
  store<u32>(b0, 0);
  for (let f: usize = 0; f < prefixes; f++) {
    store<u16>(prefixBucket + (f << 1), <u16>buckets);
    acc += <usize>load<u32>(prefixCounts + (f << 2));
    if (acc >= target * (buckets + 1)) {
      buckets++;
      store<u32>(b0 + (buckets << 2), <u32>acc);
    }
  }
  if (<usize>load<u32>(b0 + (buckets << 2)) < n) {
    buckets++;
    store<u32>(b0 + (buckets << 2), <u32>n);
  }
  memory.copy(splitOffsets, b0, buckets << 2);
  for (let i: usize = 0; i < n; i++) {
    const k = load<u64>(keys + (i << 3));
    const slot = splitOffsets + (<usize>load<u16>(prefixBucket + (<usize>((k >> shift) & mask) << 1)) << 2);
    const j = <usize>load<u32>(slot);
    store<u32>(slot, <u32>j + 1);
    store<u64>(tk + (j << 3), k);
    if (sizeof<T>() == 4) store<u32>(tp + (j << 2), load<u32>(pos + (i << 2)));
  }
  for (let b: usize = 0; b < buckets; b++) {
    const start = <usize>load<u32>(b0 + (b << 2));
    const c = <usize>load<u32>(b0 + ((b + 1) << 2)) - start;
    if (c == 0) continue;
    const ak = tk + (start << 3), ap = tp + (start << 2);
    const bk = keys + (start << 3), bp = pos + (start << 2);
    sortRange<T>(ak, ap, bk, bp, c, within, level + 1);
    memory.copy(bk, ak, c << 3);
    if (sizeof<T>() == 4) memory.copy(bp, ap, c << 2);
  }
}

/**
 * Writes to `pos` the positions 0..n-1 ordered stably by keys[0..n); keysTmp (n u64) is scratch. Leaves in keys[i] a value whose bits above the returned shift equal those
 * of keys[i + 1] exactly when the two sorted keys are equal (to find runs of ties).
 */
export function radixSortU64(keys: usize, pos: usize, keysTmp: usize, n: usize): u32 {
  const splitBytes = SPLIT_PREFIXES * 6;
  const split = n >= MSD_MIN ? mem_alloc(splitBytes) : 0;
  prefixCounts = split;
  prefixBucket = split + (SPLIT_PREFIXES << 2);
  const shift = sortAll(keys, pos, keysTmp, n);
  if (split != 0) mem_free(split, splitBytes);
  return shift;
}

function sortAll(keys: usize, pos: usize, keysTmp: usize, n: usize): u32 {
  const varying = varyingBits(keys, n, <u64>-1);
  const posBits = positionBits(n);
  if (varying == 0) {
    for (let i: usize = 0; i < n; i++) store<u32>(pos + (i << 2), <u32>i);
    return 0;
  }
  const high = <u64>(63 - clz<u64>(varying));
  const low = ctz<u64>(varying);
  if (high - low + 1 + posBits <= 64) {
    // Packed: (varying key bits, position) in one u64; the position makes every entry distinct.
    for (let i: usize = 0; i < n; i++) {
      const k = load<u64>(keys + (i << 3));
      store<u64>(keys + (i << 3), ((k >> low) << posBits) | <u64>i);
    }
    const keyMask = ((<u64>-1) >> (<u64>64 - (high - low + 1))) << posBits;
    sortRange<u8>(keys, 0, keysTmp, 0, n, keyMask, 0);
    const posMask: u64 = (<u64>1 << posBits) - 1;
    for (let i: usize = 0; i < n; i++) store<u32>(pos + (i << 2), <u32>(load<u64>(keys + (i << 3)) & posMask));
    return <u32>posBits;
  }
  // Unpacked: positions move beside the keys.
  const posTmp = mem_alloc(n << 2);
  for (let i: usize = 0; i < n; i++) store<u32>(pos + (i << 2), <u32>i);
  sortRange<u32>(keys, pos, keysTmp, posTmp, n, <u64>-1, 0);
  mem_free(posTmp, n << 2);
  return 0;
}
