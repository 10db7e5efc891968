// String functions over STR registers (8-byte views). SUBSTRING and TRIM return views into their
// input (no copy); UPPER, LOWER, CONCAT and REPLACE write each vector's results into the arena.
// Positions and lengths count code points. All are NULL when an argument is NULL.
import { arena_alloc } from '../memory';
import { toLowerCp, toUpperCp } from './case-map';
import { nullsOr, nullsOr3, regNulls, regOwnValues, regValues, setReg, vecLen } from './state';
import { advance, countCodePoints, cpBytes, decodeAt, encodeAt, findBytes } from './utf8';

// @ts-ignore: decorator
@inline function viewPtr(v: usize, i: i32): usize { return <usize>load<u32>(v + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function viewLen(v: usize, i: i32): usize { return <usize>load<u32>(v + (<usize>i << 3), 4); }
// @ts-ignore: decorator
@inline function setView(v: usize, i: i32, p: usize, l: usize): void {
  store<u32>(v + (<usize>i << 3), <u32>p);
  store<u32>(v + (<usize>i << 3), <u32>l, 4);
}

/** Total bytes of the views of a register in the current vector. */
function totalBytes(v: usize, n: i32): usize {
  let t: usize = 0;
  for (let i = 0; i < n; i++) t += viewLen(v, i);
  return t;
}

/** UPPER (upper = true) or LOWER dst <- a. */
export function op_case(ins: usize, upper: bool): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  let p = arena_alloc(totalBytes(va, n));
  for (let i = 0; i < n; i++) {
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    const start = p;
    let k: usize = 0;
    while (k < l) {
      const b = <u32>load<u8>(s + k);
      if (b < 0x80) {
        const c = upper ? (b - 0x61 < 26 ? b - 32 : b) : (b - 0x41 < 26 ? b + 32 : b);
        store<u8>(p++, <u8>c);
        k++;
        continue;
      }
      const w = cpBytes(b);
      const cp = decodeAt(s + k, l - k);
      const mapped = upper ? toUpperCp(cp) : toLowerCp(cp);
      if (mapped == cp || cp == 0xFFFD) {
        const m = k + w <= l ? w : l - k;
        memory.copy(p, s + k, m);
        p += m;
      } else {
        p += encodeAt(mapped, p);
      }
      k += w;
    }
    setView(out, i, start, p - start);
  }
  setReg(dst, out, regNulls(a));
}

/** SUBSTRING dst <- a from b for c (c < 0: to the end), Flink's rules (see the reference). */
export function op_substring(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const c = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const vc = c >= 0 ? regValues(c) : 0;
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) {
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    const pos = <i64>load<i32>(vb + (<usize>i << 2));
    let start: i64;
    if (pos > 0) start = pos - 1;
    else if (pos < 0) start = <i64>countCodePoints(s, l) + pos;
    else start = 0;
    const end: i64 = c >= 0 ? start + <i64>load<i32>(vc + (<usize>i << 2)) : <i64>0x7FFFFFFFFFFFFFFF;
    const from = start > 0 ? start : 0;
    if (end <= from) {
      setView(out, i, s, 0);
      continue;
    }
    const p0 = advance(s, s + l, from);
    const p1 = end == <i64>0x7FFFFFFFFFFFFFFF ? s + l : advance(p0, s + l, end - from);
    setView(out, i, p0, p1 - p0);
  }
  setReg(dst, out, c >= 0 ? nullsOr3(dst, regNulls(a), regNulls(b), regNulls(c)) : nullsOr(dst, regNulls(a), regNulls(b)));
}

/** TRIM dst <- a without leading (b != 2) and trailing (b != 1) spaces. */
export function op_trim(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const side = load<i32>(ins, 16);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) {
    let s = viewPtr(va, i);
    let e = s + viewLen(va, i);
    if (side != 2) while (s < e && load<u8>(s) == 0x20) s++;
    if (side != 1) while (e > s && load<u8>(e - 1) == 0x20) e--;
    setView(out, i, s, e - s);
  }
  setReg(dst, out, regNulls(a));
}

/** CONCAT dst <- a || b. */
export function op_concat(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const out = regOwnValues(dst);
  let p = arena_alloc(totalBytes(va, n) + totalBytes(vb, n));
  for (let i = 0; i < n; i++) {
    const la = viewLen(va, i);
    const lb = viewLen(vb, i);
    memory.copy(p, viewPtr(va, i), la);
    memory.copy(p + la, viewPtr(vb, i), lb);
    setView(out, i, p, la + lb);
    p += la + lb;
  }
  setReg(dst, out, nullsOr(dst, regNulls(a), regNulls(b)));
}

/** CHAR_LENGTH dst(I32) <- code points of a. */
export function op_char_length(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), countCodePoints(viewPtr(va, i), viewLen(va, i)));
  setReg(dst, out, regNulls(a));
}

/** REPLACE dst <- a with every occurrence of b replaced by c (an empty b replaces nothing). */
export function op_replace(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const c = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const vc = regValues(c);
  const out = regOwnValues(dst);
  // First pass: the size of every result.
  let total: usize = 0;
  for (let i = 0; i < n; i++) {
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    const fl = viewLen(vb, i);
    let size = l;
    if (fl != 0) {
      let at: usize = 0;
      for (;;) {
        const k = findBytes(s + at, l - at, viewPtr(vb, i), fl);
        if (k < 0) break;
        size = size - fl + viewLen(vc, i);
        at += <usize>k + fl;
      }
    }
    total += size;
  }
  let p = arena_alloc(total);
  for (let i = 0; i < n; i++) {
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    const f = viewPtr(vb, i);
    const fl = viewLen(vb, i);
    const start = p;
    let at: usize = 0;
    if (fl != 0) {
      for (;;) {
        const k = findBytes(s + at, l - at, f, fl);
        if (k < 0) break;
        memory.copy(p, s + at, <usize>k);
        p += <usize>k;
        memory.copy(p, viewPtr(vc, i), viewLen(vc, i));
        p += viewLen(vc, i);
        at += <usize>k + fl;
      }
    }
    memory.copy(p, s + at, l - at);
    p += l - at;
    setView(out, i, start, p - start);
  }
  setReg(dst, out, nullsOr3(dst, regNulls(a), regNulls(b), regNulls(c)));
}

/** POSITION dst(I32) <- 1-based code point position of a in b (an empty a is at 1), 0 when absent. */
export function op_position(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) {
    const h = viewPtr(vb, i);
    const k = findBytes(h, viewLen(vb, i), viewPtr(va, i), viewLen(va, i));
    store<i32>(out + (<usize>i << 2), k < 0 ? 0 : countCodePoints(h, <usize>k) + 1);
  }
  setReg(dst, out, nullsOr(dst, regNulls(a), regNulls(b)));
}
