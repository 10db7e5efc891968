// The build rows a build-side join emits after the last probe batch: the unmatched ones (left or
// full join with build=left, right or full join with build=right, anti with build=left) or the
// matched ones (semi with build=left). Rows with a NULL key are never matched.

import { H_MATCHED, H_ROWS, H_SCAN, hdr, set_hdr } from './header';

/** Restarts the scan of join_build_rows at build row 0. */
export function join_build_rows_begin(t: usize): void {
  set_hdr(t, H_SCAN, 0);
}

/**
 * Writes the next at most `maxRows` build row ids (i32, ascending) that were matched (`matched`
 * 1) or never matched (0) to `out`; returns how many, 0 once the scan is done. The table must
 * track matches (JOIN_TRACK_BUILD).
 */
export function join_build_rows(t: usize, matched: u32, out: usize, maxRows: u32): u32 {
  const map = hdr(t, H_MATCHED);
  const n = hdr(t, H_ROWS);
  const want: u8 = matched != 0 ? 1 : 0;
  let r = hdr(t, H_SCAN);
  let count: usize = 0;
  const max = <usize>maxRows;
  // Skip 8 rows at a time while none of them is wanted.
  const skip: u64 = want ? 0 : 0x0101010101010101;
  while (r < n && count < max) {
    if (r + 8 <= n && load<u64>(map + r) == skip) {
      r += 8;
      continue;
    }
    if (load<u8>(map + r) == want) {
      store<i32>(out + (count << 2), <i32>r);
      count++;
    }
    r++;
  }
  set_hdr(t, H_SCAN, r);
  return <u32>count;
}
