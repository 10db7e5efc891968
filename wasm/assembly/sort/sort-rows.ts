// The sort of one set of rows: NULLs of the first key split off (so the common single nullable
// key needs no flag byte), keys normalized, then the method chosen from the shape of the job:
// a bounded heap for a small limit, LSD radix when one word holds the whole key, else merge sort.

import { mem_alloc, mem_free } from '../memory';
import {
  FLAG_NULLS_FIRST, KEY_FLAGS, KEY_MAY_NULL, keyAt, keyIsNull, needTie, numKeys, rowAt, setLayout, setSubset, tieStart,
} from './context';
import { encodeKey, planLayout, storesWholeWord } from './normalize';
import { radixSortU64 } from './radix';
import { mergeSortPairs } from './merge';
import { encodedStringBytes, refineRun } from './refine';
import { topN } from './top-n';

/** Below this many positions merge sort beats radix's fixed cost of histograms. */
const RADIX_MIN: usize = 1024;

const widthCell = memory.data(4, 4);

/** Rows whose normalized records are built together (8 words each: 64 KiB, in L2). */
const ENCODE_CHUNK: usize = 1024;

/** Copies rows of positions 0..limit-1 (no keys left to order by: input order is the stable order). */
function copyRows(out: usize, limit: usize): void {
  for (let i: usize = 0; i < limit; i++) store<u32>(out + (i << 2), <u32>rowAt(i));
}

/** Writes to `pos` the positions 0..n-1 in their sorted order (normalized keys and layout set). */
function sortPositions(key0: usize, n: usize, perRow: usize, pos: usize): void {
  const keysTmp = mem_alloc(n << 3);
  if (n >= RADIX_MIN) {
    // Radix on the first word, then runs of equal first words ordered by the rest.
    const shift = <u64>radixSortU64(key0, pos, keysTmp, n);
    if (needTie) {
      let i: usize = 0;
      while (i < n) {
        const k = load<u64>(key0 + (i << 3)) >> shift;
        let j = i + 1;
        while (j < n && (load<u64>(key0 + (j << 3)) >> shift) == k) j++;
        if (j - i > 1) refineRun(pos + (i << 2), j - i, 1, tieStart, perRow == 1 ? encodedStringBytes() : 0, true);
        i = j;
      }
    }
  } else {
    const posTmp = mem_alloc(n << 2);
    for (let p: usize = 0; p < n; p++) store<u32>(pos + (p << 2), <u32>p);
    if (mergeSortPairs(key0, pos, keysTmp, posTmp, n)) memory.copy(pos, posTmp, n << 2);
    mem_free(posTmp, n << 2);
  }
  mem_free(keysTmp, n << 3);
}

/**
 * Sorts positions 0..n-1 of `rowList` (0: rows 0..n-1) by keys keyStart.. and writes the rows of
 * the first `limit` to `out`. `key0NoNull`: key keyStart is not null on any of these rows.
 */
function sortSubset(rowList: usize, n: usize, keyStart: i32, key0NoNull: bool, out: usize, limit: usize): void {
  if (limit == 0 || n == 0) return;
  setSubset(rowList);
  if (keyStart >= numKeys) { copyRows(out, limit); return; }
  const tie = planLayout(keyStart, key0NoNull, widthCell);
  const width = <usize>load<u32>(widthCell);
  const perRow: usize = width <= 8 ? 1 : (width + 7) >> 3;
  const stride = perRow << 3;
  const key0 = mem_alloc(n << 3);
  const words = perRow == 1 ? key0 : mem_alloc(n * stride);
  const lastEncoded = tie < numKeys ? tie : numKeys - 1;
  const zero = !storesWholeWord(keyStart, stride);
  // Chunks of rows keep the records being built in cache while each key is OR-ed into them.
  for (let from: usize = 0; from < n; from += ENCODE_CHUNK) {
    const to = from + ENCODE_CHUNK < n ? from + ENCODE_CHUNK : n;
    if (zero) memory.fill(words + from * stride, 0, (to - from) * stride);
    for (let k = keyStart; k <= lastEncoded; k++) encodeKey(k, from, to, words, stride);
    if (perRow > 1) {
      for (let p = from; p < to; p++) store<u64>(key0 + (p << 3), load<u64>(words + p * stride));
    }
  }
  setLayout(words, <i32>perRow, tie);

  // A bounded heap pays while the limit is a small share of the rows (measured: at 1/30 a full
  // radix sort is as fast); above, sort everything and keep the first `limit`.
  if (limit < n && limit <= (n >> 6)) {
    const heap = mem_alloc(limit << 2);
    topN(key0, n, limit, heap, out);
    mem_free(heap, limit << 2);
  } else {
    // The result's positions go straight to `out` when all rows are wanted.
    const pos = limit == n ? out : mem_alloc(n << 2);
    sortPositions(key0, n, perRow, pos);
    if (rowList != 0 || pos != out) {
      for (let i: usize = 0; i < limit; i++) store<u32>(out + (i << 2), <u32>rowAt(<usize>load<u32>(pos + (i << 2))));
    }
    if (pos != out) mem_free(pos, n << 2);
  }
  if (perRow > 1) mem_free(words, n * stride);
  mem_free(key0, n << 3);
}

/**
 * Sorts rows `rowList[0..n)` (0: rows 0..n-1) by every key of the current key table and writes
 * the first `limit` rows of the stable order to `out`.
 */
export function sortRows(rowList: usize, n: usize, out: usize, limit: usize): void {
  if (numKeys == 0 || load<u32>(keyAt(0), KEY_MAY_NULL) == 0) {
    sortSubset(rowList, n, 0, false, out, limit);
    return;
  }
  // Split on the first key's NULLs: among them that key is equal; among the rest it is never null.
  const key = keyAt(0);
  setSubset(rowList);
  const nulls = mem_alloc(n << 2);
  const valid = mem_alloc(n << 2);
  let nn: usize = 0, nv: usize = 0;
  for (let p: usize = 0; p < n; p++) {
    const row = rowAt(p);
    if (keyIsNull(key, row)) { store<u32>(nulls + (nn << 2), <u32>row); nn++; }
    else { store<u32>(valid + (nv << 2), <u32>row); nv++; }
  }
  const nullsFirst = (load<u32>(key, KEY_FLAGS) & FLAG_NULLS_FIRST) != 0;
  const firstN = nullsFirst ? nn : nv;
  const firstLimit = limit < firstN ? limit : firstN;
  if (nullsFirst) {
    sortSubset(nulls, nn, 1, false, out, firstLimit);
    sortSubset(valid, nv, 0, true, out + (firstLimit << 2), limit - firstLimit);
  } else {
    sortSubset(valid, nv, 0, true, out, firstLimit);
    sortSubset(nulls, nn, 1, false, out + (firstLimit << 2), limit - firstLimit);
  }
  mem_free(valid, n << 2);
  mem_free(nulls, n << 2);
}
