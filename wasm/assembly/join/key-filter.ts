// The key pre-filter of a hash join table: a compact summary of the build keys that a probe
// checks before the buckets, so that probe rows which certainly have no match skip the bucket
// lookup and its cache miss (most of lineitem's rows probing a filtered orders table). It is
// one-sided: a key it rejects is not in the table, a key it passes still goes through the table,
// so it never changes what any join type emits.
//
//   FILTER_BITMAP  single integer key: one bit per value of the build keys' min..max (exact),
//                  when that range costs at most 64 bits per build row or 1 MiB.
//   FILTER_BLOOM   any other key: a register-blocked Bloom filter over the key's 64-bit hash (the
//                  table's own hash): one u64 word per key with 4 of its bits set, 16 bits per
//                  build row (false positives ~0.2-0.4%); a probe reads one word.
// A single integer key is checked against the build keys' min..max before either. Dense tables
// (direct arrays) get no filter: their lookup is already one load.
//
// A filter only pays when it rejects rows: checking rows that all go on to the table costs
// (measured with bench/join-probe.ts: +10-60% when every probe row has a match, break-even near
// half the rows passing a Bloom filter and 5/8 passing a bitmap). So a filter that passes most of
// a vector rests, then checks one vector again: 7 vectors, then 15, 31 ... up to 255 while it
// keeps passing most rows (0-4% slower than no filter when all rows match), back to checking
// every vector once it thins one out (filter_turn, filter_outcome).
// The words are one block of the table, charged to the memory budget and freed with it.

import { mem_alloc_zeroed, mem_free } from '../memory';
import { H_FILTER, H_FILTER_BACKOFF, H_FILTER_KIND, H_FILTER_MASK, H_FILTER_REST, H_FILTER_SIZE, H_KEY_MIN, H_KEY_SPAN, hdr, set_hdr } from './header';

export const FILTER_NONE: u32 = 0;
export const FILTER_BITMAP: u32 = 1;
export const FILTER_BLOOM: u32 = 2;

/** A bitmap may take this many bits per build row ... */
const BITMAP_BITS_PER_ROW: u64 = 64;
/** ... or this many bits in all, whichever is more ... */
const BITMAP_FLOOR_BITS: u64 = 1 << 23;
/** ... but never more than this. */
const BITMAP_MAX_BITS: u64 = 1 << 30;
/** Bloom filter bits per build row (before rounding the words up to a power of two). */
const BLOOM_BITS_PER_ROW: u64 = 16;
/** A bitmap that passes more than this many 16ths of a vector, or a Bloom filter ... */
const BITMAP_PASS_MAX_16THS: usize = 10;
/** ... more than this many ... */
const BLOOM_PASS_MAX_16THS: usize = 8;
/** ... of a vector of at least this many positions sits out this many vectors ... */
const REST_MIN_VECTOR: usize = 256;
/** ... and then, each time it passes most of the vector it checks again, twice as many plus one ... */
const REST_FIRST: u32 = 7;
/** ... up to this many. */
const REST_MAX: u32 = 255;

/**
 * Chooses and allocates (zeroed) the filter of a hash table: `validKeys` is the number of build
 * rows with a key (for a generic key: all rows); `intKey` whether the key is one integer column
 * whose range H_KEY_MIN/H_KEY_SPAN hold. Distinct keys are then added with filter_add. A table
 * without keys gets no filter: its lookups are cheap and find nothing.
 */
export function plan_key_filter(t: usize, intKey: bool, validKeys: usize): void {
  let kind = FILTER_NONE;
  if (validKeys > 0) {
    const bits = intKey ? load<u64>(t + H_KEY_SPAN) + 1 : 0; // 0 also when the range is all of u64
    const perRow = <u64>validKeys * BITMAP_BITS_PER_ROW;
    const affordable = perRow > BITMAP_FLOOR_BITS ? perRow : BITMAP_FLOOR_BITS;
    if (bits != 0 && bits <= affordable && bits <= BITMAP_MAX_BITS) {
      kind = FILTER_BITMAP;
      const bytes = <usize>((bits + 63) >> 6) << 3;
      set_hdr(t, H_FILTER, mem_alloc_zeroed(bytes));
      set_hdr(t, H_FILTER_SIZE, bytes);
    } else {
      kind = FILTER_BLOOM;
      let words: u64 = 1;
      while (words * 64 < <u64>validKeys * BLOOM_BITS_PER_ROW) words <<= 1;
      const bytes = <usize>(words << 3);
      set_hdr(t, H_FILTER, mem_alloc_zeroed(bytes));
      set_hdr(t, H_FILTER_SIZE, bytes);
      set_hdr(t, H_FILTER_MASK, <usize>words - 1);
    }
  }
  set_hdr(t, H_FILTER_KIND, kind);
}

/** The Bloom word of hash `h` (its high half picks the word, so it is independent of its bits). */
// @ts-ignore: decorator
@inline function bloom_word(words: usize, mask: usize, h: u64): usize {
  return words + ((<usize>(h >> 32) & mask) << 3);
}

/** The 4 bits of hash `h` in its Bloom word (from its low 24 bits; two may coincide). */
// @ts-ignore: decorator
@inline function bloom_bits(h: u64): u64 {
  return (<u64>1 << (h & 63)) | (<u64>1 << ((h >> 6) & 63)) | (<u64>1 << ((h >> 12) & 63)) | (<u64>1 << ((h >> 18) & 63));
}

/** Whether the Bloom filter at `words` (word index mask `mask`) may hold a key of hash `h`. */
// @ts-ignore: decorator
@inline export function bloom_has(words: usize, mask: usize, h: u64): bool {
  const bits = bloom_bits(h);
  return (load<u64>(bloom_word(words, mask, h)) & bits) == bits;
}

/** Whether bit `off` of the bitmap at `words` is set. */
// @ts-ignore: decorator
@inline export function bitmap_has(words: usize, off: u64): bool {
  return ((load<u32>(words + (<usize>(off >> 5) << 2)) >> <u32>(off & 31)) & 1) != 0;
}

/**
 * Adds a build key to the filter: `key` is the integer key (single integer key) and `h` the
 * table's hash of the key. Call once per distinct key at least.
 */
// @ts-ignore: decorator
@inline export function filter_add(t: usize, kind: u32, key: i64, h: u64): void {
  if (kind == FILTER_BITMAP) {
    const off = <usize>(key - load<i64>(t + H_KEY_MIN));
    const p = hdr(t, H_FILTER) + ((off >> 5) << 2);
    store<u32>(p, load<u32>(p) | (<u32>1 << <u32>(off & 31)));
  } else if (kind == FILTER_BLOOM) {
    const p = bloom_word(hdr(t, H_FILTER), hdr(t, H_FILTER_MASK), h);
    store<u64>(p, load<u64>(p) | bloom_bits(h));
  }
}

/**
 * Whether the bitmap or Bloom filter of `t` checks the next probe vector. A filter that passed
 * most of a vector rests for a while (filter_outcome): checking rows that go on to the table
 * anyway only costs, as when every probe row has a match.
 */
// @ts-ignore: decorator
@inline export function filter_turn(t: usize): bool {
  const rest = load<u32>(t + H_FILTER_REST);
  if (rest == 0) return true;
  store<u32>(t + H_FILTER_REST, rest - 1);
  return false;
}

/** Records that `passed` of `count` positions of a vector passed the filter (of `kind`) of `t`. */
// @ts-ignore: decorator
@inline export function filter_outcome(t: usize, kind: u32, passed: usize, count: usize): void {
  if (count < REST_MIN_VECTOR) return;
  const max = kind == FILTER_BITMAP ? BITMAP_PASS_MAX_16THS : BLOOM_PASS_MAX_16THS;
  if (passed * 16 <= count * max) {
    store<u32>(t + H_FILTER_BACKOFF, 0);
    return;
  }
  const last = load<u32>(t + H_FILTER_BACKOFF);
  const rest = last == 0 ? REST_FIRST : last >= REST_MAX ? REST_MAX : last * 2 + 1;
  store<u32>(t + H_FILTER_BACKOFF, rest);
  store<u32>(t + H_FILTER_REST, rest);
}

/** Frees the filter's words (join_free calls it). */
export function free_key_filter(t: usize): void {
  mem_free(hdr(t, H_FILTER), hdr(t, H_FILTER_SIZE));
  set_hdr(t, H_FILTER, 0);
}

/** FILTER_* of table `t` (for tests and EXPLAIN-like introspection). */
export function join_filter_kind(t: usize): u32 {
  return load<u32>(t + H_FILTER_KIND);
}
