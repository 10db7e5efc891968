// Grouping by one dictionary-encoded key: before a batch is folded, each dictionary code the
// batch uses is resolved to its group once (hash and probe of the string, creating the group if
// new), and then to its state row; every row then finds its state row through its code, like
// the dense layout does through its key. Groups are still keyed by the string (copied into the
// table), so batches with different dictionaries meet in the same groups and results come out
// as UTF8. When batches share one dictionary (same offsets and bytes, compared, never trusted by
// address), the code -> group map is kept across batches, so its strings are hashed only once.
import { HASH_NULL, hash_bytes, key_group_of } from '../hash';
import { col_data, col_length, col_values } from '../layout';
import { arena_alloc, mem_alloc, mem_free } from '../memory';
import { bytes_equal } from './string-heap';
import { may_have_nulls, value_valid } from './key-encoder';
import { find_or_insert, null_group } from './key-group-tables';
import { D_STATES, H_DICT, H_DICT_BYTES, H_DICT_GROUPS, H_P, H_STATEW, dirEntry } from './table-layout';

const UNKNOWN: u64 = 0xFFFFFFFFFFFFFFFF;

/**
 * Resolves the codes used by rows sel[0..n) (sel 0: rows 0..n-1) of DICT column `desc` and
 * returns a table of state-row addresses per code, the NULL group's at index `dictionary size`.
 * Valid until the next insertion into the table (the whole batch: every group it needs exists).
 */
export function dict_prepare(t: usize, desc: usize, sel: usize, n: usize): usize {
  const codes = col_values(desc);
  const dict = col_data(desc);
  const size = <usize>col_length(dict);
  const offsets = col_values(dict);
  const data = col_data(dict);
  const p = load<u32>(t + H_P);
  const hasNulls = may_have_nulls(desc);
  // Keep the map across batches when the dictionary is small next to the batch (comparing it
  // costs about as much as resolving its codes); otherwise resolve the codes this batch uses.
  const keep = size <= (n << 2) + 64;
  let groups: usize;
  if (keep) {
    if (!same_dictionary(t, dict)) remember_dictionary(t, dict);
    groups = <usize>load<u32>(t + H_DICT_GROUPS);
  } else {
    groups = arena_alloc((size << 3) + 8);              // (key group << 32 | local index) per code
    for (let i: usize = 0; i < size; i++) store<u64>(groups + (i << 3), UNKNOWN);
  }
  const used = arena_alloc((size << 2) + 4);             // the codes resolved, in order
  const probe = arena_alloc(8);
  let nUsed: usize = 0;
  let nullGroup: u64 = UNKNOWN;
  for (let k: usize = 0; k < n; k++) {
    const row = sel == 0 ? k : <usize>load<u32>(sel + (k << 2));
    if (hasNulls && !value_valid(desc, row)) {
      if (nullGroup == UNKNOWN) {
        const g = key_group_of(HASH_NULL, p);
        nullGroup = (<u64>g << 32) | <u64>null_group(t, dirEntry(t, g));
      }
      continue;
    }
    const code = <usize>load<i32>(codes + (row << 2));
    const c = groups + (code << 3);
    if (load<u64>(c) != UNKNOWN) continue;
    const start = load<i32>(offsets + (code << 2));
    const len = <usize>(load<i32>(offsets + (code << 2), 4) - start);
    const ptr = data + <usize>start;
    const h = hash_bytes(ptr, len);
    store<u32>(probe, <u32>len);
    store<u32>(probe, <u32>ptr, 4);
    store<u64>(c, (<u64>key_group_of(h, p) << 32) | <u64>find_or_insert(t, h, probe));
    store<u32>(used + (nUsed << 2), <u32>code);
    nUsed++;
  }
  // Every group of the batch exists now: turn groups into state-row addresses.
  const sw = load<u32>(t + H_STATEW);
  const table = arena_alloc((size << 2) + 4);
  if (keep) {
    for (let code: usize = 0; code < size; code++) {
      const g = load<u64>(groups + (code << 3));
      if (g != UNKNOWN) store<u32>(table + (code << 2), state_of(t, g, sw));
    }
  } else {
    for (let i: usize = 0; i < nUsed; i++) {
      const code = <usize>load<u32>(used + (i << 2));
      store<u32>(table + (code << 2), state_of(t, load<u64>(groups + (code << 3)), sw));
    }
  }
  store<u32>(table + (size << 2), nullGroup == UNKNOWN ? 0 : state_of(t, nullGroup, sw));
  return table;
}

/** Whether `dict` (a UTF8 descriptor) holds exactly the dictionary remembered by the table. */
function same_dictionary(t: usize, dict: usize): bool {
  const copy = <usize>load<u32>(t + H_DICT);
  if (copy == 0) return false;
  const size = <usize>col_length(dict);
  if (<usize>load<u32>(copy) != size) return false;
  const offsets = col_values(dict);
  if (!bytes_equal(copy + 8, (size + 1) << 2, offsets, (size + 1) << 2)) return false;
  const first = <usize>load<i32>(offsets);
  const len = <usize>(load<i32>(offsets + (size << 2)) - load<i32>(offsets));
  return bytes_equal(copy + 8 + ((size + 1) << 2), <usize>load<u32>(copy, 4), col_data(dict) + first, len);
}

/** Remembers `dict` (its offsets and bytes) with every code's group unknown. */
function remember_dictionary(t: usize, dict: usize): void {
  forget_dictionary(t);
  const size = <usize>col_length(dict);
  const offsets = col_values(dict);
  const first = <usize>load<i32>(offsets);
  const len = <usize>(load<i32>(offsets + (size << 2)) - load<i32>(offsets));
  const bytes: usize = <usize>8 + ((size + 1) << 2) + len;
  const copy = mem_alloc(bytes);
  store<u32>(copy, <u32>size);
  store<u32>(copy, <u32>len, 4);
  memory.copy(copy + 8, offsets, (size + 1) << 2);
  memory.copy(copy + 8 + ((size + 1) << 2), col_data(dict) + first, len);
  const groups = mem_alloc((size << 3) + 8);
  for (let i: usize = 0; i < size; i++) store<u64>(groups + (i << 3), UNKNOWN);
  store<u32>(t + H_DICT, <u32>copy);
  store<u32>(t + H_DICT_BYTES, <u32>bytes);
  store<u32>(t + H_DICT_GROUPS, <u32>groups);
}

/** Frees the remembered dictionary (table_free, or a new dictionary). */
export function forget_dictionary(t: usize): void {
  const copy = <usize>load<u32>(t + H_DICT);
  if (copy == 0) return;
  mem_free(<usize>load<u32>(t + H_DICT_GROUPS), (<usize>load<u32>(copy) << 3) + 8);
  mem_free(copy, <usize>load<u32>(t + H_DICT_BYTES));
  store<u32>(t + H_DICT, 0);
  store<u32>(t + H_DICT_GROUPS, 0);
}

// @ts-ignore: decorator
@inline function state_of(t: usize, group: u64, sw: u32): u32 {
  return load<u32>(dirEntry(t, <u32>(group >> 32)) + D_STATES) + <u32>group * sw;
}

/** State-row addresses of the chunk's rows (rows 0: rows start .. start+n-1) through the code table. */
export function dict_pointers(desc: usize, table: usize, rows: usize, start: usize, n: usize, out: usize): void {
  const codes = col_values(desc);
  const nullAt = table + (<usize>col_length(col_data(desc)) << 2);
  if (!may_have_nulls(desc)) {
    for (let k: usize = 0; k < n; k++) {
      const row = rows == 0 ? start + k : <usize>load<u32>(rows + (k << 2));
      store<u32>(out + (k << 2), load<u32>(table + (<usize>load<i32>(codes + (row << 2)) << 2)));
    }
    return;
  }
  for (let k: usize = 0; k < n; k++) {
    const row = rows == 0 ? start + k : <usize>load<u32>(rows + (k << 2));
    const at = value_valid(desc, row) ? table + (<usize>load<i32>(codes + (row << 2)) << 2) : nullAt;
    store<u32>(out + (k << 2), load<u32>(at));
  }
}
