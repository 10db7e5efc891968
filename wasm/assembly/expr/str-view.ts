// Helpers of the string kernels in string-fns.ts, regex.ts and date-format.ts: access to the
// 8-byte views (u32 pointer, u32 byte length) of STR registers, and null bytes that a kernel owns
// and may extend (functions that return NULL for some non-NULL inputs).
import { regNulls, regOwnNulls, vecLen } from './state';

// @ts-ignore: decorator
@inline export function viewPtr(v: usize, i: i32): usize { return <usize>load<u32>(v + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline export function viewLen(v: usize, i: i32): usize { return <usize>load<u32>(v + (<usize>i << 3), 4); }
// @ts-ignore: decorator
@inline export function setView(v: usize, i: i32, p: usize, l: usize): void {
  store<u32>(v + (<usize>i << 3), <u32>p);
  store<u32>(v + (<usize>i << 3), <u32>l, 4);
}

function orInto(out: usize, r: i32, n: usize): void {
  if (r < 0) return;
  const nb = regNulls(r);
  if (nb == 0) return;
  for (let i: usize = 0; i < n; i += 8) store<u64>(out + i, load<u64>(out + i) | load<u64>(nb + i));
}

/**
 * The destination's own null bytes set to the OR of the null bytes of registers a, b, c (-1: no
 * register): a strict function's nulls, which the kernel may then extend row by row.
 */
export function ownNulls(dst: i32, a: i32, b: i32, c: i32): usize {
  const out = regOwnNulls(dst);
  const n = (<usize>vecLen() + 7) & ~<usize>7;
  memory.fill(out, 0, n);
  orInto(out, a, n);
  orInto(out, b, n);
  orInto(out, c, n);
  return out;
}

/** Whether row i is NULL in null bytes owned by a kernel. */
// @ts-ignore: decorator
@inline export function nullAt(nulls: usize, i: i32): bool { return load<u8>(nulls + <usize>i) != 0; }
