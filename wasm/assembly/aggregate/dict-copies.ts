// Copies of the dictionaries a table last grouped by, so that a later batch can tell whether it
// carries the same dictionary (same offsets and bytes: compared, never trusted by address, since
// a freed dictionary's memory may hold another one later). Same dictionaries mean the same codes
// name the same strings, so groups found for codes stay valid across batches (dict-keys.ts).
// A copy: [size u32][bytes u32][offsets (size + 1) x i32, rebased to 0][the strings' bytes].
import { col_data, col_length, col_values } from '../layout';
import { mem_alloc, mem_free } from '../memory';
import { bytes_equal } from './string-heap';

/**
 * Whether `copy` (0: none) holds exactly dictionary `dict` (a UTF8 descriptor). Its validity is
 * not compared: a row whose code points at a NULL entry gets the NULL code (dict-codes.ts), so
 * an entry's group only ever stands for the entry's string.
 */
export function same_dictionary(copy: usize, dict: usize): bool {
  if (copy == 0) return false;
  const size = <usize>col_length(dict);
  if (<usize>load<u32>(copy) != size) return false;
  const offsets = col_values(dict);
  const first = load<i32>(offsets);
  const len = <usize>(load<i32>(offsets + (size << 2)) - first);
  if (<usize>load<u32>(copy, 4) != len) return false;
  // Offsets compared relative to the first: a sliced dictionary equals its unsliced copy.
  const kept = copy + 8;
  for (let i: usize = 1; i <= size; i++) {
    if (load<i32>(kept + (i << 2)) != load<i32>(offsets + (i << 2)) - first) return false;
  }
  return bytes_equal(kept + ((size + 1) << 2), len, col_data(dict) + <usize>first, len);
}

/** Copies dictionary `dict` (its offsets and bytes); returns the copy. */
export function copy_dictionary(dict: usize): usize {
  const size = <usize>col_length(dict);
  const offsets = col_values(dict);
  const first = load<i32>(offsets);
  const len = <usize>(load<i32>(offsets + (size << 2)) - first);
  const copy = mem_alloc(copy_size(size, len));
  store<u32>(copy, <u32>size);
  store<u32>(copy, <u32>len, 4);
  const kept = copy + 8;
  for (let i: usize = 0; i <= size; i++) store<i32>(kept + (i << 2), load<i32>(offsets + (i << 2)) - first);
  memory.copy(kept + ((size + 1) << 2), col_data(dict) + <usize>first, len);
  return copy;
}

/** Frees a copy (0: nothing). */
export function free_dictionary_copy(copy: usize): void {
  if (copy != 0) mem_free(copy, copy_size(<usize>load<u32>(copy), <usize>load<u32>(copy, 4)));
}

// @ts-ignore: decorator
@inline function copy_size(size: usize, len: usize): usize {
  return 8 + ((size + 1) << 2) + len;
}
