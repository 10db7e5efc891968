// More of Flink's string functions: CONCAT_WS, SPLIT_INDEX, LPAD/RPAD, REPEAT, REVERSE, INITCAP,
// LEFT/RIGHT, LOCATE, ASCII, CHR and TRIM of given characters. Lengths and positions count code
// points. Results that are parts of an input (SPLIT_INDEX, LEFT, RIGHT, TRIM) are views into it;
// others are written into the arena. Rows where an argument is NULL are skipped (their values
// under NULL may be garbage) and give NULL.
import { arena_alloc } from '../memory';
import { advance, countCodePoints, cpBytes, decodeAt, encodeAt, findBytes } from './utf8';
import { nullAt, ownNulls, setView, viewLen, viewPtr } from './str-view';
import { regNulls, regOwnValues, regValues, setReg, vecLen } from './state';

// @ts-ignore: decorator
@inline function i32At(v: usize, i: i32): i32 { return load<i32>(v + (<usize>i << 2)); }

/**
 * CONCAT_WS step (d = 0): dst <- a (accumulator register, or -1 before the first argument) joined
 * with c by separator b, skipping a NULL c; the accumulator is NULL while no argument was taken.
 * Finish (d = 1): dst <- NULL when the separator b is NULL, else a ('' when still NULL).
 */
export function op_concat_ws(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const c = load<i32>(ins, 20);
  const finish = load<i32>(ins, 24) == 1;
  const n = vecLen();
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, -1, -1, -1);
  const va = a >= 0 ? regValues(a) : 0;
  const na = a >= 0 ? regNulls(a) : 0;
  const vb = regValues(b);
  const nb = regNulls(b);
  if (finish) {
    for (let i = 0; i < n; i++) {
      if (nb != 0 && load<u8>(nb + <usize>i) != 0) store<u8>(nulls + <usize>i, 1);
      else if (na != 0 && load<u8>(na + <usize>i) != 0) setView(out, i, vb, 0);
      else setView(out, i, viewPtr(va, i), viewLen(va, i));
    }
    setReg(dst, out, nulls);
    return;
  }
  const vc = regValues(c);
  const nc = regNulls(c);
  let total: usize = 0;
  for (let i = 0; i < n; i++) {
    const accNull = a < 0 || (na != 0 && load<u8>(na + <usize>i) != 0);
    const xNull = nc != 0 && load<u8>(nc + <usize>i) != 0;
    if (!accNull && !xNull) total += viewLen(va, i) + viewLen(vc, i) + (nb != 0 && load<u8>(nb + <usize>i) != 0 ? 0 : viewLen(vb, i));
  }
  let p = arena_alloc(total);
  for (let i = 0; i < n; i++) {
    const accNull = a < 0 || (na != 0 && load<u8>(na + <usize>i) != 0);
    const xNull = nc != 0 && load<u8>(nc + <usize>i) != 0;
    if (xNull) {
      if (accNull) store<u8>(nulls + <usize>i, 1);
      else setView(out, i, viewPtr(va, i), viewLen(va, i));
    } else if (accNull) {
      setView(out, i, viewPtr(vc, i), viewLen(vc, i));
    } else {
      const start = p;
      memory.copy(p, viewPtr(va, i), viewLen(va, i));
      p += viewLen(va, i);
      if (!(nb != 0 && load<u8>(nb + <usize>i) != 0)) {
        memory.copy(p, viewPtr(vb, i), viewLen(vb, i));
        p += viewLen(vb, i);
      }
      memory.copy(p, viewPtr(vc, i), viewLen(vc, i));
      p += viewLen(vc, i);
      setView(out, i, start, p - start);
    }
  }
  setReg(dst, out, nulls);
}

/** Java's Character.isWhitespace. */
function isJavaWhitespace(cp: u32): bool {
  if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
  if (cp < 0x1680) return false;
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006) || (cp >= 0x2008 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
    || cp == 0x205F || cp == 0x3000;
}

/**
 * SPLIT_INDEX dst <- field c (I32, 0-based) of a split by b: every occurrence of b separates
 * (empty fields kept); an empty b splits at each whitespace character. NULL when c is negative or
 * past the last field, and for an empty a (which has no fields).
 */
export function op_split_index(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const c = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const vc = regValues(c);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, b, c);
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    let idx = i32At(vc, i);
    if (idx < 0 || l == 0) { store<u8>(nulls + <usize>i, 1); continue; }
    const sep = viewPtr(vb, i);
    const sl = viewLen(vb, i);
    let from: usize = 0;
    let found = false;
    for (;;) {
      // The end of the field that starts at `from`, and where the next one starts.
      let end: usize = l;
      let next: usize = l + 1;
      if (sl != 0) {
        const k = findBytes(s + from, l - from, sep, sl);
        if (k >= 0) { end = from + <usize>k; next = end + sl; }
      } else {
        let q = from;
        while (q < l) {
          const w = cpBytes(<u32>load<u8>(s + q));
          if (isJavaWhitespace(decodeAt(s + q, l - q))) { end = q; next = q + w; break; }
          q += w;
        }
      }
      if (idx == 0) {
        setView(out, i, s + from, end - from);
        found = true;
        break;
      }
      if (next > l) break;
      idx--;
      from = next;
    }
    if (!found) store<u8>(nulls + <usize>i, 1);
  }
  setReg(dst, out, nulls);
}

/**
 * LPAD (d = 0) / RPAD (d = 1) dst <- a padded with c to b code points, or cut to its first b;
 * NULL when b is negative or c is empty.
 */
export function op_pad(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const c = load<i32>(ins, 20);
  const right = load<i32>(ins, 24) == 1;
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const vc = regValues(c);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, b, c);
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    const len = i32At(vb, i);
    const pad = viewPtr(vc, i);
    const pl = viewLen(vc, i);
    if (len < 0 || pl == 0) { store<u8>(nulls + <usize>i, 1); continue; }
    const chars = countCodePoints(s, l);
    if (len <= chars) {
      setView(out, i, s, advance(s, s + l, len) - s);
      continue;
    }
    // Padding of `need` code points: whole copies of the pad, then a prefix of it.
    const need = <i64>(len - chars);
    const padChars = <i64>countCodePoints(pad, pl);
    const whole = need / padChars;
    const partBytes = advance(pad, pad + pl, need % padChars) - pad;
    const padBytes = <usize>whole * pl + partBytes;
    const p = arena_alloc(l + padBytes);
    let q = right ? p + l : p;
    for (let k: i64 = 0; k < whole; k++) { memory.copy(q, pad, pl); q += pl; }
    memory.copy(q, pad, partBytes);
    memory.copy(right ? p : p + padBytes, s, l);
    setView(out, i, p, l + padBytes);
  }
  setReg(dst, out, nulls);
}

/** REPEAT dst <- a repeated b times ('' when b <= 0). */
export function op_repeat(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, b, -1);
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    const times = i32At(vb, i);
    if (times <= 0 || l == 0) { setView(out, i, s, 0); continue; }
    const p = arena_alloc(l * <usize>times);
    for (let k = 0; k < times; k++) memory.copy(p + l * <usize>k, s, l);
    setView(out, i, p, l * <usize>times);
  }
  setReg(dst, out, nulls);
}

/** REVERSE dst <- the code points of a in reverse order. */
export function op_reverse(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  let total: usize = 0;
  for (let i = 0; i < n; i++) total += viewLen(va, i);
  let p = arena_alloc(total);
  for (let i = 0; i < n; i++) {
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    let k: usize = 0;
    while (k < l) {
      let w = cpBytes(<u32>load<u8>(s + k));
      if (k + w > l) w = l - k;
      memory.copy(p + l - k - w, s + k, w);
      k += w;
    }
    setView(out, i, p, l);
    p += l;
  }
  setReg(dst, out, regNulls(a));
}

/**
 * INITCAP dst <- a with each word's first letter upper case and its other letters lower case; a
 * word is a run of ASCII letters and digits (Calcite's rule, which Flink uses), other characters
 * are kept and end words.
 */
export function op_initcap(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  let total: usize = 0;
  for (let i = 0; i < n; i++) total += viewLen(va, i);
  let p = arena_alloc(total);
  for (let i = 0; i < n; i++) {
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    let start = true;
    for (let k: usize = 0; k < l; k++) {
      let c = <u32>load<u8>(s + k);
      const digit = c - 0x30 < 10;
      const upper = c - 0x41 < 26;
      const lower = c - 0x61 < 26;
      if (start) {
        if (lower) c -= 32;
        if (digit || upper || lower) start = false;
      } else if (upper) c += 32;
      else if (!digit && !lower) start = true;
      store<u8>(p + k, <u8>c);
    }
    setView(out, i, p, l);
    p += l;
  }
  setReg(dst, out, regNulls(a));
}

/** LEFT (c = 0) / RIGHT (c = 1) dst <- the first / last b code points of a ('' when b < 0). */
export function op_left_right(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const right = load<i32>(ins, 20) == 1;
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, b, -1);
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    const s = viewPtr(va, i);
    const l = viewLen(va, i);
    const k = i32At(vb, i);
    if (k <= 0) { setView(out, i, s, 0); continue; }
    if (!right) {
      setView(out, i, s, advance(s, s + l, k) - s);
      continue;
    }
    const chars = countCodePoints(s, l);
    const from = chars > k ? advance(s, s + l, chars - k) : s;
    setView(out, i, from, s + l - from);
  }
  setReg(dst, out, nulls);
}

/**
 * LOCATE dst(I32) <- 1-based code point position of a in b at or after position c (positions
 * below 1 search from the start), 0 when absent; an empty a is at 1.
 */
export function op_locate(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const c = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const vc = regValues(c);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, b, c);
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    const nl = viewLen(va, i);
    if (nl == 0) { store<i32>(out + (<usize>i << 2), 1); continue; }
    const h = viewPtr(vb, i);
    const hl = viewLen(vb, i);
    const from = <i64>i32At(vc, i) - 1;
    const start = from > 0 ? advance(h, h + hl, from) : h;
    const skipped = from > 0 ? countCodePoints(h, start - h) : 0;
    const k = findBytes(start, h + hl - start, viewPtr(va, i), nl);
    store<i32>(out + (<usize>i << 2), k < 0 ? 0 : skipped + countCodePoints(start, <usize>k) + 1);
  }
  setReg(dst, out, nulls);
}

/** ASCII dst(I32) <- the first byte of a as a signed byte (Flink's), 0 for ''. */
export function op_ascii(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) {
    store<i32>(out + (<usize>i << 2), viewLen(va, i) == 0 ? 0 : <i32>load<i8>(viewPtr(va, i)));
  }
  setReg(dst, out, regNulls(a));
}

/** CHR dst <- the character with code (a & 255) ('' when a < 0; code 0 is U+0000). */
export function op_chr(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  let p = arena_alloc(<usize>n << 1);
  for (let i = 0; i < n; i++) {
    const x = load<i64>(va + (<usize>i << 3));
    if (x < 0) { setView(out, i, p, 0); continue; }
    const len = encodeAt(<u32>(x & 0xFF), p);
    setView(out, i, p, len);
    p += len;
  }
  setReg(dst, out, regNulls(a));
}

/** Whether code point cp occurs in the UTF-8 set [set, set + len). */
function inSet(cp: u32, set: usize, len: usize): bool {
  let k: usize = 0;
  while (k < len) {
    if (decodeAt(set + k, len - k) == cp) return true;
    k += cpBytes(<u32>load<u8>(set + k));
  }
  return false;
}

/** TRIM dst <- a without leading (c != 2) and trailing (c != 1) characters that occur in b. */
export function op_trim_chars(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const side = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, b, -1);
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    let s = viewPtr(va, i);
    let e = s + viewLen(va, i);
    const set = viewPtr(vb, i);
    const sl = viewLen(vb, i);
    if (side != 2) {
      while (s < e) {
        const w = cpBytes(<u32>load<u8>(s));
        if (!inSet(decodeAt(s, e - s), set, sl)) break;
        s += w;
      }
    }
    if (side != 1) {
      while (e > s) {
        let q = e - 1;
        while (q > s && (load<u8>(q) & 0xC0) == 0x80) q--;
        if (!inSet(decodeAt(q, e - q), set, sl)) break;
        e = q;
      }
    }
    setView(out, i, s, e - s);
  }
  setReg(dst, out, nulls);
}
