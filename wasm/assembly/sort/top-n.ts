// Top-N by a bounded max-heap: keeps the `limit` best positions seen so far, the worst of them at
// the root, so each further position costs one comparison with the root when it does not qualify.
// Equal keys are ordered by position, which makes the result exactly the first `limit` entries of
// the stable full sort, whatever the batch boundaries were.

import { needTie, rowAt } from './context';
import { compareTail } from './tiebreak';

/** Whether position a sorts after position b (keys, then tail, then position). */
// @ts-ignore: decorator
@inline function worse(keys: usize, a: u32, b: u32): bool {
  const ka = load<u64>(keys + (<usize>a << 3));
  const kb = load<u64>(keys + (<usize>b << 3));
  if (ka != kb) return ka > kb;
  if (needTie) {
    const c = compareTail(<usize>a, <usize>b);
    if (c != 0) return c > 0;
  }
  return a > b;
}

function siftDown(keys: usize, heap: usize, size: usize, at: usize): void {
  const p = load<u32>(heap + (at << 2));
  let i = at;
  while (true) {
    let c = (i << 1) + 1;
    if (c >= size) break;
    let pc = load<u32>(heap + (c << 2));
    if (c + 1 < size) {
      const pr = load<u32>(heap + ((c + 1) << 2));
      if (worse(keys, pr, pc)) { c++; pc = pr; }
    }
    if (!worse(keys, pc, p)) break;
    store<u32>(heap + (i << 2), pc);
    i = c;
  }
  store<u32>(heap + (i << 2), p);
}

function siftUp(keys: usize, heap: usize, at: usize): void {
  const p = load<u32>(heap + (at << 2));
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pp = load<u32>(heap + (parent << 2));
    if (!worse(keys, p, pp)) break;
    store<u32>(heap + (i << 2), pp);
    i = parent;
  }
  store<u32>(heap + (i << 2), p);
}

/**
 * Writes to `out` the rows of the `limit` best of positions 0..n-1 (by their first normalized
 * word in `keys`, then compareTail, then position), best first. `heap` holds `limit` u32.
 */
export function topN(keys: usize, n: usize, limit: usize, heap: usize, out: usize): void {
  let size: usize = 0;
  let p: usize = 0;
  for (; p < n && size < limit; p++) {
    store<u32>(heap + (size << 2), <u32>p);
    siftUp(keys, heap, size);
    size++;
  }
  if (size > 0) {
    let rootKey = load<u64>(keys + (<usize>load<u32>(heap) << 3));
    for (; p < n; p++) {
      const k = load<u64>(keys + (p << 3));
      // A later position with an equal key never qualifies unless its tail is strictly better.
      if (k > rootKey) continue;
      if (k == rootKey && !(needTie && compareTail(p, <usize>load<u32>(heap)) < 0)) continue;
      store<u32>(heap, <u32>p);
      siftDown(keys, heap, size, 0);
      rootKey = load<u64>(keys + (<usize>load<u32>(heap) << 3));
    }
  }
  // Pop the worst into the last free output slot until the heap is empty.
  while (size > 0) {
    size--;
    store<u32>(out + (size << 2), <u32>rowAt(<usize>load<u32>(heap)));
    store<u32>(heap, load<u32>(heap + (size << 2)));
    siftDown(keys, heap, size, 0);
  }
}
