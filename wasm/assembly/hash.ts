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

/** Hash of a byte string (wyhash-style 8-byte steps). */
export function hash_bytes(ptr: usize, len: usize): u64 {
  let h: u64 = <u64>len * M1;
  let i: usize = 0;
  while (i + 8 <= len) {
    h = hash_combine(h, load<u64>(ptr + i));
    i += 8;
  }
  if (i < len) {
    let tail: u64 = 0;
    let shift: u64 = 0;
    while (i < len) {
      tail |= (<u64>load<u8>(ptr + i)) << shift;
      shift += 8;
      i++;
    }
    h = hash_combine(h, tail);
  }
  return hash_u64(h);
}

/** The hash of a NULL key (nulls group together, as SQL GROUP BY requires). */
export const HASH_NULL: u64 = 0x2545F4914F6CDD1D;

/** Key group of a hash, as Flink assigns keys to key groups (maxParallelism groups, default 128). */
// @ts-ignore: decorator
@inline export function key_group_of(hash: u64, maxParallelism: u32): u32 {
  return <u32>(((hash >> 32) * <u64>maxParallelism) >> 32);
}
