// Folding runs of equal keys (key-runs.ts) before they enter the partition buffer of a big table
// (partition-buffer.ts): a run becomes one buffered row whose inputs are the run's folded values,
// so appending, flushing and probing happen once per run. Only where the fold is exact:
//   MIN/MAX over I32/I64   the run's MIN/MAX (order does not matter for integers);
//   SUM over a DECIMAL(p <= 18) (I64 into a 128-bit state)   the run's sum: with every value
//                          below 2^50 (see below) a state needs 2^76 rows to come near
//                          DECIMAL(38)'s limit, so neither order of additions can fail;
//   SUM over BIGINT (I64 into an i64 state)   the run's sum, when no run mixes signs: the state
//                          then moves monotonically through the run, so adding value by value
//                          overflows exactly when adding the sum does.
// Arguments must be NULL-free and the aggregate without FILTER. Run sums are exact in i64 while
// every |v| < 2^50 (a chunk has at most 2^11 rows); a chunk that breaks a rule is not folded.
// COUNT, AVG and DOUBLE SUM (whose result depends on the order of additions) are not covered.
import { COL_SIZE, KIND_I32, KIND_I64, col_kind, col_validity, col_values, col_write } from '../layout';
import { arena_alloc } from '../memory';
import { DESCS_PER_AGG } from './accumulate';
import { A_DEC, A_FN, FN_MAX, FN_MIN, FN_SUM, H_MODE, H_NAGGS, MODE_FINAL, aggInfo } from './table-layout';

const MAGNITUDE_LIMIT: u64 = <u64>1 << 50;

/** Whether every aggregate of the batch's inputs `aggDescs` folds exactly over runs (see above). */
export function runs_fold(t: usize, aggDescs: usize): bool {
  const na = load<u32>(t + H_NAGGS);
  if (na == 0 || load<u32>(t + H_MODE) == MODE_FINAL) return false;
  for (let a: u32 = 0; a < na; a++) {
    const arg = aggDescs + <usize>a * DESCS_PER_AGG * COL_SIZE;
    const fn = load<u32>(aggInfo(t, a) + A_FN);
    const kind = col_kind(arg);
    if (col_validity(arg) != 0 || col_kind(arg + COL_SIZE) != 0) return false;
    if (fn == FN_SUM && kind == KIND_I64) continue;
    if ((fn == FN_MIN || fn == FN_MAX) && (kind == KIND_I32 || kind == KIND_I64)) continue;
    return false;
  }
  return true;
}

/**
 * Writes into `out` (3 descriptors per aggregate, like `aggDescs`) each aggregate's values folded
 * over the runs of the chunk's rows vec[0..m) (run i: positions starts[i] .. starts[i+1]-1), as
 * columns of r rows. Returns false when a run breaks a rule above (nothing usable was written).
 */
export function fold_runs(t: usize, aggDescs: usize, vec: usize, m: usize, starts: usize, r: usize, out: usize): bool {
  const na = load<u32>(t + H_NAGGS);
  memory.fill(out, 0, <usize>na * DESCS_PER_AGG * COL_SIZE);
  for (let a: u32 = 0; a < na; a++) {
    const info = aggInfo(t, a);
    const fn = load<u32>(info + A_FN);
    const arg = aggDescs + <usize>a * DESCS_PER_AGG * COL_SIZE;
    const kind = col_kind(arg);
    const folded = arena_alloc(r << (kind == KIND_I64 ? 3 : 2));
    let exact = true;
    if (fn == FN_SUM) exact = sum_runs(col_values(arg), load<u32>(info + A_DEC) != 0, vec, m, starts, r, folded);
    else if (kind == KIND_I64) extreme_runs<i64>(col_values(arg), fn == FN_MAX, vec, m, starts, r, folded);
    else extreme_runs<i32>(col_values(arg), fn == FN_MAX, vec, m, starts, r, folded);
    if (!exact) return false;
    col_write(out + <usize>a * DESCS_PER_AGG * COL_SIZE, kind, 0, 0, folded, 0, <u32>r);
  }
  return true;
}

/** Run sums of an I64 column; false when a value is too large or (`mixedOk` false) a run mixes signs. */
function sum_runs(values: usize, mixedOk: bool, vec: usize, m: usize, starts: usize, r: usize, out: usize): bool {
  let magnitudes: u64 = 0;
  let mixed = false;
  for (let i: usize = 0; i < r; i++) {
    const from = <usize>load<u32>(starts + (i << 2));
    const to = i + 1 < r ? <usize>load<u32>(starts + ((i + 1) << 2)) : m;
    let sum: i64 = 0;
    let neg = false;
    let pos = false;
    for (let k = from; k < to; k++) {
      const v = load<i64>(values + (<usize>load<u32>(vec + (k << 2)) << 3));
      const sign = v >> 63;
      magnitudes |= <u64>((v ^ sign) - sign);
      neg = neg || v < 0;
      pos = pos || v > 0;
      sum += v;
    }
    mixed = mixed || (neg && pos);
    store<i64>(out + (i << 3), sum);
  }
  return magnitudes < MAGNITUDE_LIMIT && (mixedOk || !mixed);
}

// @ts-ignore: decorator
@inline function extreme_runs<T>(values: usize, isMax: bool, vec: usize, m: usize, starts: usize, r: usize, out: usize): void {
  for (let i: usize = 0; i < r; i++) {
    const from = <usize>load<u32>(starts + (i << 2));
    const to = i + 1 < r ? <usize>load<u32>(starts + ((i + 1) << 2)) : m;
    let best = load<T>(values + (<usize>load<u32>(vec + (from << 2)) * sizeof<T>()));
    for (let k = from + 1; k < to; k++) {
      const v = load<T>(values + (<usize>load<u32>(vec + (k << 2)) * sizeof<T>()));
      best = isMax ? (v > best ? v : best) : (v < best ? v : best);
    }
    store<T>(out + i * sizeof<T>(), best);
  }
}
