// Hashing shared by aggregation, joins and (later) key-group partitioning.
//
// One hash function for the whole engine, so that a key hashes the same in a hash table, in a
// join and in an exchange; key groups are taken from the high bits, slots from the low bits.

const M1: u64 = 0x9E3779B97F4A7C15;
const M2: u64 = 0xBF58476D1CE4E5B9;
const M3: u64 = 0x94D049BB133111EB;

/** Mixes a 64-bit value into a well-spread 64-bit hash (splitmix64 finalizer). */
// @ts-ignore: decorator
@inline export function hash_u64(x: u64): u64 {
  let z = x + M1;
  z = (z ^ (z >> 30)) * M2;
  z = (z ^ (z >> 27)) * M3;
  return z ^ (z >> 31);
}

/** Combines a running hash with the hash of the next key column. */
// @ts-ignore: decorator
@inline export function hash_combine(h: u64, next: u64): u64 {
  return hash_u64(h ^ (next + M1 + (h << 6) + (h >> 2)));
}

// Byte strings are hashed 16 bytes at a time: a block's two little-endian words (the last block
// zero-padded) are multiplied by two odd constants and folded into an accumulator seeded with the
// length, and the accumulator goes through hash_u64 once. A string of up to 16 bytes therefore
// costs two loads, two independent multiplies and one finalizer, with no branch on its length
// (the hot case of string GROUP BY and join keys); callers that already hold its two padded words
// (string_word) get the same hash from hash_short_string.
const K1: u64 = 0xA0761D6478BD642F;
const K2: u64 = 0xE7037ED1A0B428DB;
const K3: u64 = 0x8EBC6AF09C88C6E3;

/** Masks keeping the low n bytes of a word, n = 0..8. */
const BYTE_MASKS = memory.data<u64>([
  0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF,
]);

// @ts-ignore: decorator
@inline function mix_block(acc: u64, a: u64, b: u64): u64 {
  return rotl<u64>(acc * K3, 29) ^ (a * K1) ^ rotl<u64>(b * K2, 32);
}

/**
 * Word i (bytes 8i .. 8i+7) of the `len`-byte string at `ptr`, zero beyond its end, read with one
 * unaligned load: the caller guarantees that `ptr + 8i + 8` lies inside linear memory (bytes past
 * the string are read, then masked off).
 */
// @ts-ignore: decorator
@inline export function string_word(ptr: usize, len: usize, i: usize): u64 {
  const off = i << 3;
  const n = len > off ? (len - off < 8 ? len - off : 8) : 0;
  return load<u64>(ptr + off) & load<u64>(BYTE_MASKS + (n << 3));
}

/** Word i of a string like string_word, byte by byte: never reads past the string. */
export function string_word_safe(ptr: usize, len: usize, i: usize): u64 {
  const off = i << 3;
  let w: u64 = 0;
  for (let j: usize = 0; j < 8 && off + j < len; j++) w |= (<u64>load<u8>(ptr + off + j)) << (<u64>j << 3);
  return w;
}

/** Whether `bytes` bytes from `ptr` lie inside linear memory (so string_word may read them). */
// @ts-ignore: decorator
@inline export function readable(ptr: usize, bytes: usize): bool {
  return <u64>ptr + <u64>bytes <= (<u64>memory.size() << 16);
}

/** hash_bytes of a string of at most 16 bytes whose words 0 and 1 (string_word) are a and b. */
// @ts-ignore: decorator
@inline export function hash_short_string(a: u64, b: u64, len: usize): u64 {
  return hash_u64(mix_block(<u64>len * M1, a, b));
}

/**
 * hash_bytes of a string of at most 32 bytes whose words 0..3 (string_word) are a, b, c, e,
 * without a branch on its length.
 */
// @ts-ignore: decorator
@inline export function hash_string32(a: u64, b: u64, c: u64, e: u64, len: usize): u64 {
  const one = mix_block(<u64>len * M1, a, b);
  const two = mix_block(one, c, e);
  return hash_u64(len > 16 ? two : one);
}

/** Hash of a byte string (16-byte blocks, see above); equal bytes hash equal wherever they live. */
export function hash_bytes(ptr: usize, len: usize): u64 {
  let acc: u64 = <u64>len * M1;
  let i: usize = 0;
  while (len - i > 16) {
    acc = mix_block(acc, load<u64>(ptr + i), load<u64>(ptr + i, 8));
    i += 16;
  }
  const rest = len - i;
  if (readable(ptr + i, 16)) {
    acc = mix_block(acc, string_word(ptr + i, rest, 0), string_word(ptr + i, rest, 1));
  } else {
    acc = mix_block(acc, string_word_safe(ptr + i, rest, 0), string_word_safe(ptr + i, rest, 1));
  }
  return hash_u64(acc);
}

/** The hash of a NULL key (nulls group together, as SQL GROUP BY requires). */
export const HASH_NULL: u64 = 0x2545F4914F6CDD1D;

/** Key group of a hash, as Flink assigns keys to key groups (maxParallelism groups, default 128). */
// @ts-ignore: decorator
@inline export function key_group_of(hash: u64, maxParallelism: u32): u32 {
  return <u32>(((hash >> 32) * <u64>maxParallelism) >> 32);
}
