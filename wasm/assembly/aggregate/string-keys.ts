// Grouping by one plain UTF8 key column, in one pass per chunk: each row's string is read as two
// zero-padded words (string_word), hashed from them when it has at most 16 bytes, and probed
// against the key group's 32-byte slots, which hold the same two words (table-layout.ts): the
// common case never leaves the slot and never runs a byte loop. Longer strings hash with
// hash_bytes and compare their remaining bytes with the kept copy.
import { HASH_NULL, hash_bytes, hash_string32, key_group_of, string_word, string_word_safe } from '../hash';
import { col_data, col_is_valid, col_validity, col_values } from '../layout';
import { NOT_FOUND, find_string, insert_group, null_group, state_pointers } from './key-group-tables';
import { D_STATES, H_GROUPS, H_P, H_STATEW, dirEntry } from './table-layout';

/**
 * Finds or creates the group of each of the n rows (rows[0..n), or start .. start+n-1 when rows
 * is 0) of UTF8 column `desc`: outKg/outIdx get (key group, local index), outPtrs its state row.
 * `probe` holds 8 bytes (a key row for insertion).
 */
export function locate_strings(t: usize, desc: usize, rows: usize, start: usize, n: usize,
  outKg: usize, outIdx: usize, outPtrs: usize, probe: usize): void {
  const p = load<u32>(t + H_P);
  const sw = load<u32>(t + H_STATEW);
  const offsets = col_values(desc);
  const data = col_data(desc);
  const hasNulls = col_validity(desc) != 0;
  const groupsBefore = load<u32>(t + H_GROUPS);
  // Words may be read 32 bytes past a string's start while that stays inside linear memory.
  const safeEnd = (<u64>memory.size() << 16) - 32;
  for (let k: usize = 0; k < n; k++) {
    const row = rows == 0 ? start + k : <usize>load<u32>(rows + (k << 2));
    let g: u32;
    let idx: u32;
    let d: usize;
    if (hasNulls && !col_is_valid(desc, row)) {
      g = key_group_of(HASH_NULL, p);
      d = dirEntry(t, g);
      idx = null_group(t, d);
    } else {
      const s = load<i32>(offsets + (row << 2));
      const len = <usize>(load<i32>(offsets + (row << 2), 4) - s);
      const ptr = data + <usize>s;
      let a: u64, b: u64, c: u64, e: u64;
      if (<u64>ptr <= safeEnd) {
        a = string_word(ptr, len, 0);
        b = string_word(ptr, len, 1);
        c = string_word(ptr, len, 2);
        e = string_word(ptr, len, 3);
      } else {
        a = string_word_safe(ptr, len, 0);
        b = string_word_safe(ptr, len, 1);
        c = string_word_safe(ptr, len, 2);
        e = string_word_safe(ptr, len, 3);
      }
      const h = len <= 32 ? hash_string32(a, b, c, e, len) : hash_bytes(ptr, len);
      g = key_group_of(h, p);
      d = dirEntry(t, g);
      idx = find_string(d, ptr, len, a, b, c, e, <u32>h);
      if (idx == NOT_FOUND) {
        store<u32>(probe, <u32>len);
        store<u32>(probe, <u32>ptr, 4);
        idx = insert_group(t, d, probe, <u32>h);
      }
    }
    store<u32>(outKg + (k << 2), g);
    store<u32>(outIdx + (k << 2), idx);
    store<u32>(outPtrs + (k << 2), load<u32>(d + D_STATES) + idx * sw);
  }
  // A new group may have moved its key group's state rows: address them again.
  if (load<u32>(t + H_GROUPS) != groupsBefore) state_pointers(t, outKg, outIdx, n, outPtrs);
}
