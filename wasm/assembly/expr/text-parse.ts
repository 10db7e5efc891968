// Parsing text for CAST from STRING (doubles: see strtod.ts). Parsers trim spaces and accept
// exactly the forms documented per function; they report success through parseOk().
import { daysFromCivil, daysInMonth } from './civil';

let ok: bool = true;

/** Whether the last parse succeeded. */
export function parseOk(): bool { return ok; }

let trimStart: usize = 0;
let trimLen: usize = 0;

/** Strips leading and trailing spaces; the result is in trimmedPtr()/trimmedLen(). */
export function trimSpaces(p: usize, l: usize): void {
  let s = p;
  let e = p + l;
  while (s < e && load<u8>(s) == 0x20) s++;
  while (e > s && load<u8>(e - 1) == 0x20) e--;
  trimStart = s;
  trimLen = e - s;
}
export function trimmedPtr(): usize { return trimStart; }
export function trimmedLen(): usize { return trimLen; }

// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 0x30 < 10; }

function lowerEquals(p: usize, l: usize, word: string): bool {
  if (l != <usize>word.length) return false;
  for (let i = 0; i < <i32>l; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c - 0x41 < 26) c += 32;
    if (c != <u32>word.charCodeAt(i)) return false;
  }
  return true;
}

/** TRUE for true/t/yes/y/1, FALSE for false/f/no/n/0 (any case, spaces trimmed). */
export function parseBool(p: usize, l: usize): bool {
  trimSpaces(p, l);
  const s = trimStart;
  const n = trimLen;
  ok = true;
  if (lowerEquals(s, n, 'true') || lowerEquals(s, n, 't') || lowerEquals(s, n, 'yes') || lowerEquals(s, n, 'y') || lowerEquals(s, n, '1')) return true;
  if (lowerEquals(s, n, 'false') || lowerEquals(s, n, 'f') || lowerEquals(s, n, 'no') || lowerEquals(s, n, 'n') || lowerEquals(s, n, '0')) return false;
  ok = false;
  return false;
}

/** [+-]digits within [lo, hi] (spaces trimmed). */
export function parseInteger(p: usize, l: usize, lo: i64, hi: i64): i64 {
  trimSpaces(p, l);
  let s = trimStart;
  const e = s + trimLen;
  ok = false;
  let neg = false;
  if (s < e && (load<u8>(s) == 0x2B || load<u8>(s) == 0x2D)) neg = load<u8>(s++) == 0x2D;
  if (s == e) return 0;
  // Accumulate as a negative number: its range includes i64's minimum.
  let acc: i64 = 0;
  for (; s < e; s++) {
    const c = <u32>load<u8>(s);
    if (!isDigit(c)) return 0;
    if (acc < -922337203685477580 || (acc == -922337203685477580 && c - 0x30 > 8)) return 0;
    acc = acc * 10 - <i64>(c - 0x30);
  }
  if (!neg) {
    if (acc == <i64>0x8000000000000000) return 0;
    acc = -acc;
  }
  if (acc < lo || acc > hi) return 0;
  ok = true;
  return acc;
}

/**
 * [+-](digits[.digits]|.digits)[e[+-]digits] as an unscaled decimal at `scale`, HALF_UP, below
 * 10^precision in magnitude (spaces trimmed).
 */
export function parseDecimal(p: usize, l: usize, scale: i32, precision: i32): i64 {
  trimSpaces(p, l);
  let s = trimStart;
  const e = s + trimLen;
  ok = false;
  let neg = false;
  if (s < e && (load<u8>(s) == 0x2B || load<u8>(s) == 0x2D)) neg = load<u8>(s++) == 0x2D;
  // Significant digits (at most 19 kept; later ones only decide the rounding) and their exponent.
  let mant: u64 = 0;
  let kept = 0;
  let exp10 = 0;
  let digits = 0;
  let dropped = false;
  let firstDropped: u32 = 0;
  let seenPoint = false;
  for (; s < e; s++) {
    const c = <u32>load<u8>(s);
    if (c == 0x2E) {
      if (seenPoint) return 0;
      seenPoint = true;
      continue;
    }
    if (!isDigit(c)) break;
    digits++;
    if (mant == 0 && c == 0x30) {
      if (seenPoint) exp10--;
      continue;
    }
    if (kept < 18) {
      mant = mant * 10 + <u64>(c - 0x30);
      kept++;
      if (seenPoint) exp10--;
    } else {
      if (!dropped) {
        firstDropped = c - 0x30;
        dropped = true;
      }
      if (!seenPoint) exp10++;
    }
  }
  if (digits == 0) return 0;
  if (s < e) {
    const c = load<u8>(s);
    if (c != 0x65 && c != 0x45) return 0;
    s++;
    let eneg = false;
    if (s < e && (load<u8>(s) == 0x2B || load<u8>(s) == 0x2D)) eneg = load<u8>(s++) == 0x2D;
    if (s == e) return 0;
    let ev = 0;
    for (; s < e; s++) {
      const d = <u32>load<u8>(s);
      if (!isDigit(d)) return 0;
      if (ev < 100000) ev = ev * 10 + <i32>(d - 0x30);
    }
    exp10 += eneg ? -ev : ev;
  }
  // value = mant * 10^exp10 (plus dropped digits); wanted: round(value * 10^scale).
  const k = exp10 + scale;
  let r: u64;
  if (mant == 0) r = 0;
  else if (k >= 0) {
    if (k > 18) return 0;
    let f: u64 = 1;
    for (let i = 0; i < k; i++) f *= 10;
    if (mant > <u64>0x7FFFFFFFFFFFFFFF / f) return 0;
    r = mant * f;
    if (dropped && firstDropped >= 5 && k == 0) r++;
  } else {
    const drop = -k;
    if (drop > 19) r = 0;
    else {
      let f: u64 = 1;
      for (let i = 0; i < drop; i++) f *= 10;
      r = mant / f;
      const rem = mant % f;
      if (rem * 2 >= f || (rem * 2 == f - 1 && dropped && firstDropped >= 5)) r++;
    }
  }
  let lim: u64 = 1;
  for (let i = 0; i < precision; i++) lim *= 10;
  if (r >= lim) return 0;
  ok = true;
  return neg ? -<i64>r : <i64>r;
}

function digitsAt(p: usize, n: i32): i32 {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 10 + <i32>(load<u8>(p + <usize>i) - 0x30);
  return v;
}

// @ts-ignore: decorator
@inline function runOfDigits(p: usize, e: usize): usize {
  let q = p;
  while (q < e && isDigit(<u32>load<u8>(q))) q++;
  return q - p;
}

let dateEnd: usize = 0;

/** 'yyyy-M-d' (year of 4+ digits, optionally negative; month and day of 1 or 2) at [p, e): days. */
function parseDatePart(p: usize, e: usize): i64 {
  ok = false;
  let s = p;
  let neg = false;
  if (s < e && load<u8>(s) == 0x2D) { neg = true; s++; }
  const yl = runOfDigits(s, e);
  if (yl < 4 || yl > 9) return 0;
  const y = digitsAt(s, <i32>yl);
  s += yl;
  if (s >= e || load<u8>(s) != 0x2D) return 0;
  s++;
  const ml = runOfDigits(s, e);
  if (ml < 1 || ml > 2) return 0;
  const m = digitsAt(s, <i32>ml);
  s += ml;
  if (s >= e || load<u8>(s) != 0x2D) return 0;
  s++;
  const dl = runOfDigits(s, e);
  if (dl < 1 || dl > 2) return 0;
  const d = digitsAt(s, <i32>dl);
  s += dl;
  const year = neg ? -y : y;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(year, m)) return 0;
  dateEnd = s;
  ok = true;
  return daysFromCivil(year, m, d);
}

/** A DATE 'yyyy-MM-dd' (spaces trimmed). */
export function parseDate(p: usize, l: usize): i64 {
  trimSpaces(p, l);
  const e = trimStart + trimLen;
  const days = parseDatePart(trimStart, e);
  if (ok && dateEnd != e) ok = false;
  return days;
}

/** A TIMESTAMP 'yyyy-MM-dd[( |T)HH:mm[:ss[.fraction]]]', fraction truncated to `precision`. */
export function parseTimestamp(p: usize, l: usize, precision: i32): i64 {
  trimSpaces(p, l);
  const e = trimStart + trimLen;
  const days = parseDatePart(trimStart, e);
  if (!ok) return 0;
  ok = false;
  let s = dateEnd;
  let secs: i64 = 0;
  let frac: i64 = 0;
  if (s < e) {
    const sep = load<u8>(s);
    if (sep != 0x20 && sep != 0x54) return 0;
    s++;
    if (e - s < 5 || runOfDigits(s, e) != 2 || load<u8>(s + 2) != 0x3A || runOfDigits(s + 3, e) != 2) return 0;
    const h = digitsAt(s, 2);
    const mi = digitsAt(s + 3, 2);
    s += 5;
    let sec = 0;
    if (s < e) {
      if (load<u8>(s) != 0x3A || runOfDigits(s + 1, e) != 2) return 0;
      sec = digitsAt(s + 1, 2);
      s += 3;
      if (s < e) {
        if (load<u8>(s) != 0x2E) return 0;
        s++;
        const fl = runOfDigits(s, e);
        if (fl < 1 || fl > 9 || s + fl != e) return 0;
        for (let i = 0; i < precision; i++) frac = frac * 10 + (i < <i32>fl ? <i64>(load<u8>(s + <usize>i) - 0x30) : 0);
        s += fl;
      }
    }
    if (h > 23 || mi > 59 || sec > 59) return 0;
    secs = <i64>(h * 3600 + mi * 60 + sec);
  }
  const unit: i64 = precision == 6 ? 1000000 : 1000;
  ok = true;
  return (days * 86400 + secs) * unit + frac;
}
