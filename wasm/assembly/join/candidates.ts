// Running a vector of probe keys through the key pre-filter (key-filter.ts): the positions it
// passes become the candidates, u32 indices into the vector, ascending; only they are looked up.
//
// Each loop is branch free (a position's index is always stored, the count advances by whether
// it passed), so a mix of passing and failing rows costs no mispredictions, and the lookups of
// the candidates then overlap in the memory system as a plain lookup pass does.

import { hash_u64 } from '../hash';
import { H_FILTER, H_FILTER_MASK, H_KEY_MIN, H_KEY_SPAN, SHAPE_I32, SHAPE_I64, hdr, probe_row_at } from './header';
import { FILTER_BITMAP, FILTER_BLOOM, bitmap_has, bloom_has } from './key-filter';

// The filter and probe column of the current probe call (wasm globals), set by load_filter_view.
let fValues: usize = 0; // the probe key column's values
let fMin: i64 = 0;      // smallest build key
let fSpan: u64 = 0;     // largest - smallest build key
let fWords: usize = 0;  // bitmap or Bloom words
let fMask: usize = 0;   // Bloom: word index mask

/** Loads the filter of table `t` and the probe key values (single key) before a probe call. */
export function load_filter_view(t: usize, values: usize): void {
  fValues = values;
  fMin = load<i64>(t + H_KEY_MIN);
  fSpan = load<u64>(t + H_KEY_SPAN);
  fWords = hdr(t, H_FILTER);
  fMask = hdr(t, H_FILTER_MASK);
}

/**
 * Whether the single integer key `key` passes a bitmap (`kind` FILTER_BITMAP) or a Bloom filter
 * with its range check first. An out-of-range key reads bit 0 of the bitmap and fails anyway.
 */
// @ts-ignore: decorator
@inline function int_passes(kind: u32, key: i64, min: i64, span: u64, words: usize, mask: usize): bool {
  const off = <u64>(key - min);
  const inRange = off <= span;
  if (kind == FILTER_BITMAP) return inRange & bitmap_has(words, select<u64>(off, 0, inRange));
  return inRange & bloom_has(words, mask, hash_u64(<u64>key));
}

/** One loop per filter kind, key width and selection (none or a vector), compiled alone. */
// @ts-ignore: decorator
@inline function int_loop(kind: u32, shape: u32, plain: bool, sel: usize, base: usize, count: usize, cand: usize): usize {
  const values = fValues;
  const min = fMin;
  const span = fSpan;
  const words = fWords;
  const mask = fMask;
  let c: usize = 0;
  for (let i: usize = 0; i < count; i++) {
    const row = plain ? base + i : probe_row_at(sel, base + i);
    const key = shape == SHAPE_I32 ? <i64>load<i32>(values + (row << 2)) : load<i64>(values + (row << 3));
    store<u32>(cand + (c << 2), <u32>i);
    c += <usize>int_passes(kind, key, min, span, words, mask);
  }
  return c;
}

function i32_bitmap(b: usize, n: usize, c: usize): usize { return int_loop(FILTER_BITMAP, SHAPE_I32, true, 0, b, n, c); }
function i32_bloom(b: usize, n: usize, c: usize): usize { return int_loop(FILTER_BLOOM, SHAPE_I32, true, 0, b, n, c); }
function i32_bitmap_sel(s: usize, b: usize, n: usize, c: usize): usize { return int_loop(FILTER_BITMAP, SHAPE_I32, false, s, b, n, c); }
function i32_bloom_sel(s: usize, b: usize, n: usize, c: usize): usize { return int_loop(FILTER_BLOOM, SHAPE_I32, false, s, b, n, c); }
function i64_bitmap(b: usize, n: usize, c: usize): usize { return int_loop(FILTER_BITMAP, SHAPE_I64, true, 0, b, n, c); }
function i64_bloom(b: usize, n: usize, c: usize): usize { return int_loop(FILTER_BLOOM, SHAPE_I64, true, 0, b, n, c); }
function i64_bitmap_sel(s: usize, b: usize, n: usize, c: usize): usize { return int_loop(FILTER_BITMAP, SHAPE_I64, false, s, b, n, c); }
function i64_bloom_sel(s: usize, b: usize, n: usize, c: usize): usize { return int_loop(FILTER_BLOOM, SHAPE_I64, false, s, b, n, c); }

/**
 * Writes to `cand` the indices i (ascending) of the positions base+i, i < count (rows through
 * `sel` unless 0), whose single integer key (I32 `shape`, else I64) passes a bitmap (`kind`
 * FILTER_BITMAP) or Bloom filter, and returns how many. NULL keys may pass or not: the callers
 * clear their heads.
 */
export function int_candidates(kind: u32, shape: u32, sel: usize, base: usize, count: usize, cand: usize): usize {
  const bitmap = kind == FILTER_BITMAP;
  if (shape == SHAPE_I32) {
    if (sel == 0) return bitmap ? i32_bitmap(base, count, cand) : i32_bloom(base, count, cand);
    return bitmap ? i32_bitmap_sel(sel, base, count, cand) : i32_bloom_sel(sel, base, count, cand);
  }
  if (sel == 0) return bitmap ? i64_bitmap(base, count, cand) : i64_bloom(base, count, cand);
  return bitmap ? i64_bitmap_sel(sel, base, count, cand) : i64_bloom_sel(sel, base, count, cand);
}

/** Writes to `cand` the indices (ascending) of the hashes hv[0 .. count) a Bloom filter passes; returns how many. */
export function hash_candidates(hv: usize, count: usize, cand: usize): usize {
  const words = fWords;
  const mask = fMask;
  let c: usize = 0;
  for (let i: usize = 0; i < count; i++) {
    store<u32>(cand + (c << 2), <u32>i);
    c += <usize>bloom_has(words, mask, load<u64>(hv + (i << 3)));
  }
  return c;
}
