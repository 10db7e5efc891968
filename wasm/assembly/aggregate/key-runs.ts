// Runs of equal keys: input clustered by its grouping key (lineitem by l_orderkey, the output of
// a join probed in key order) repeats each key on consecutive rows. A chunk is then looked up
// once per run instead of once per row: the run's first row is encoded, hashed and probed, and
// every row of the run takes that state row (expand_runs), so the aggregates fold exactly the
// rows, in exactly the order, they would otherwise. Detection is a compare of each row's key
// with the previous row's, after a sample of the chunk's first rows says runs are likely, so
// unclustered input pays for SAMPLE compares per chunk.
//
// Keys covered: one or more I32/I64 columns (INT, DATE, BIGINT, TIMESTAMP, DECIMAL(p <= 18)),
// NULLs included (a NULL key equals a NULL key, as in grouping).
import { COL_SIZE, KIND_I32, KIND_I64, col_is_valid, col_kind, col_validity, col_values } from '../layout';

/** Adjacent pairs at the start of a chunk checked before looking for runs in all of it. */
const SAMPLE: usize = 32;

/** Whether the key columns `descs` (nk of them) are of kinds whose runs find_runs detects. */
export function runs_apply(descs: usize, nk: usize): bool {
  if (nk == 0 || nk > 4) return false;
  for (let c: usize = 0; c < nk; c++) {
    const kind = col_kind(descs + c * COL_SIZE);
    if (kind != KIND_I32 && kind != KIND_I64) return false;
  }
  return true;
}

/**
 * Splits the chunk's rows vec[0..m) into runs of equal keys: starts[i] the position in vec of run
 * i's first row, heads[i] that row. Returns the number of runs, or 0 when runs do not pay (the
 * sample finds fewer than a quarter of its pairs equal, or runs average fewer than 4/3 rows).
 */
export function find_runs(descs: usize, nk: usize, vec: usize, m: usize, starts: usize, heads: usize): usize {
  if (m < 2) return 0;
  const sample = m - 1 < SAMPLE ? m - 1 : SAMPLE;
  let equal: usize = 0;
  for (let k: usize = 1; k <= sample; k++) equal += <usize>same_keys(descs, nk, vec, k);
  if (equal * 4 < sample) return 0;
  const most = (m * 3) >> 2;
  store<u32>(starts, 0);
  store<u32>(heads, load<u32>(vec));
  let r: usize = 1;
  if (nk == 1 && col_validity(descs) == 0) {
    r = col_kind(descs) == KIND_I64 ? split<i64>(col_values(descs), vec, m, starts, heads, most)
      : split<i32>(col_values(descs), vec, m, starts, heads, most);
  } else {
    for (let k: usize = 1; k < m && r <= most; k++) {
      if (same_keys(descs, nk, vec, k)) continue;
      store<u32>(starts + (r << 2), <u32>k);
      store<u32>(heads + (r << 2), load<u32>(vec + (k << 2)));
      r++;
    }
  }
  return r <= most ? r : 0;
}

/**
 * Gives every row of the chunk its run's state row: on entry ptrs[i] is run i's, on return ptrs[k]
 * is row k's. Goes backwards, so run pointers not yet spread (positions below starts[i]) stay.
 */
export function expand_runs(starts: usize, r: usize, m: usize, ptrs: usize): void {
  let end = m;
  for (let i = <isize>r - 1; i >= 0; i--) {
    const from = <usize>load<u32>(starts + (<usize>i << 2));
    const p = load<u32>(ptrs + (<usize>i << 2));
    for (let k = from; k < end; k++) store<u32>(ptrs + (k << 2), p);
    end = from;
  }
}

// @ts-ignore: decorator
@inline function split<T>(values: usize, vec: usize, m: usize, starts: usize, heads: usize, most: usize): usize {
  let r: usize = 1;
  let prev = load<T>(values + (<usize>load<u32>(vec) * sizeof<T>()));
  for (let k: usize = 1; k < m; k++) {
    const row = load<u32>(vec + (k << 2));
    const v = load<T>(values + (<usize>row * sizeof<T>()));
    if (v == prev) continue;
    prev = v;
    store<u32>(starts + (r << 2), <u32>k);
    store<u32>(heads + (r << 2), row);
    if (++r > most) break;
  }
  return r;
}

/** Whether rows vec[k - 1] and vec[k] have equal keys (NULL equal to NULL). */
function same_keys(descs: usize, nk: usize, vec: usize, k: usize): bool {
  const a = <usize>load<u32>(vec + ((k - 1) << 2));
  const b = <usize>load<u32>(vec + (k << 2));
  for (let c: usize = 0; c < nk; c++) {
    const d = descs + c * COL_SIZE;
    const va = col_is_valid(d, a);
    if (va != col_is_valid(d, b)) return false;
    if (!va) continue;
    const values = col_values(d);
    if (col_kind(d) == KIND_I64) {
      if (load<i64>(values + (a << 3)) != load<i64>(values + (b << 3))) return false;
    } else if (load<i32>(values + (a << 2)) != load<i32>(values + (b << 2))) {
      return false;
    }
  }
  return true;
}
