// Building the hash join table from the materialized build side, and freeing it.
//
// The algorithm is chosen once from the data: a single integer key whose min..max range is at most
// about twice the row count gets a direct array (no hashing, no key comparison on probe); every
// other key gets bucket chains addressed by the shared hash. Rows with a NULL key are never
// inserted, so they never match and stay unmatched in the matched bitmap.

import { mem_alloc, mem_alloc_zeroed, mem_free } from '../memory';
import { COL_SIZE, KIND_BOOL, KIND_I32, KIND_I64, col_kind, col_values } from '../layout';
import {
  H_BUILD_DESCS, H_DICT_CAP, H_DICT_MAP, H_FILTER_KIND, H_FLAGS, H_HEADS, H_HEADS_SIZE, H_KEY_MIN, H_KEY_SPAN, H_KEYS,
  H_LINKS, H_LINKS_SIZE, H_MASK, H_MATCHED, H_MODE, H_PROBE_DESCS, H_ROWS, H_SCRATCH, H_SHAPE, H_UNIQUE, HEADER_SIZE, JOIN_TRACK_BUILD,
  MODE_DENSE, MODE_HASH, SHAPE_BOOL, SHAPE_GENERIC, SHAPE_I32, SHAPE_I64, VECTOR, hdr, set_hdr,
} from './header';
import { hash_keys, int_key_at, key_valid } from './keys';
import { BUCKET, bucket_count, table_insert } from './buckets';
import { free_payload } from './payload';
import { FILTER_BITMAP, FILTER_BLOOM, filter_add, free_key_filter, plan_key_filter } from './key-filter';

const SCRATCH_SIZE: usize = VECTOR * 17; // hashes (u64), null flags (u8), chain heads (u32), candidates (u32)
const MAX_DENSE_RANGE: u64 = 1 << 28;
const DENSE_SLACK: u64 = 1024;

/**
 * Builds a join table over `numRows` build rows whose `numKeys` key column descriptors start at
 * `descs` (copied; the columns themselves must outlive the table). `flags` are the JOIN_*
 * semantics; `allowDense` 0 forces the hash path. Returns the table (a header block).
 */
export function join_build(descs: usize, numKeys: u32, numRows: u32, flags: u32, allowDense: u32): usize {
  const t = mem_alloc_zeroed(HEADER_SIZE);
  const n = <usize>numRows;
  set_hdr(t, H_ROWS, n);
  set_hdr(t, H_KEYS, numKeys);
  set_hdr(t, H_FLAGS, flags);
  const descBytes = <usize>numKeys * COL_SIZE;
  const bdescs = mem_alloc(descBytes);
  memory.copy(bdescs, descs, descBytes);
  set_hdr(t, H_BUILD_DESCS, bdescs);
  set_hdr(t, H_PROBE_DESCS, mem_alloc(descBytes));
  set_hdr(t, H_SCRATCH, mem_alloc(SCRATCH_SIZE));
  if (flags & JOIN_TRACK_BUILD) set_hdr(t, H_MATCHED, mem_alloc_zeroed(n > 0 ? n : 1));

  let shape = SHAPE_GENERIC;
  if (numKeys == 1) {
    const kind = col_kind(bdescs);
    if (kind == KIND_I32) shape = SHAPE_I32;
    else if (kind == KIND_I64) shape = SHAPE_I64;
    else if (kind == KIND_BOOL) shape = SHAPE_BOOL;
  }
  set_hdr(t, H_SHAPE, shape);
  const validKeys = shape != SHAPE_GENERIC ? scan_key_range(t, bdescs, n) : 0;
  if (shape != SHAPE_GENERIC && allowDense != 0 && try_build_dense(t, n, validKeys)) return t;
  build_hash(t, bdescs, <usize>numKeys, n, validKeys);
  return t;
}

/**
 * Stores the smallest build key and the span to the largest (H_KEY_MIN, H_KEY_SPAN) of a single
 * integer key, for the direct array and the key filter; returns how many rows have a key (0:
 * every key is NULL, and the range is meaningless).
 */
function scan_key_range(t: usize, desc: usize, n: usize): usize {
  const kind = col_kind(desc);
  const values = col_values(desc);
  let min: i64 = i64.MAX_VALUE;
  let max: i64 = i64.MIN_VALUE;
  let valid: usize = 0;
  for (let r: usize = 0; r < n; r++) {
    if (!key_valid(desc, r)) continue;
    const k = int_key_at(kind, values, r);
    if (k < min) min = k;
    if (k > max) max = k;
    valid++;
  }
  store<i64>(t + H_KEY_MIN, valid != 0 ? min : 0);
  store<u64>(t + H_KEY_SPAN, valid != 0 ? <u64>(max - min) : 0); // wraps correctly for any i64 pair
  return valid;
}

/**
 * Builds the direct-array table when the key range (scan_key_range, `valid` keys) is dense
 * enough; false leaves `t` untouched.
 */
function try_build_dense(t: usize, n: usize, valid: usize): bool {
  if (valid == 0) return false;
  const desc = hdr(t, H_BUILD_DESCS);
  const kind = col_kind(desc);
  const values = col_values(desc);
  const min = load<i64>(t + H_KEY_MIN);
  const span = load<u64>(t + H_KEY_SPAN); // range = span + 1
  if (span >= MAX_DENSE_RANGE || span + 1 > 2 * <u64>valid + DENSE_SLACK) return false;
  const range = <usize>span + 1;
  const heads = mem_alloc_zeroed(range << 2);
  const links = mem_alloc((n > 0 ? n : 1) << 2);
  let unique: u32 = 1;
  for (let r = n; r-- > 0;) {
    if (!key_valid(desc, r)) continue;
    const slot = heads + (<usize>(int_key_at(kind, values, r) - min) << 2);
    const head = load<u32>(slot);
    if (head != 0) unique = 0;
    store<u32>(links + (r << 2), head);
    store<u32>(slot, <u32>(r + 1));
  }
  set_hdr(t, H_MODE, MODE_DENSE);
  set_hdr(t, H_HEADS, heads);
  set_hdr(t, H_HEADS_SIZE, range << 2);
  set_hdr(t, H_MASK, range);
  set_hdr(t, H_LINKS, links);
  set_hdr(t, H_LINKS_SIZE, (n > 0 ? n : 1) << 2);
  set_hdr(t, H_UNIQUE, unique);
  return true;
}

/**
 * Builds the hash table (see buckets.ts): a single I32 key in 8-lane buckets, a single I64 key
 * or the 64-bit hash of any other key in 4-lane ones (rows whose hashes are equal share a chain
 * and are told apart by comparing keys on probe), and its key pre-filter (key-filter.ts).
 * `validKeys`: rows with a key, for a single integer key.
 */
function build_hash(t: usize, descs: usize, numKeys: usize, n: usize, validKeys: usize): void {
  let shape = load<u32>(t + H_SHAPE);
  if (shape == SHAPE_BOOL) shape = SHAPE_GENERIC;
  set_hdr(t, H_SHAPE, shape);
  const lanes: usize = shape == SHAPE_I32 ? 8 : 4;
  const buckets = bucket_count(n, lanes);
  const mask = buckets - 1;
  const headsBytes = (buckets + 1) * BUCKET;
  const heads = mem_alloc_zeroed(headsBytes);
  const intKey = shape != SHAPE_GENERIC;
  plan_key_filter(t, intKey, intKey ? validKeys : n);
  const filter = load<u32>(t + H_FILTER_KIND);
  const filterAdds = filter == FILTER_BITMAP || filter == FILTER_BLOOM;
  const links = mem_alloc((n > 0 ? n : 1) << 2);
  const hv = hdr(t, H_SCRATCH);
  const nulls = hv + (VECTOR << 3);
  const values = col_values(descs);
  let unique: u32 = 1;
  // Vectors from the last to the first and rows backwards in each, so chains end up ascending.
  let base: usize = n == 0 ? 0 : ((n - 1) / VECTOR) * VECTOR;
  while (base < n) {
    const count = n - base < VECTOR ? n - base : VECTOR;
    const anyNull = hash_keys(descs, numKeys, 0, base, count, hv, nulls);
    for (let i = count; i-- > 0;) {
      if (anyNull && load<u8>(nulls + i) != 0) continue;
      const r = base + i;
      const h = load<u64>(hv + (i << 3));
      let key: u64 = h;
      let intValue: i64 = 0;
      if (shape == SHAPE_I32) {
        intValue = <i64>load<i32>(values + (r << 2));
        key = <u64><u32>intValue;
      } else if (shape == SHAPE_I64) {
        intValue = load<i64>(values + (r << 3));
        key = <u64>intValue;
      }
      const prev = table_insert(heads, mask, lanes, key, h, r);
      if (prev != 0) unique = 0;
      else if (filterAdds) filter_add(t, filter, intValue, h);
      store<u32>(links + (r << 2), prev);
    }
    if (base == 0) break;
    base -= VECTOR;
  }
  set_hdr(t, H_MODE, MODE_HASH);
  set_hdr(t, H_HEADS, heads);
  set_hdr(t, H_HEADS_SIZE, headsBytes);
  set_hdr(t, H_MASK, mask);
  set_hdr(t, H_LINKS, links);
  set_hdr(t, H_LINKS_SIZE, (n > 0 ? n : 1) << 2);
  set_hdr(t, H_UNIQUE, unique);
}

/** Frees every block of the table. */
export function join_free(t: usize): void {
  if (t == 0) return;
  const n = hdr(t, H_ROWS);
  const descBytes = hdr(t, H_KEYS) * COL_SIZE;
  free_payload(t);
  free_key_filter(t);
  mem_free(hdr(t, H_BUILD_DESCS), descBytes);
  mem_free(hdr(t, H_PROBE_DESCS), descBytes);
  mem_free(hdr(t, H_SCRATCH), SCRATCH_SIZE);
  mem_free(hdr(t, H_MATCHED), n > 0 ? n : 1);
  mem_free(hdr(t, H_HEADS), hdr(t, H_HEADS_SIZE));
  mem_free(hdr(t, H_LINKS), hdr(t, H_LINKS_SIZE));
  mem_free(hdr(t, H_DICT_MAP), hdr(t, H_DICT_CAP));
  mem_free(t, HEADER_SIZE);
}

/** Where the bindings write the probe key descriptors before each probe batch. */
export function join_probe_descs(t: usize): usize {
  return hdr(t, H_PROBE_DESCS);
}

/** 1 for the hash path, 2 for the direct array (dense single integer key). */
export function join_mode(t: usize): u32 {
  return load<u32>(t + H_MODE);
}
