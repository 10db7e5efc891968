// Correctly rounded parsing of a DOUBLE for CAST from STRING (Java's Double.parseDouble forms:
// [+-](digits[.digits]|.digits)[(e|E)[+-]digits], NaN, [+-]Infinity; spaces trimmed). Up to 15
// significant digits with a small exponent take Clinger's exact fast path; otherwise an estimate
// is corrected by comparing the decimal value with the midpoints between neighbouring doubles
// exactly, on bignums. Significant digits beyond the 800th only count as "something follows"
// (exact: the midpoint between two doubles has at most 767 significant digits).
import { big, bnAdd, bnCmp, bnMulPow10, bnMulSmall, bnSet, bnShl } from './bignum';
import { trimSpaces, trimmedLen, trimmedPtr } from './text-parse';

const MAX_DIGITS: i32 = 800;
const DIG = memory.data(MAX_DIGITS + 8, 16);
let ok: bool = true;

/** Whether the last parseDouble succeeded. */
export function parseDoubleOk(): bool { return ok; }

function matches(p: usize, l: usize, word: string): bool {
  if (l != <usize>word.length) return false;
  for (let i = 0; i < word.length; i++) if (<i32>load<u8>(p + <usize>i) != word.charCodeAt(i)) return false;
  return true;
}

const POW10 = memory.data<f64>([1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]);

// @ts-ignore: decorator
@inline function pow10f(k: i32): f64 { return load<f64>(POW10 + (<usize>k << 3)); }

/** Sign of (digits * 10^exp10) - (m * 2^e2), digits being the n kept digits (+ sticky). */
function compareWithBinary(n: i32, sticky: bool, exp10: i32, m: u64, e2: i32): i32 {
  const left = big(5);
  const right = big(6);
  // left = digits (with a trailing 1 digit standing for the dropped ones)
  bnSet(left, 0);
  let e10 = exp10;
  const chunk = big(4);
  for (let i = 0; i < n; i += 9) {
    let v: u64 = 0;
    let f: u32 = 1;
    for (let j = i; j < n && j < i + 9; j++) {
      v = v * 10 + <u64>load<u8>(DIG + <usize>j);
      f *= 10;
    }
    bnMulSmall(left, f);
    bnSet(chunk, v);
    bnAdd(left, left, chunk);
  }
  if (sticky) {
    bnMulSmall(left, 10);
    const one = big(4);
    bnSet(one, 1);
    bnAdd(left, left, one);
    e10--;
  }
  bnSet(right, m);
  if (e10 >= 0) bnMulPow10(left, e10); else bnMulPow10(right, -e10);
  if (e2 >= 0) bnShl(right, e2); else bnShl(left, -e2);
  return bnCmp(left, right);
}

/** Parses a DOUBLE (see above); parseDoubleOk() tells whether the text was well formed. */
export function parseDouble(p: usize, l: usize): f64 {
  trimSpaces(p, l);
  let s = trimmedPtr();
  const e = s + trimmedLen();
  ok = true;
  let neg = false;
  if (s < e && (load<u8>(s) == 0x2B || load<u8>(s) == 0x2D)) neg = load<u8>(s++) == 0x2D;
  if (matches(s, e - s, 'Infinity')) return neg ? -Infinity : Infinity;
  if (!neg && matches(trimmedPtr(), trimmedLen(), 'NaN')) return NaN;
  let n = 0;          // kept significant digits
  let exp10 = 0;      // value = 0? digits * 10^exp10
  let sticky = false; // a non-zero digit was dropped
  let digits = 0;
  let point = false;
  for (; s < e; s++) {
    const c = <u32>load<u8>(s);
    if (c == 0x2E) {
      if (point) { ok = false; return 0; }
      point = true;
      continue;
    }
    if (c - 0x30 >= 10) break;
    digits++;
    if (n == 0 && c == 0x30) {
      if (point) exp10--;
      continue;
    }
    if (n < MAX_DIGITS) {
      store<u8>(DIG + <usize>(n++), <u8>(c - 0x30));
      if (point) exp10--;
    } else {
      if (c != 0x30) sticky = true;
      if (!point) exp10++;
    }
  }
  if (digits == 0) { ok = false; return 0; }
  if (s < e) {
    const c = load<u8>(s);
    if (c != 0x65 && c != 0x45) { ok = false; return 0; }
    s++;
    let eneg = false;
    if (s < e && (load<u8>(s) == 0x2B || load<u8>(s) == 0x2D)) eneg = load<u8>(s++) == 0x2D;
    if (s == e) { ok = false; return 0; }
    let ev = 0;
    for (; s < e; s++) {
      const d = <u32>load<u8>(s);
      if (d - 0x30 >= 10) { ok = false; return 0; }
      if (ev < 100000) ev = ev * 10 + <i32>(d - 0x30);
    }
    exp10 += eneg ? -ev : ev;
  }
  // Drop trailing zeros of the kept digits.
  while (n > 0 && load<u8>(DIG + <usize>(n - 1)) == 0 && !sticky) { n--; exp10++; }
  if (n == 0) return neg ? -0.0 : 0.0;
  if (n + exp10 > 310) return neg ? -Infinity : Infinity;
  if (n + exp10 < -326) return neg ? -0.0 : 0.0;
  let mant: u64 = 0;
  const lead = n < 19 ? n : 19;
  for (let i = 0; i < lead; i++) mant = mant * 10 + <u64>load<u8>(DIG + <usize>i);
  // Clinger's fast path: an exact mantissa times an exact power of ten, rounded once.
  if (n <= 15 && !sticky && exp10 >= -22 && exp10 <= 22) {
    const m = <f64>mant;
    const v = exp10 >= 0 ? m * pow10f(exp10) : m / pow10f(-exp10);
    return neg ? -v : v;
  }
  // An estimate within a few ulps, then exact corrections.
  const scale = exp10 + (n - lead);
  // Powers applied in two steps so that neither the power nor the intermediate leaves the range.
  let z: f64 = <f64>mant;
  if (scale >= 0) {
    const first = scale > 300 ? 300 : scale;
    z = z * Math.pow(10, <f64>first) * Math.pow(10, <f64>(scale - first));
  } else {
    const first = -scale > 300 ? 300 : -scale;
    z = z / Math.pow(10, <f64>first) / Math.pow(10, <f64>(-scale - first));
  }
  if (z != z || z == 0) z = scale > 0 ? 1.7976931348623157e308 : 5e-324;
  if (z == Infinity) z = 1.7976931348623157e308;
  for (let iter = 0; iter < 64; iter++) {
    const bits = reinterpret<u64>(z);
    const be = <i32>(bits >> 52);
    const m: u64 = be == 0 ? bits & 0xFFFFFFFFFFFFF : (bits & 0xFFFFFFFFFFFFF) | (<u64>1 << 52);
    const e2 = be == 0 ? -1074 : be - 1075;
    // Midpoint above: (2m + 1) * 2^(e2 - 1).
    const up = compareWithBinary(n, sticky, exp10, 2 * m + 1, e2 - 1);
    if (up > 0 || (up == 0 && (m & 1) != 0)) {
      if (z == 1.7976931348623157e308) { z = Infinity; break; }
      z = reinterpret<f64>(bits + 1);
      continue;
    }
    if (bits == 0) break;
    // Midpoint below: half as far when m is a power of two with a normal exponent above the minimum.
    const lowerHalf = m == (<u64>1 << 52) && be > 1;
    const down = lowerHalf ? compareWithBinary(n, sticky, exp10, 4 * m - 1, e2 - 2) : compareWithBinary(n, sticky, exp10, 2 * m - 1, e2 - 1);
    if (down < 0 || (down == 0 && (m & 1) != 0)) {
      z = reinterpret<f64>(bits - 1);
      continue;
    }
    break;
  }
  return neg ? -z : z;
}
