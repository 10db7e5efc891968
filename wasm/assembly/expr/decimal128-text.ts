// CAST between STRING and DECIMAL(p > 18): rendering an unscaled I128 value with `scale`
// fraction digits (as Flink's BigDecimal.toPlainString of a DECIMAL), and parsing
// [+-](digits[.digits]|.digits)[e[+-]digits] (spaces trimmed) at a scale, HALF_UP, below
// 10^precision. Text that is not a value fails, or is NULL under TRY_CAST.
import { arena_alloc } from '../memory';
import { beyondBound, isNeg, neg128, resHi, resLo, scaleDown, scaleUp, setBound } from './decimal128-math';
import { ERR_CAST, raiseStr } from './errors';
import { divRemainder, mulHigh, udiv128, umul128 } from './int128';
import { ROUND_HALF_UP } from './opcodes';
import { guardActive, isNullAt, regNulls, regOwnNulls, regOwnValues, regValues, setReg, vecLen } from './state';
import { trimSpaces, trimmedLen, trimmedPtr } from './text-parse';

/** Longest rendering: sign, 39 digits, the point and a leading zero. */
const MAX_TEXT: usize = 48;
const DIGITS = memory.data(64, 16);
const TEN19: u64 = 10000000000000000000;

/** Writes (lo, hi) with `scale` digits after the point at p; returns the length. */
export function formatDecimal128(lo: u64, hi: u64, scale: i32, p: usize): usize {
  let len: usize = 0;
  let mLo = lo;
  let mHi = hi;
  if (isNeg(hi)) {
    neg128(lo, hi);
    mLo = resLo();
    mHi = resHi();
    store<u8>(p + len++, 0x2D);
  }
  // Digits right to left, 19 at a time.
  let n: i32 = 0;
  do {
    const qHi = mHi / TEN19;
    const qLo = udiv128(mHi % TEN19, mLo, TEN19);
    let chunk = divRemainder();
    mHi = qHi;
    mLo = qLo;
    const last = mHi == 0 && mLo == 0;
    for (let k = 0; k < 19; k++) {
      store<u8>(DIGITS + <usize>(n++), <u8>(0x30 + <u32>(chunk % 10)));
      chunk /= 10;
      if (last && chunk == 0) break;
    }
  } while (mHi != 0 || mLo != 0);
  while (n <= scale) store<u8>(DIGITS + <usize>(n++), 0x30);
  for (let k = n; k > 0; k--) {
    if (scale > 0 && k == scale) store<u8>(p + len++, 0x2E);
    store<u8>(p + len++, load<u8>(DIGITS + <usize>(k - 1)));
  }
  return len;
}

let parsedOk: bool = false;

// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 0x30 < 10; }

/** Parses the text at (p, l) at `scale` into resLo()/resHi(); parsedOk tells whether it is a value. */
function parseDecimal128(p: usize, l: usize, scale: i32): void {
  parsedOk = false;
  trimSpaces(p, l);
  let s = trimmedPtr();
  const e = s + trimmedLen();
  let neg = false;
  if (s < e && (load<u8>(s) == 0x2B || load<u8>(s) == 0x2D)) neg = load<u8>(s++) == 0x2D;
  // Up to 38 significant digits (below 2^127); later ones only decide the rounding.
  let lo: u64 = 0;
  let hi: u64 = 0;
  let kept = 0;
  let exp10 = 0;
  let digits = 0;
  let firstDropped: i32 = -1;
  let seenPoint = false;
  for (; s < e; s++) {
    const c = <u32>load<u8>(s);
    if (c == 0x2E) {
      if (seenPoint) return;
      seenPoint = true;
      continue;
    }
    if (!isDigit(c)) break;
    digits++;
    if (kept == 0 && c == 0x30) {
      if (seenPoint) exp10--;
      continue;
    }
    if (kept < 38) {
      const l10 = umul128(lo, 10);
      hi = hi * 10 + mulHigh();
      lo = l10 + <u64>(c - 0x30);
      if (lo < l10) hi++;
      kept++;
      if (seenPoint) exp10--;
    } else {
      if (firstDropped < 0) firstDropped = <i32>(c - 0x30);
      if (!seenPoint) exp10++;
    }
  }
  if (digits == 0) return;
  if (s < e) {
    const c = load<u8>(s);
    if (c != 0x65 && c != 0x45) return;
    s++;
    let eneg = false;
    if (s < e && (load<u8>(s) == 0x2B || load<u8>(s) == 0x2D)) eneg = load<u8>(s++) == 0x2D;
    if (s == e) return;
    let ev = 0;
    for (; s < e; s++) {
      const d = <u32>load<u8>(s);
      if (!isDigit(d)) return;
      if (ev < 100000) ev = ev * 10 + <i32>(d - 0x30);
    }
    exp10 += eneg ? -ev : ev;
  }
  // value = mantissa * 10^exp10 (plus dropped digits); wanted: round(value * 10^scale).
  const k = exp10 + scale;
  let rLo: u64 = 0;
  let rHi: u64 = 0;
  if (lo == 0 && hi == 0) {
    // zero
  } else if (k > 0) {
    if (k > 38 || !scaleUp(lo, hi, k)) return;
    rLo = resLo();
    rHi = resHi();
  } else if (k == 0) {
    rLo = lo;
    rHi = hi;
    if (firstDropped >= 5) {
      rLo++;
      if (rLo == 0) rHi++;
    }
  } else if (k >= -38) {
    scaleDown(lo, hi, -k, ROUND_HALF_UP);
    rLo = resLo();
    rHi = resHi();
  } // else below half a unit: 0
  if (neg) {
    neg128(rLo, rHi);
    rLo = resLo();
    rHi = resHi();
  }
  parsedOk = !beyondBound(rLo, rHi) && (isNeg(rHi) == neg || (rLo == 0 && rHi == 0));
  store<u64>(DIGITS, rLo);
  store<u64>(DIGITS, rHi, 8);
}

/** CAST_I128_STR dst(STR) <- a rendered with b fraction digits. */
export function op_cast_i128_str(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const scale = load<i32>(ins, 16);
  const n = vecLen();
  const va = regValues(a);
  const nulls = regNulls(a);
  const out = regOwnValues(dst);
  const buf = arena_alloc(<usize>n * MAX_TEXT);
  let p = buf;
  for (let i = 0; i < n; i++) {
    let len: usize = 0;
    if (!isNullAt(nulls, i)) len = formatDecimal128(load<u64>(va + (<usize>i << 4)), load<u64>(va + (<usize>i << 4), 8), scale, p);
    store<u32>(out + (<usize>i << 3), <u32>p);
    store<u32>(out + (<usize>i << 3), <u32>len, 4);
    p += len;
  }
  setReg(dst, out, nulls);
}

/** CAST_STR_I128 dst(I128) <- a(STR) parsed at scale b, below 10^c; d = 1: TRY. */
export function op_cast_str_i128(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const scale = load<i32>(ins, 16);
  const precision = load<i32>(ins, 20);
  const tryMode = load<i32>(ins, 24) != 0;
  const n = vecLen();
  const va = regValues(a);
  const inNulls = regNulls(a);
  const out = regOwnValues(dst);
  let nulls = inNulls;
  setBound(precision);
  for (let i = 0; i < n; i++) {
    store<u64>(out + (<usize>i << 4), 0);
    store<u64>(out + (<usize>i << 4), 0, 8);
    if (isNullAt(inNulls, i)) continue;
    const p = <usize>load<u32>(va + (<usize>i << 3));
    const l = <usize>load<u32>(va + (<usize>i << 3), 4);
    parseDecimal128(p, l, scale);
    if (parsedOk) {
      store<u64>(out + (<usize>i << 4), load<u64>(DIGITS));
      store<u64>(out + (<usize>i << 4), load<u64>(DIGITS, 8), 8);
      continue;
    }
    if (tryMode) {
      if (nulls == inNulls) {
        nulls = regOwnNulls(dst);
        if (inNulls == 0) memory.fill(nulls, 0, <usize>n);
        else memory.copy(nulls, inNulls, <usize>n);
      }
      store<u8>(nulls + <usize>i, 1);
    } else if (guardActive(guard, i)) {
      setReg(dst, out, nulls);
      raiseStr(ERR_CAST, i, p, l);
      return;
    }
  }
  setReg(dst, out, nulls);
}
