// Ordering runs of positions whose first normalized word is equal (after the radix sort of that
// word), as an MSD radix sort: each step computes one more u64 of the order for the run's
// positions, radix-sorts the run by it (stably) and refines the sub-runs that still tie. The
// steps follow the key order: the remaining normalized words; then, from the first key the words
// do not capture fully (a string) on, key by key on real values: NULLs split off, fixed-width
// values in one step (I128 in two), strings 8 bytes at a time and then by length (zero-padded
// bytes, then length, order strings exactly as bytewise comparison does). A run equal on every
// key keeps its (input) order. Long common prefixes ("customer#000…", URLs), duplicate strings
// and keys after a string thus cost radix passes rather than comparisons; only runs shorter than
// REFINE_MIN are finished by comparison.

import { col_data, col_values, KIND_I128, KIND_UTF8 } from '../layout';
import { mem_alloc, mem_free } from '../memory';
import {
  FLAG_DESC, FLAG_NULLS_FIRST, KEY_DESC, KEY_FLAGS, KEY_KIND, KEY_MAY_NULL, KEY_WIDTH, keyAt, keyIsNull, numKeys, rowAt,
  tieStart, words, wordsPerRow,
} from './context';
import { fixedValue, stringPrefix } from './normalize';
import { radixSortU64 } from './radix';
import { sortTies } from './merge';

/** Runs shorter than this are sorted by comparison. */
const REFINE_MIN: usize = 64;
const SIGN64: u64 = 0x8000000000000000;

/** Bytes of the string key (the first key past the words) already encoded in the words; 0 if none. */
export function encodedStringBytes(): usize {
  return tieStart < numKeys ? <usize>load<u32>(keyAt(tieStart), KEY_WIDTH) : 0;
}

/**
 * Fills next[i] with the string key's bytes [off, off + 8) of position run[i] (zero padded), or
 * with its length when `length`. Returns whether that can split the run: some string is longer
 * than `off` (bytes), or lengths differ (length).
 */
function stringStep(key: usize, run: usize, n: usize, off: usize, length: bool, next: usize): bool {
  const desc = <usize>load<u32>(key, KEY_DESC);
  const offsets = col_values(desc);
  const data = col_data(desc);
  let useful = false;
  let firstLen: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const row = rowAt(<usize>load<u32>(run + (i << 2)));
    const start = <usize>load<u32>(offsets + (row << 2));
    const len = <usize>load<u32>(offsets + ((row + 1) << 2)) - start;
    let v: u64 = 0;
    if (length) {
      v = <u64>len;
      if (i == 0) firstLen = len;
      else if (len != firstLen) useful = true;
    } else if (len > off) {
      v = stringPrefix(data + start + off, len - off, 8);
      useful = true;
    }
    store<u64>(next + (i << 3), v);
  }
  return useful;
}

/** Reorders the run stably so rows NULL on `key` come first or last; returns the number of NULLs. */
function splitNulls(key: usize, run: usize, n: usize, tmp: usize): usize {
  const nullsFirst = (load<u32>(key, KEY_FLAGS) & FLAG_NULLS_FIRST) != 0;
  let nulls: usize = 0;
  for (let i: usize = 0; i < n; i++) if (keyIsNull(key, rowAt(<usize>load<u32>(run + (i << 2))))) nulls++;
  if (nulls == 0 || nulls == n) return nulls;
  let a: usize = nullsFirst ? 0 : n - nulls; // next null slot
  let b: usize = nullsFirst ? nulls : 0;     // next valid slot
  for (let i: usize = 0; i < n; i++) {
    const p = load<u32>(run + (i << 2));
    if (keyIsNull(key, rowAt(<usize>p))) { store<u32>(tmp + (a << 2), p); a++; }
    else { store<u32>(tmp + (b << 2), p); b++; }
  }
  memory.copy(run, tmp, n << 2);
  return nulls;
}

/**
 * Sorts a run of n positions into their final order. While level < wordsPerRow the run agrees
 * on the first `level` normalized words. Past the words it agrees on every key before `k`, and
 * on key k: on its NULL-ness when `nullDone`, and on its first `off` bytes (strings; 8 for the
 * high word of an I128).
 */
export function refineRun(run: usize, n: usize, level: i32, k: i32, off: usize, nullDone: bool): void {
  if (n <= 1) return;
  if (level >= wordsPerRow && k >= numKeys) return; // equal on every key: input order stays
  if (n < REFINE_MIN) {
    const tmp = mem_alloc(n << 2);
    sortTies(run, tmp, n, level < wordsPerRow ? -1 : k);
    mem_free(tmp, n << 2);
    return;
  }
  const bytes = n * 16;
  const scratch = mem_alloc(bytes);
  const next = scratch;
  const nextTmp = scratch + (n << 3);
  // What the sub-runs will agree on after this step.
  let nLevel = level, nk = k, nOff: usize = 0, nNullDone = false;
  let useful = true;
  if (level < wordsPerRow) {
    const stride = <usize>wordsPerRow << 3;
    const w = <usize>level << 3;
    for (let i: usize = 0; i < n; i++) {
      store<u64>(next + (i << 3), load<u64>(words + <usize>load<u32>(run + (i << 2)) * stride + w));
    }
    nLevel = level + 1;
    if (nLevel == wordsPerRow) { nk = tieStart; nOff = encodedStringBytes(); nNullDone = true; }
  } else {
    const key = keyAt(k);
    const kind = load<u32>(key, KEY_KIND);
    if (!nullDone && load<u32>(key, KEY_MAY_NULL) != 0) {
      const nulls = splitNulls(key, run, n, nextTmp);
      mem_free(scratch, bytes);
      const nullsFirst = (load<u32>(key, KEY_FLAGS) & FLAG_NULLS_FIRST) != 0;
      const nullRun = nullsFirst ? run : run + ((n - nulls) << 2);
      const validRun = nullsFirst ? run + (nulls << 2) : run;
      refineRun(nullRun, nulls, level, k + 1, 0, false);
      refineRun(validRun, n - nulls, level, k, 0, true);
      return;
    }
    if (keyIsNull(key, rowAt(<usize>load<u32>(run)))) {
      // NULL-ness is settled, so the whole run is NULL on this key: equal on it.
      mem_free(scratch, bytes);
      refineRun(run, n, level, k + 1, 0, false);
      return;
    }
    nk = k + 1;
    if (kind == KIND_UTF8) {
      if (stringStep(key, run, n, off, false, next)) {
        nk = k; nOff = off + 8; nNullDone = true;
      } else {
        useful = stringStep(key, run, n, 0, true, next);
      }
    } else if (kind == KIND_I128) {
      const values = col_values(<usize>load<u32>(key, KEY_DESC));
      for (let i: usize = 0; i < n; i++) {
        const v = values + (rowAt(<usize>load<u32>(run + (i << 2))) << 4);
        store<u64>(next + (i << 3), off == 0 ? load<u64>(v, 8) ^ SIGN64 : load<u64>(v));
      }
      if (off == 0) { nk = k; nOff = 8; nNullDone = true; }
    } else {
      for (let i: usize = 0; i < n; i++) {
        store<u64>(next + (i << 3), fixedValue(key, kind, rowAt(<usize>load<u32>(run + (i << 2)))));
      }
    }
    if ((load<u32>(key, KEY_FLAGS) & FLAG_DESC) != 0) {
      for (let i: usize = 0; i < n; i++) store<u64>(next + (i << 3), ~load<u64>(next + (i << 3)));
    }
  }
  if (!useful) {
    mem_free(scratch, bytes);
    refineRun(run, n, nLevel, nk, nOff, nNullDone);
    return;
  }
  const perm = mem_alloc(n << 2);
  const shift = <u64>radixSortU64(next, perm, nextTmp, n);
  // Apply the permutation to the run, through nextTmp (free again after the radix sort).
  for (let i: usize = 0; i < n; i++) {
    store<u32>(nextTmp + (i << 2), load<u32>(run + (<usize>load<u32>(perm + (i << 2)) << 2)));
  }
  memory.copy(run, nextTmp, n << 2);
  mem_free(perm, n << 2);
  let i: usize = 0;
  while (i < n) {
    const v = load<u64>(next + (i << 3)) >> shift;
    let j = i + 1;
    while (j < n && (load<u64>(next + (j << 3)) >> shift) == v) j++;
    if (j - i > 1) refineRun(run + (i << 2), j - i, nLevel, nk, nOff, nNullDone);
    i = j;
  }
  mem_free(scratch, bytes);
}
