// The hash table of the join: cache-line buckets over the distinct keys.
//
// A bucket is 64 bytes, one cache line, so a lookup touches one line and compares all of its keys
// at once with SIMD:
//   I32 key   8 lanes: i32 keys at 0..32, u32 heads at 32..64
//   U64 key   4 lanes: u64 keys at 0..32 (an I64 key, or the 64-bit hash of any other key),
//             u32 heads at 32..48, 16 bytes unused
// A head is build row + 1 (0: empty lane). A key lives in its home bucket (hash & mask) or, when
// that bucket is full, in the next one with room (linear probing over buckets). Lanes fill in
// order and are never removed.

export const BUCKET: usize = 64;
/** Returned by the one-bucket lookups: not in this bucket, which is full, so look further. */
export const SLOW: u32 = 0xFFFFFFFF;

/** Buckets (a power of two) for `n` distinct keys at most, with lanes of `lanes`, about 80% full at most. */
export function bucket_count(n: usize, lanes: usize): usize {
  let b: usize = 2;
  while (b * lanes * 4 < n * 5) b <<= 1;
  return b;
}

/** Head of `key` in the I32 bucket at `bucket`: the head, 0 when absent, SLOW when it may be further. */
// @ts-ignore: decorator
@inline export function bucket_find_i32(bucket: usize, key: i32): u32 {
  // Keys are distinct within the table and empty lanes have head 0, so masking the heads with the
  // key equality and OR-ing the lanes yields the head: no branch, no dependent load.
  const k = i32x4.splat(key);
  const h = v128.or(
    v128.and(v128.load(bucket, 32), i32x4.eq(v128.load(bucket), k)),
    v128.and(v128.load(bucket, 48), i32x4.eq(v128.load(bucket, 16), k)));
  const h2 = v128.or(h, i8x16.shuffle(h, h, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
  const head = i32x4.extract_lane(h2, 0) | i32x4.extract_lane(h2, 1);
  // Lanes fill in order: the bucket is full when its last lane is taken.
  return select<u32>(SLOW, <u32>head, head == 0 && load<u32>(bucket, 60) != 0);
}

/** Head of `key` in the U64 bucket at `bucket`: the head, 0 when absent, SLOW when it may be further. */
// @ts-ignore: decorator
@inline export function bucket_find_u64(bucket: usize, key: u64): u32 {
  const k = i64x2.splat(key);
  const heads = v128.load(bucket, 32);
  const h = v128.or(
    v128.and(i64x2.extend_low_i32x4_u(heads), i64x2.eq(v128.load(bucket), k)),
    v128.and(i64x2.extend_high_i32x4_u(heads), i64x2.eq(v128.load(bucket, 16), k)));
  const head = <u32>(i64x2.extract_lane(h, 0) | i64x2.extract_lane(h, 1));
  return select<u32>(SLOW, head, head == 0 && load<u32>(bucket, 44) != 0);
}

/** Head of an I32 key in the whole table (0 when absent), starting at its home bucket. */
export function table_find_i32(heads: usize, mask: usize, key: i32, h: u64): u32 {
  let b = <usize>h & mask;
  while (true) {
    const r = bucket_find_i32(heads + b * BUCKET, key);
    if (r != SLOW) return r;
    b = (b + 1) & mask;
  }
}

/** Head of a U64 key in the whole table (0 when absent), starting at its home bucket. */
export function table_find_u64(heads: usize, mask: usize, key: u64, h: u64): u32 {
  let b = <usize>h & mask;
  while (true) {
    const r = bucket_find_u64(heads + b * BUCKET, key);
    if (r != SLOW) return r;
    b = (b + 1) & mask;
  }
}

/**
 * Prepends build row `row` to the chain of `key` (I32 lanes when `lanes` is 8, else U64), adding
 * the key when it is new. Returns the previous head (0 when the key is new) for links[row].
 */
// @ts-ignore: decorator
@inline export function table_insert(heads: usize, mask: usize, lanes: usize, key: u64, h: u64, row: usize): u32 {
  let b = <usize>h & mask;
  const keyBytes: usize = lanes == 8 ? 4 : 8;
  while (true) {
    const bucket = heads + b * BUCKET;
    for (let l: usize = 0; l < lanes; l++) {
      const hp = bucket + 32 + (l << 2);
      const head = load<u32>(hp);
      const same = keyBytes == 4 ? load<u32>(bucket + (l << 2)) == <u32>key : load<u64>(bucket + (l << 3)) == key;
      if (head == 0) {
        if (keyBytes == 4) store<u32>(bucket + (l << 2), <u32>key);
        else store<u64>(bucket + (l << 3), key);
        store<u32>(hp, <u32>(row + 1));
        return 0;
      }
      if (same) {
        store<u32>(hp, <u32>(row + 1));
        return head;
      }
    }
    b = (b + 1) & mask;
  }
}
