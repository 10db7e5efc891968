// Grouping by dictionary-encoded keys (every key column DICT): each row's codes combine into one
// small integer (dict-codes.ts), and a code map takes that code to the group's state row, the way
// the dense layout takes an integer key to its row. A code is resolved once, the first time a
// batch uses it: one of its rows goes through the ordinary keyed path (encode_keys, probe_rows:
// hashed as strings, inserted if new), so groups are keyed by their strings exactly as without
// the map: batches of plain UTF8 and batches with other dictionaries meet in the same groups,
// and emission, partial/final and per-key-group state are unchanged.
//
// The map (per table, H_CODE_MAP) keeps, per combined code, the group (key group, local index),
// an epoch stamp (the group is valid when the stamp equals the map's epoch) and the state-row
// address for the current batch. A new epoch forgets every code at once, without touching the
// arrays, so a batch costs time in its rows, not in the size of its dictionaries:
//   - small code space next to the batch (size <= 4 n + 64): the dictionaries are compared with
//     copies of the ones the map was filled for; if they are the same, the epoch stays and the
//     batch resolves only codes never seen before (the common case: nothing to hash at all);
//   - otherwise each batch starts a new epoch and resolves the codes it uses.
import { arena_alloc } from '../memory';
import { mem_alloc, mem_alloc_zeroed, mem_free } from '../memory';
import { COL_SIZE, col_data } from '../layout';
import { combined_codes } from './dict-codes';
import { copy_dictionary, free_dictionary_copy, same_dictionary } from './dict-copies';
import { encode_keys } from './key-encoder';
import { probe_rows } from './key-group-tables';
import { D_STATES, H_CODE_MAP, H_KEYW, H_NKEYS, H_STATEW, dirEntry } from './table-layout';

// The code map block.
const CM_CAP: usize = 0;      // codes the arrays hold
const CM_EPOCH: usize = 4;    // a code whose stamp equals it has its group in CM_GROUPS
const CM_KEPT: usize = 8;     // 1 when the copies are the dictionaries of the current epoch
const CM_GROUPS: usize = 12;  // u64 per code: key group << 32 | local index
const CM_STAMPS: usize = 16;  // u32 per code
const CM_ADDRS: usize = 20;   // u32 per code: its state row, for the codes of the current batch
const CM_COPIES: usize = 24;  // per key column: the copy of its dictionary (dict-copies.ts), or 0

/** Codes resolved through the keyed path per call of encode_keys/probe_rows. */
const RESOLVE_CHUNK: usize = 2048;

/**
 * Resolves the combined codes (`size` of them, dict-codes.ts) used by rows sel[0..n) (sel 0:
 * rows 0..n-1) of the key columns `descs` (all DICT), creating their groups if new, and returns
 * the rows' codes (n u32, arena) for dict_pointers. Valid until the next insertion into the table
 * (the whole batch: every group it needs exists now).
 */
export function dict_prepare(t: usize, descs: usize, sel: usize, n: usize, size: usize): usize {
  const nk = <usize>load<u32>(t + H_NKEYS);
  const map = code_map(t, nk, size);
  const keep = size <= (n << 2) + 64;
  if (keep) {
    if (load<u32>(map + CM_KEPT) == 0 || !same_dictionaries(map, descs, nk)) {
      remember_dictionaries(map, descs, nk);
      new_epoch(map);
    }
  } else {
    forget_dictionaries(map, nk);
    new_epoch(map);
  }
  const codes = arena_alloc(n << 2);
  combined_codes(descs, nk, sel, n, codes);
  // Codes this batch is the first to use: stamp them, note one row of each.
  const epoch = load<u32>(map + CM_EPOCH);
  const stamps = <usize>load<u32>(map + CM_STAMPS);
  const most = n < size ? n : size;
  const fresh = arena_alloc(most << 2);
  const freshRows = arena_alloc(most << 2);
  let nFresh: usize = 0;
  for (let k: usize = 0; k < n; k++) {
    const code = <usize>load<u32>(codes + (k << 2));
    if (load<u32>(stamps + (code << 2)) == epoch) continue;
    store<u32>(stamps + (code << 2), epoch);
    store<u32>(fresh + (nFresh << 2), <u32>code);
    store<u32>(freshRows + (nFresh << 2), sel == 0 ? <u32>k : load<u32>(sel + (k << 2)));
    nFresh++;
  }
  if (nFresh != 0) resolve(t, descs, fresh, freshRows, nFresh, <usize>load<u32>(map + CM_GROUPS));
  // Every group of the batch exists now: their state-row addresses.
  const groups = <usize>load<u32>(map + CM_GROUPS);
  const addrs = <usize>load<u32>(map + CM_ADDRS);
  const sw = load<u32>(t + H_STATEW);
  if (keep) {
    for (let code: usize = 0; code < size; code++) {
      if (load<u32>(stamps + (code << 2)) == epoch) store<u32>(addrs + (code << 2), state_of(t, load<u64>(groups + (code << 3)), sw));
    }
  } else {
    for (let i: usize = 0; i < nFresh; i++) {
      const code = <usize>load<u32>(fresh + (i << 2));
      store<u32>(addrs + (code << 2), state_of(t, load<u64>(groups + (code << 3)), sw));
    }
  }
  return codes;
}

/** State-row addresses of the rows at positions start .. start+n-1 of dict_prepare's `codes`. */
export function dict_pointers(t: usize, codes: usize, start: usize, n: usize, out: usize): void {
  const addrs = <usize>load<u32>(<usize>load<u32>(t + H_CODE_MAP) + CM_ADDRS);
  const from = codes + (start << 2);
  for (let k: usize = 0; k < n; k++) {
    store<u32>(out + (k << 2), load<u32>(addrs + (<usize>load<u32>(from + (k << 2)) << 2)));
  }
}

/** Frees the code map and its dictionary copies (table_free). */
export function free_code_map(t: usize): void {
  const map = <usize>load<u32>(t + H_CODE_MAP);
  if (map == 0) return;
  const nk = <usize>load<u32>(t + H_NKEYS);
  forget_dictionaries(map, nk);
  free_arrays(map);
  mem_free(map, CM_COPIES + (nk << 2));
  store<u32>(t + H_CODE_MAP, 0);
}

/** Finds or creates the groups of the codes fresh[0..n) through one row of each (rows[0..n)). */
function resolve(t: usize, descs: usize, fresh: usize, rows: usize, n: usize, groups: usize): void {
  const m = n < RESOLVE_CHUNK ? n : RESOLVE_CHUNK;
  const probe = arena_alloc(m * <usize>load<u32>(t + H_KEYW));
  const hashes = arena_alloc(m << 3);
  const nulls = arena_alloc(m);
  const kgs = arena_alloc(m << 2);
  const idxs = arena_alloc(m << 2);
  const scratch = arena_alloc(64);
  for (let start: usize = 0; start < n; start += m) {
    const len = n - start < m ? n - start : m;
    encode_keys(t, descs, rows + (start << 2), len, probe, hashes, nulls, scratch);
    probe_rows(t, probe, hashes, nulls, len, kgs, idxs);
    for (let i: usize = 0; i < len; i++) {
      const code = <usize>load<u32>(fresh + ((start + i) << 2));
      store<u64>(groups + (code << 3), (<u64>load<u32>(kgs + (i << 2)) << 32) | <u64>load<u32>(idxs + (i << 2)));
    }
  }
}

// @ts-ignore: decorator
@inline function state_of(t: usize, group: u64, sw: u32): u32 {
  return load<u32>(dirEntry(t, <u32>(group >> 32)) + D_STATES) + <u32>group * sw;
}

/** The table's code map with room for `size` codes (created, or grown with every code forgotten). */
function code_map(t: usize, nk: usize, size: usize): usize {
  let map = <usize>load<u32>(t + H_CODE_MAP);
  if (map == 0) {
    map = mem_alloc_zeroed(CM_COPIES + (nk << 2));
    store<u32>(t + H_CODE_MAP, <u32>map);
  }
  const old = <usize>load<u32>(map + CM_CAP);
  if (old >= size) return map;
  // Exactly what is needed at first (a 2^20-string dictionary takes 16 MB), doubling after.
  const need = (size + 63) & ~(<usize>63);
  const cap = old << 1 > need ? old << 1 : need;
  free_arrays(map);
  store<u32>(map + CM_GROUPS, <u32>mem_alloc(cap << 3));
  store<u32>(map + CM_STAMPS, <u32>mem_alloc_zeroed(cap << 2));
  store<u32>(map + CM_ADDRS, <u32>mem_alloc(cap << 2));
  store<u32>(map + CM_CAP, <u32>cap);
  store<u32>(map + CM_EPOCH, 0);
  forget_dictionaries(map, nk);
  return map;
}

function free_arrays(map: usize): void {
  const cap = <usize>load<u32>(map + CM_CAP);
  if (cap == 0) return;
  mem_free(<usize>load<u32>(map + CM_GROUPS), cap << 3);
  mem_free(<usize>load<u32>(map + CM_STAMPS), cap << 2);
  mem_free(<usize>load<u32>(map + CM_ADDRS), cap << 2);
  store<u32>(map + CM_CAP, 0);
}

/** Forgets every code at once (stamps are cleared only when the epoch counter wraps around). */
function new_epoch(map: usize): void {
  let epoch = load<u32>(map + CM_EPOCH) + 1;
  if (epoch == 0) {
    memory.fill(<usize>load<u32>(map + CM_STAMPS), 0, <usize>load<u32>(map + CM_CAP) << 2);
    epoch = 1;
  }
  store<u32>(map + CM_EPOCH, epoch);
}

function same_dictionaries(map: usize, descs: usize, nk: usize): bool {
  for (let c: usize = 0; c < nk; c++) {
    if (!same_dictionary(<usize>load<u32>(map + CM_COPIES + (c << 2)), col_data(descs + c * COL_SIZE))) return false;
  }
  return true;
}

function remember_dictionaries(map: usize, descs: usize, nk: usize): void {
  forget_dictionaries(map, nk);
  for (let c: usize = 0; c < nk; c++) {
    store<u32>(map + CM_COPIES + (c << 2), <u32>copy_dictionary(col_data(descs + c * COL_SIZE)));
  }
  store<u32>(map + CM_KEPT, 1);
}

function forget_dictionaries(map: usize, nk: usize): void {
  for (let c: usize = 0; c < nk; c++) {
    const at = map + CM_COPIES + (c << 2);
    free_dictionary_copy(<usize>load<u32>(at));
    store<u32>(at, 0);
  }
  store<u32>(map + CM_KEPT, 0);
}
