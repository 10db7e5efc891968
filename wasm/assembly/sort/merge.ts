// Stable merge sort of (u64 first word, u32 position) pairs: insertion sort of short runs, then
// bottom-up merges between the arrays and their scratch twins. Equal first words fall back to
// compareTail (remaining words, then real values of string keys and the keys after them).

import { needTie } from './context';
import { compareKeysFrom, compareTail } from './tiebreak';

const RUN: usize = 24;

/** Whether pair b sorts strictly before pair a. */
// @ts-ignore: decorator
@inline function before(kb: u64, pb: u32, ka: u64, pa: u32): bool {
  if (kb != ka) return kb < ka;
  return needTie && compareTail(<usize>pb, <usize>pa) < 0;
}

function insertionSort(keys: usize, pos: usize, from: usize, to: usize): void {
  for (let i = from + 1; i < to; i++) {
    const k = load<u64>(keys + (i << 3));
    const p = load<u32>(pos + (i << 2));
    let j = i;
    while (j > from) {
      const kj = load<u64>(keys + ((j - 1) << 3));
      const pj = load<u32>(pos + ((j - 1) << 2));
      if (!before(k, p, kj, pj)) break;
      store<u64>(keys + (j << 3), kj);
      store<u32>(pos + (j << 2), pj);
      j--;
    }
    store<u64>(keys + (j << 3), k);
    store<u32>(pos + (j << 2), p);
  }
}

function mergeRuns(sk: usize, sp: usize, dk: usize, dp: usize, lo: usize, mid: usize, hi: usize): void {
  let i = lo, j = mid, o = lo;
  while (i < mid && j < hi) {
    const ki = load<u64>(sk + (i << 3));
    const pi = load<u32>(sp + (i << 2));
    const kj = load<u64>(sk + (j << 3));
    const pj = load<u32>(sp + (j << 2));
    if (before(kj, pj, ki, pi)) {
      store<u64>(dk + (o << 3), kj);
      store<u32>(dp + (o << 2), pj);
      j++;
    } else {
      store<u64>(dk + (o << 3), ki);
      store<u32>(dp + (o << 2), pi);
      i++;
    }
    o++;
  }
  if (i < mid) {
    memory.copy(dk + (o << 3), sk + (i << 3), (mid - i) << 3);
    memory.copy(dp + (o << 2), sp + (i << 2), (mid - i) << 2);
  } else if (j < hi) {
    memory.copy(dk + (o << 3), sk + (j << 3), (hi - j) << 3);
    memory.copy(dp + (o << 2), sp + (j << 2), (hi - j) << 2);
  }
}

/**
 * Sorts `n` pairs in (keys, pos) stably, with (keysTmp, posTmp) as scratch. Returns true when
 * the result ended in the scratch arrays.
 */
export function mergeSortPairs(keys: usize, pos: usize, keysTmp: usize, posTmp: usize, n: usize): bool {
  for (let lo: usize = 0; lo < n; lo += RUN) insertionSort(keys, pos, lo, lo + RUN < n ? lo + RUN : n);
  let sk = keys, sp = pos, dk = keysTmp, dp = posTmp;
  let swapped = false;
  for (let width = RUN; width < n; width <<= 1) {
    for (let lo: usize = 0; lo < n; lo += width << 1) {
      const mid = lo + width < n ? lo + width : n;
      const hi = lo + (width << 1) < n ? lo + (width << 1) : n;
      if (mid >= hi) {
        memory.copy(dk + (lo << 3), sk + (lo << 3), (hi - lo) << 3);
        memory.copy(dp + (lo << 2), sp + (lo << 2), (hi - lo) << 2);
      } else {
        mergeRuns(sk, sp, dk, dp, lo, mid, hi);
      }
    }
    const tk = sk; sk = dk; dk = tk;
    const tp = sp; sp = dp; dp = tp;
    swapped = !swapped;
  }
  return swapped;
}

/** Order of positions p and q for sortTies: compareTail, or the keys from `from` on real values. */
// @ts-ignore: decorator
@inline function tieOrder(p: u32, q: u32, from: i32): i32 {
  return from < 0 ? compareTail(<usize>p, <usize>q) : compareKeysFrom(<usize>p, <usize>q, from);
}

/** Stable insertion sort of positions by tieOrder. */
function insertionSortTies(pos: usize, n: usize, from: i32): void {
  for (let i: usize = 1; i < n; i++) {
    const p = load<u32>(pos + (i << 2));
    let j = i;
    while (j > 0) {
      const q = load<u32>(pos + ((j - 1) << 2));
      if (tieOrder(p, q, from) >= 0) break;
      store<u32>(pos + (j << 2), q);
      j--;
    }
    store<u32>(pos + (j << 2), p);
  }
}

/**
 * Sorts n positions whose first words are all equal, stably, with `tmp` (n u32) as scratch; the
 * result is in `pos`. `from` < 0: by compareTail; else by the real values of keys from..numKeys-1
 * (the run is known equal on every key before).
 */
export function sortTies(pos: usize, tmp: usize, n: usize, from: i32): void {
  const run: usize = 16;
  for (let lo: usize = 0; lo < n; lo += run) insertionSortTies(pos + (lo << 2), lo + run < n ? run : n - lo, from);
  if (n <= run) return;
  let src = pos, dst = tmp;
  for (let width = run; width < n; width <<= 1) {
    for (let lo: usize = 0; lo < n; lo += width << 1) {
      const mid = lo + width < n ? lo + width : n;
      const hi = lo + (width << 1) < n ? lo + (width << 1) : n;
      let i = lo, j = mid, o = lo;
      while (i < mid && j < hi) {
        const pi = load<u32>(src + (i << 2));
        const pj = load<u32>(src + (j << 2));
        if (tieOrder(pj, pi, from) < 0) { store<u32>(dst + (o << 2), pj); j++; }
        else { store<u32>(dst + (o << 2), pi); i++; }
        o++;
      }
      if (i < mid) memory.copy(dst + (o << 2), src + (i << 2), (mid - i) << 2);
      else if (j < hi) memory.copy(dst + (o << 2), src + (j << 2), (hi - j) << 2);
    }
    const t = src; src = dst; dst = t;
  }
  if (src != pos) memory.copy(pos, src, n << 2);
}
