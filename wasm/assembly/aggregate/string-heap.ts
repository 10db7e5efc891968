// Long-lived storage for the UTF8 bytes a table keeps (group keys, distinct values): append-only
// pages owned by the table, freed all together with it. Input batches die after each update, so
// every byte a table needs later is copied here once, when its group or value is first seen.
import { mem_alloc, mem_free } from '../memory';
import { H_HEAP, H_HEAP_END, H_HEAP_POS } from './table-layout';

const PAGE: usize = 65536;
const PAGE_HEADER: usize = 8; // [previous page u32, page size u32]
/**
 * Bytes after every kept string that stay inside its page, so that probes may read a kept string
 * a whole word (up to 32 bytes) at a time and mask off what lies past its end.
 */
export const STRING_SLACK: usize = 32;

/** Copies `len` bytes at `src` into the table's heap; returns their new address (0 when len is 0). */
export function heap_copy(t: usize, src: usize, len: usize): usize {
  if (len == 0) return 0;
  let pos = <usize>load<u32>(t + H_HEAP_POS);
  if (pos + len + STRING_SLACK > <usize>load<u32>(t + H_HEAP_END) || pos == 0) {
    const size = len + PAGE_HEADER + STRING_SLACK > PAGE ? len + PAGE_HEADER + STRING_SLACK : PAGE;
    const page = mem_alloc(size);
    store<u32>(page, load<u32>(t + H_HEAP));
    store<u32>(page, <u32>size, 4);
    store<u32>(t + H_HEAP, <u32>page);
    pos = page + PAGE_HEADER;
    store<u32>(t + H_HEAP_END, <u32>(page + size));
  }
  memory.copy(pos, src, len);
  store<u32>(t + H_HEAP_POS, <u32>(pos + len));
  return pos;
}

/** Frees every page of the table's heap. */
export function heap_free(t: usize): void {
  let page = <usize>load<u32>(t + H_HEAP);
  while (page != 0) {
    const prev = <usize>load<u32>(page);
    mem_free(page, <usize>load<u32>(page, 4));
    page = prev;
  }
  store<u32>(t + H_HEAP, 0);
  store<u32>(t + H_HEAP_POS, 0);
  store<u32>(t + H_HEAP_END, 0);
}

/** Bytewise comparison of two byte strings (shorter prefix first): <0, 0, >0. */
export function bytes_compare(a: usize, alen: usize, b: usize, blen: usize): i32 {
  const n = alen < blen ? alen : blen;
  let i: usize = 0;
  while (i + 8 <= n) {
    const x = load<u64>(a + i);
    const y = load<u64>(b + i);
    if (x != y) {
      // The first differing byte decides; bswap makes the u64 order the byte order.
      return bswap<u64>(x) < bswap<u64>(y) ? -1 : 1;
    }
    i += 8;
  }
  while (i < n) {
    const x = load<u8>(a + i);
    const y = load<u8>(b + i);
    if (x != y) return x < y ? -1 : 1;
    i++;
  }
  return alen == blen ? 0 : (alen < blen ? -1 : 1);
}

/** Whether two byte strings are equal. */
export function bytes_equal(a: usize, alen: usize, b: usize, blen: usize): bool {
  if (alen != blen) return false;
  let i: usize = 0;
  while (i + 8 <= alen) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  while (i < alen) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
  }
  return true;
}
