// Shortest decimal rendering of a DOUBLE (or FLOAT) in Java's Double.toString layout, for CAST to
// STRING: the fewest significant digits that read back to the same value, the closest to it
// when several qualify (ties to an even last digit), as ECMAScript's Number::toString chooses them.
// Integers below 2^53 take a direct path; other values the exact free-format algorithm of
// Burger and Dybvig on bignums. Layout: 1.0, 123.45, 0.001, 1.0E7, 1.0E-4, -0.0, NaN, Infinity.
import { big, bnAdd, bnCmp, bnCmpSum, bnCopy, bnDivDigit, bnMulPow10, bnMulSmall, bnSet, bnShl } from './bignum';
import { formatI64 } from './text-format';

const DIGITS = memory.data(32, 16);
let digitCount: i32 = 0;
let decimalExp: i32 = 0; // value = 0.d1d2...dn * 10^decimalExp

/** Shortest digits of a finite positive value with mantissa f (hidden bit included), exponent e. */
function shortest(f: u64, e: i32, minExp: i32, hidden: u64): void {
  const r = big(0);
  const s = big(1);
  const mp = big(2);
  const mm = big(3);
  const even = (f & 1) == 0;
  const unequal = f == hidden && e > minExp; // the gap below is half the gap above
  if (e >= 0) {
    bnSet(r, f); bnShl(r, e + (unequal ? 2 : 1));
    bnSet(s, unequal ? 4 : 2);
    bnSet(mp, 1); bnShl(mp, e + (unequal ? 1 : 0));
    bnSet(mm, 1); bnShl(mm, e);
  } else {
    bnSet(r, f); bnShl(r, unequal ? 2 : 1);
    bnSet(s, 1); bnShl(s, -e + (unequal ? 2 : 1));
    bnSet(mp, unequal ? 2 : 1);
    bnSet(mm, 1);
  }
  // Estimate k = ceil(log10(value)) and scale so that value = r / s * 10^k.
  const approx = (<f64>e + Math.log2(<f64>f)) * 0.30102999566398120;
  let k = <i32>Math.ceil(approx - 1e-10);
  if (k >= 0) bnMulPow10(s, k);
  else {
    bnMulPow10(r, -k);
    bnMulPow10(mp, -k);
    bnMulPow10(mm, -k);
  }
  // Fix the estimate: r + m+ must be below s (at most s when the boundary is exclusive)...
  while (even ? bnCmpSum(r, mp, s) >= 0 : bnCmpSum(r, mp, s) > 0) {
    bnMulSmall(s, 10);
    k++;
  }
  // ...and 10 (r + m+) must reach s.
  const t = big(4);
  for (;;) {
    bnAdd(t, r, mp);
    bnMulSmall(t, 10);
    const c = bnCmp(t, s);
    if (even ? c >= 0 : c > 0) break;
    bnMulSmall(r, 10);
    bnMulSmall(mp, 10);
    bnMulSmall(mm, 10);
    k--;
  }
  decimalExp = k;
  digitCount = 0;
  for (;;) {
    bnMulSmall(r, 10);
    bnMulSmall(mp, 10);
    bnMulSmall(mm, 10);
    let d = bnDivDigit(r, s);
    const low = even ? bnCmp(r, mm) <= 0 : bnCmp(r, mm) < 0;
    const high = even ? bnCmpSum(r, mp, s) >= 0 : bnCmpSum(r, mp, s) > 0;
    if (!low && !high) {
      store<u8>(DIGITS + <usize>(digitCount++), <u8>d);
      continue;
    }
    if (low && high) {
      // Both d and d + 1 read back: take the closer one, an even digit on a tie.
      bnCopy(t, r);
      bnShl(t, 1);
      const c = bnCmp(t, s);
      if (c > 0 || (c == 0 && (d & 1) != 0)) d++;
    } else if (high) {
      d++;
    }
    store<u8>(DIGITS + <usize>(digitCount++), <u8>d);
    break;
  }
}

/** Digits of an integer 1 <= v < 2^53 (trailing zeros dropped). */
function integerDigits(v: u64): void {
  let n = 0;
  const tmp = DIGITS + 24;
  let u = v;
  while (u != 0) {
    store<u8>(tmp - 1 - <usize>n, <u8>(u % 10));
    u /= 10;
    n++;
  }
  decimalExp = n;
  let keep = n;
  while (keep > 1 && load<u8>(tmp - <usize>n + <usize>(keep - 1)) == 0) keep--;
  memory.copy(DIGITS, tmp - <usize>n, <usize>keep);
  digitCount = keep;
}

function writeWord(p: usize, word: string): usize {
  for (let i = 0; i < word.length; i++) store<u8>(p + <usize>i, <u8>word.charCodeAt(i));
  return <usize>word.length;
}

/** Java's layout of digits d1..dn with value 0.d1..dn * 10^decimalExp. */
function layout(neg: bool, p: usize): usize {
  let len: usize = 0;
  if (neg) store<u8>(p + len++, 0x2D);
  const k = decimalExp;
  if (k > -3 && k <= 7) {
    // 10^-3 <= value < 10^7: plain notation with at least one fraction digit.
    if (k <= 0) {
      store<u8>(p + len++, 0x30);
      store<u8>(p + len++, 0x2E);
      for (let i = 0; i < -k; i++) store<u8>(p + len++, 0x30);
      for (let i = 0; i < digitCount; i++) store<u8>(p + len++, 0x30 + load<u8>(DIGITS + <usize>i));
    } else {
      for (let i = 0; i < k; i++) store<u8>(p + len++, 0x30 + (i < digitCount ? load<u8>(DIGITS + <usize>i) : 0));
      store<u8>(p + len++, 0x2E);
      if (digitCount <= k) store<u8>(p + len++, 0x30);
      for (let i = k; i < digitCount; i++) store<u8>(p + len++, 0x30 + load<u8>(DIGITS + <usize>i));
    }
    return len;
  }
  store<u8>(p + len++, 0x30 + load<u8>(DIGITS));
  store<u8>(p + len++, 0x2E);
  if (digitCount == 1) store<u8>(p + len++, 0x30);
  for (let i = 1; i < digitCount; i++) store<u8>(p + len++, 0x30 + load<u8>(DIGITS + <usize>i));
  store<u8>(p + len++, 0x45);
  return len + formatI64(k - 1, p + len);
}

/** The shortest digits of a finite, non-zero |x| (value = 0.d1..dn * 10^decimalExp). */
export function decimalDigits(x: f64): void {
  const a = Math.abs(x);
  if (a < 9007199254740992.0 && a == Math.floor(a)) {
    integerDigits(<u64>a);
    return;
  }
  const bits = reinterpret<u64>(a);
  const be = <i32>((bits >> 52) & 0x7FF);
  const frac = bits & 0xFFFFFFFFFFFFF;
  if (be == 0) shortest(frac, -1074, -1074, <u64>1 << 52);
  else shortest(frac | (<u64>1 << 52), be - 1075, -1074, <u64>1 << 52);
}

/** Digit i (0-based) of the digits left by decimalDigits, 0 past the last (for wide decimals). */
export function shortestDigit(i: i32): u32 {
  return i < digitCount ? <u32>load<u8>(DIGITS + <usize>i) : 0;
}

/** The exponent left by decimalDigits: value = 0.d1..dn * 10^shortestExp(). */
export function shortestExp(): i32 { return decimalExp; }

let scaledOk: bool = true;

/**
 * round_half_up(|x| * 10^s) computed on the digits left by decimalDigits (as BigDecimal.valueOf
 * does on Double.toString); scaledFits() is false when it exceeds 18 digits.
 */
export function scaledHalfUp(s: i32): u64 {
  const t = decimalExp + s; // digits before the point
  scaledOk = true;
  if (t <= 0) return t == 0 && load<u8>(DIGITS) >= 5 ? 1 : 0;
  if (t > 18) {
    scaledOk = false;
    return 0;
  }
  let q: u64 = 0;
  for (let i = 0; i < t; i++) q = q * 10 + <u64>(i < digitCount ? load<u8>(DIGITS + <usize>i) : 0);
  if (t < digitCount && load<u8>(DIGITS + <usize>t) >= 5) q++;
  return q;
}

/** Whether the last scaledHalfUp fit 18 digits. */
export function scaledFits(): bool { return scaledOk; }

/** Writes a DOUBLE at p (at most 26 bytes); returns the length. */
export function formatDouble(x: f64, p: usize): usize {
  if (x != x) return writeWord(p, 'NaN');
  const neg = (reinterpret<u64>(x) >> 63) != 0;
  const a = Math.abs(x);
  if (a == Infinity) return neg ? writeWord(p, '-Infinity') : writeWord(p, 'Infinity');
  if (a == 0) return neg ? writeWord(p, '-0.0') : writeWord(p, '0.0');
  if (a < 9007199254740992.0 && a == Math.floor(a)) {
    integerDigits(<u64>a);
  } else {
    const bits = reinterpret<u64>(a);
    const be = <i32>((bits >> 52) & 0x7FF);
    const frac = bits & 0xFFFFFFFFFFFFF;
    if (be == 0) shortest(frac, -1074, -1074, <u64>1 << 52);
    else shortest(frac | (<u64>1 << 52), be - 1075, -1074, <u64>1 << 52);
  }
  return layout(neg, p);
}

/** Writes a FLOAT (held as an exact f32 value in a double) at p; returns the length. */
export function formatFloat(x: f64, p: usize): usize {
  if (x != x) return writeWord(p, 'NaN');
  const neg = (reinterpret<u64>(x) >> 63) != 0;
  const a = Math.abs(x);
  if (a == Infinity) return neg ? writeWord(p, '-Infinity') : writeWord(p, 'Infinity');
  if (a == 0) return neg ? writeWord(p, '-0.0') : writeWord(p, '0.0');
  if (a < 16777216.0 && a == Math.floor(a)) {
    integerDigits(<u64>a);
  } else {
    const bits = reinterpret<u32>(<f32>a);
    const be = <i32>((bits >> 23) & 0xFF);
    const frac = <u64>(bits & 0x7FFFFF);
    if (be == 0) shortest(frac, -149, -149, <u64>1 << 23);
    else shortest(frac | (<u64>1 << 23), be - 150, -149, <u64>1 << 23);
  }
  return layout(neg, p);
}
