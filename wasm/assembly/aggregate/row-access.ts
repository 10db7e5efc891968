// How the accumulator loops address rows: either a contiguous run (rows start .. start+n-1, no
// selection vector: M = u8) or a vector of u32 row indices (M = u32). The marker type is resolved
// at compile time, so each loop is generated twice without a per-row branch.

/** Row of the k-th element: start + k (M = u8) or rows[k] (M = u32). */
// @ts-ignore: decorator
@inline export function row_at<M>(rows: usize, start: usize, k: usize): usize {
  if (sizeof<M>() == 1) return start + k;
  return <usize>load<u32>(rows + (k << 2));
}

/** State-row address of the k-th element. */
// @ts-ignore: decorator
@inline export function ptr_at(ptrs: usize, k: usize): usize {
  return <usize>load<u32>(ptrs + (k << 2));
}

/** Writes the rows start .. start+n-1 as a u32 vector (for loops that only take vectors). */
export function identity_rows(out: usize, start: usize, n: usize): usize {
  for (let k: usize = 0; k < n; k++) store<u32>(out + (k << 2), <u32>(start + k));
  return out;
}
