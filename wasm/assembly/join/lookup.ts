// Finding the chain head (build row + 1, 0 for none) of probe rows.
//
// A single integer key is looked up row by row in one pass (dense: index by key - min; hash: its
// home bucket). Other keys are hashed a vector at a time, a key column after another, then looked
// up in two passes (home buckets first, without data-dependent branches, then the rare rows whose
// home bucket is full without their key). A single DICT key is mapped per dictionary entry,
// lazily, once per batch: each distinct string is hashed and looked up once, then a row costs one
// load, like a dense key.
//
// A hash table's key pre-filter (key-filter.ts), unless it is resting, goes over a vector first:
// its candidates (candidates.ts) are the only positions looked up.

import { mem_alloc, mem_free } from '../memory';
import { KIND_BOOL, KIND_DICT, KIND_I32, KIND_I64, col_data, col_kind, col_length, col_validity, col_validity_offset, col_values } from '../layout';
import { hash_bytes, hash_u64 } from '../hash';
import {
  H_ANY_NULL, H_BUILD_DESCS, H_DICT_CAP, H_DICT_LEN, H_DICT_MAP, H_FILTER_KIND, H_HEADS, H_KEY_MIN,
  H_KEYS, H_LINKS, H_MASK, H_MODE, H_P_LEN, H_PROBE_DESCS, H_SCRATCH, H_UNIQUE, MODE_HASH, SHAPE_I32, SHAPE_I64, VECTOR, hdr,
  probe_row_at, set_hdr,
} from './header';
import { hash_keys, int_key_at, str_key_equals } from './keys';
import { BUCKET, SLOW, bucket_find_u64, bucket_find_i32, table_find_i32, table_find_u64 } from './buckets';
import { FILTER_BITMAP, FILTER_BLOOM, filter_outcome, filter_turn } from './key-filter';
import { hash_candidates, int_candidates, load_filter_view } from './candidates';

const UNKNOWN: u32 = 0xFFFFFFFF;

// The table and batch being probed, loaded once per call (wasm globals: no memory traffic).
export let gHeads: usize = 0;
export let gLinks: usize = 0;
export let gMask: usize = 0;
export let gMin: i64 = 0;
export let gPValues: usize = 0;
export let gAnyNull = false;
export let gRes: usize = 0;
/** FILTER_* of the table's key pre-filter. */
let gFilterKind: u32 = 0;
/** Positions of the current vector that passed the bitmap or Bloom filter (u32 indices) ... */
export let gCand: usize = 0;
/** ... and how many. */
export let gCandCount: usize = 0;
/** Dictionary entries mapped in this batch (single DICT key), else 0. */
export let gDictLen: usize = 0;
let gPValidity: usize = 0;
let gPVoff: usize = 0;
let gHv: usize = 0;
let gNulls: usize = 0;

/** Loads the globals of table `t` before a probe call. */
export function load_probe_state(t: usize): void {
  gHeads = hdr(t, H_HEADS);
  gLinks = hdr(t, H_LINKS);
  gMask = hdr(t, H_MASK);
  gMin = load<i64>(t + H_KEY_MIN);
  const pd = hdr(t, H_PROBE_DESCS);
  gPValues = col_values(pd);
  gPValidity = col_validity(pd);
  gPVoff = col_validity_offset(pd);
  gAnyNull = load<u32>(t + H_ANY_NULL) != 0;
  gHv = hdr(t, H_SCRATCH);
  gNulls = gHv + (VECTOR << 3);
  gRes = gHv + VECTOR * 9;
  gCand = gHv + VECTOR * 13;
  gDictLen = hdr(t, H_DICT_LEN);
  gFilterKind = load<u32>(t + H_FILTER_KIND);
  load_filter_view(t, gPValues);
}

/**
 * Prepares the per-batch dictionary map when the probe key is one DICT column of a hash table
 * (entries start UNKNOWN and are resolved on first use, so a dictionary is never trusted across
 * batches). Called by join_probe_begin.
 */
export function begin_dict_map(t: usize): void {
  set_hdr(t, H_DICT_LEN, 0);
  const pd = hdr(t, H_PROBE_DESCS);
  if (hdr(t, H_KEYS) != 1 || load<u32>(t + H_MODE) != MODE_HASH || col_kind(pd) != KIND_DICT) return;
  // Mapping costs a pass over the dictionary: worth it only when rows outnumber its entries.
  const entries = <usize>col_length(col_data(pd));
  if (entries == 0 || entries > 2 * hdr(t, H_P_LEN)) return;
  const bytes = entries << 2;
  if (hdr(t, H_DICT_CAP) < bytes) {
    mem_free(hdr(t, H_DICT_MAP), hdr(t, H_DICT_CAP));
    set_hdr(t, H_DICT_MAP, mem_alloc(bytes));
    set_hdr(t, H_DICT_CAP, bytes);
  }
  memory.fill(hdr(t, H_DICT_MAP), 0xFF, bytes);
  set_hdr(t, H_DICT_LEN, entries);
}

/** Whether the single probe key column is valid at `row`. */
// @ts-ignore: decorator
@inline export function probe_key_valid(row: usize): bool {
  const bit = gPVoff + row;
  return ((load<u8>(gPValidity + (bit >> 3)) >> <u8>(bit & 7)) & 1) != 0;
}

/** Head of the single integer key of probe row `row` (not null): dense index or hash lookup. */
// @ts-ignore: decorator
@inline export function find_head_int(dense: bool, shape: u32, row: usize): u32 {
  if (dense) {
    const k = <u64>(int_key_at(shape == SHAPE_I32 ? KIND_I32 : shape == SHAPE_I64 ? KIND_I64 : KIND_BOOL, gPValues, row) - gMin);
    return k < <u64>gMask ? load<u32>(gHeads + (<usize>k << 2)) : 0;
  }
  if (shape == SHAPE_I32) {
    const key = load<i32>(gPValues + (row << 2));
    const h = hash_u64(<u64><i64>key);
    const r = bucket_find_i32(gHeads + (<usize>h & gMask) * BUCKET, key);
    return r != SLOW ? r : table_find_i32(gHeads, gMask, key, h);
  }
  const key = load<u64>(gPValues + (row << 3));
  const h = hash_u64(key);
  const r = bucket_find_u64(gHeads + (<usize>h & gMask) * BUCKET, key);
  return r != SLOW ? r : table_find_u64(gHeads, gMask, key, h);
}

/**
 * Whether the bitmap or Bloom filter of hash table `t` (single integer key) checks the vector of
 * positions base .. base+count; if so, it has left the vector's candidates in gCand/gCandCount.
 */
// @ts-ignore: decorator
@inline export function filter_int_vector(t: usize, shape: u32, sel: usize, base: usize, count: usize): bool {
  const kind = gFilterKind;
  if ((kind != FILTER_BITMAP && kind != FILTER_BLOOM) || !filter_turn(t)) return false;
  gCandCount = int_candidates(kind, shape, sel, base, count, gCand);
  filter_outcome(t, kind, gCandCount, count);
  return true;
}

/**
 * Fills gRes[0 .. count) with the chain heads of positions base .. base+count for a single integer
 * key (NULL keys: 0) of table `t`. A pass of its own, so that the lookups of many rows overlap in
 * the memory system before the chain walks, whose branches depend on the data.
 */
// @ts-ignore: decorator
@inline export function lookup_int(t: usize, dense: bool, shape: u32, sel: usize, base: usize, count: usize): void {
  if (!dense && filter_int_vector(t, shape, sel, base, count)) {
    lookup_candidates(shape, sel, base, count);
    return;
  }
  const res = gRes;
  for (let i: usize = 0; i < count; i++) {
    const row = probe_row_at(sel, base + i);
    store<u32>(res + (i << 2), find_head_int(dense, shape, row));
  }
  if (gAnyNull) clear_null_heads(sel, base, count);
}

/** Zeroes gRes[i] for the positions base+i, i < count, whose key is NULL. */
// @ts-ignore: decorator
@inline function clear_null_heads(sel: usize, base: usize, count: usize): void {
  for (let i: usize = 0; i < count; i++) if (!probe_key_valid(probe_row_at(sel, base + i))) store<u32>(gRes + (i << 2), 0);
}

/**
 * Fills gRes[0 .. count) with the heads of the positions base .. base+count (single integer key
 * of a hash table) after filter_int_vector left their candidates: a lookup per candidate, 0 for
 * the others and NULL keys.
 */
// @ts-ignore: decorator
@inline export function lookup_candidates(shape: u32, sel: usize, base: usize, count: usize): void {
  const res = gRes;
  memory.fill(res, 0, count << 2);
  const cand = gCand;
  const c = gCandCount;
  for (let j: usize = 0; j < c; j++) {
    const i = <usize>load<u32>(cand + (j << 2));
    store<u32>(res + (i << 2), find_head_int(false, shape, probe_row_at(sel, base + i)));
  }
  if (gAnyNull) clear_null_heads(sel, base, count);
}

/**
 * Head of dictionary entry `code`: its string's hash chain, checked against the chain's row when
 * every chain has one row (so the probe needs no key comparison then).
 */
function resolve_dict_entry(t: usize, code: usize): u32 {
  const dict = col_data(hdr(t, H_PROBE_DESCS));
  const offsets = col_values(dict);
  const start = load<i32>(offsets + (code << 2));
  const ptr = col_data(dict) + <usize>start;
  const len = <usize>(load<i32>(offsets + (code << 2), 4) - start);
  const h = hash_bytes(ptr, len);
  const head = table_find_u64(gHeads, gMask, h, h);
  if (head != 0 && load<u32>(t + H_UNIQUE) != 0 && !str_key_equals(hdr(t, H_BUILD_DESCS), <usize>head - 1, ptr, len)) return 0;
  return head;
}

/**
 * Fills gRes[0 .. count) with the chain heads of the positions base .. base+count of a batch
 * probing a hash table by a generic key (NULL keys: 0).
 */
export function lookup_generic(t: usize, sel: usize, base: usize, count: usize): void {
  const res = gRes;
  if (gDictLen != 0) {
    const map = hdr(t, H_DICT_MAP);
    for (let i: usize = 0; i < count; i++) {
      const row = probe_row_at(sel, base + i);
      let head: u32 = 0;
      if (!gAnyNull || probe_key_valid(row)) {
        const code = <usize>load<i32>(gPValues + (row << 2));
        head = load<u32>(map + (code << 2));
        if (head == UNKNOWN) {
          head = resolve_dict_entry(t, code);
          store<u32>(map + (code << 2), head);
        }
      }
      store<u32>(res + (i << 2), head);
    }
    return;
  }
  const anyNull = hash_keys(hdr(t, H_PROBE_DESCS), hdr(t, H_KEYS), sel, base, count, gHv, gNulls);
  const heads = gHeads;
  const mask = gMask;
  let slow = false;
  if (gFilterKind == FILTER_BLOOM && filter_turn(t)) {
    memory.fill(res, 0, count << 2);
    const cand = gCand;
    const c = hash_candidates(gHv, count, cand);
    filter_outcome(t, FILTER_BLOOM, c, count);
    for (let j: usize = 0; j < c; j++) {
      const i = <usize>load<u32>(cand + (j << 2));
      const key = load<u64>(gHv + (i << 3));
      const r = bucket_find_u64(heads + (<usize>key & mask) * BUCKET, key);
      slow |= r == SLOW;
      store<u32>(res + (i << 2), r);
    }
  } else {
    for (let i: usize = 0; i < count; i++) {
      const key = load<u64>(gHv + (i << 3));
      const r = bucket_find_u64(heads + (<usize>key & mask) * BUCKET, key);
      slow |= r == SLOW;
      store<u32>(res + (i << 2), r);
    }
  }
  if (slow) {
    for (let i: usize = 0; i < count; i++) {
      if (load<u32>(res + (i << 2)) != SLOW) continue;
      const key = load<u64>(gHv + (i << 3));
      store<u32>(res + (i << 2), table_find_u64(heads, mask, key, key));
    }
  }
  if (anyNull) for (let i: usize = 0; i < count; i++) if (load<u8>(gNulls + i) != 0) store<u32>(res + (i << 2), 0);
}
