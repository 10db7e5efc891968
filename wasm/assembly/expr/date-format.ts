// Date-time text by pattern (DATE_FORMAT, FROM_UNIXTIME, TO_TIMESTAMP, TO_DATE, UNIX_TIMESTAMP)
// and TIMESTAMPDIFF, in UTC. Patterns are compiled by engine/logical/datetime-pattern.ts into
// i32 words in the constant pool: [token count, per token: field, width | 0, byte length, bytes
// packed four per word].
import { arena_alloc } from '../memory';
import { civilDay, civilFromDays, civilMonth, civilYear, daysFromCivil, daysInMonth } from './civil';
import { nullAt, ownNulls, setView, viewLen, viewPtr } from './str-view';
import { pool, regNulls, regOwnValues, regValues, setReg, vecLen } from './state';
import { formatI64 } from './text-format';

const DF_LITERAL: i32 = 0;
const DF_YEAR: i32 = 1;
const DF_MONTH: i32 = 2;
const DF_DAY: i32 = 3;
const DF_HOUR24: i32 = 4;
const DF_HOUR12: i32 = 5;
const DF_HOUR24_1: i32 = 6;
const DF_HOUR12_0: i32 = 7;
const DF_MINUTE: i32 = 8;
const DF_SECOND: i32 = 9;
const DF_FRACTION: i32 = 10;
const DF_AMPM: i32 = 11;
const DF_WEEKDAY: i32 = 12;
const DF_DAY_OF_YEAR: i32 = 13;

const MONTHS = 'January February March April May June July August September October November December ';
const DAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday ';

// @ts-ignore: decorator
@inline function floorDiv(a: i64, b: i64): i64 {
  const q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/** The k-th (0-based) space-separated name of `list`, written at p (first `max` characters); returns the length. */
function writeName(list: string, k: i32, max: i32, p: usize): usize {
  let idx = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list.charCodeAt(i) != 0x20) continue;
    if (idx == k) {
      let len = i - start;
      if (max < len) len = max;
      for (let j = 0; j < len; j++) store<u8>(p + <usize>j, <u8>list.charCodeAt(start + j));
      return <usize>len;
    }
    idx++;
    start = i + 1;
  }
  return 0;
}

function padded(v: i64, width: i32, p: usize): usize {
  let len: usize = 0;
  let x = v;
  if (x < 0) {
    store<u8>(p, 0x2D);
    len = 1;
    x = -x;
  }
  let digits = 1;
  for (let t = x; t >= 10; t /= 10) digits++;
  for (let k = digits; k < width; k++) store<u8>(p + len++, 0x30);
  return len + formatI64(x, p + len);
}

/** Upper bound of the bytes one value formats to. */
function maxFormatted(pat: usize): usize {
  const count = load<i32>(pat);
  let q = pat + 4;
  let size: usize = 0;
  for (let k = 0; k < count; k++) {
    const field = load<i32>(q);
    const w = load<i32>(q, 4);
    if (field == DF_LITERAL) {
      size += <usize>w;
      q += 8 + ((<usize>w + 3) & ~<usize>3);
    } else {
      size += w > 24 ? <usize>w : 24;
      q += 8;
    }
  }
  return size;
}

/** Formats epoch milliseconds `ms` plus `subMicros` (0..999) by the pattern at `pat` into p; returns the length. */
function formatOne(pat: usize, ms: i64, subMicros: i64, p: usize): usize {
  const days = floorDiv(ms, 86400000);
  const msOfDay = ms - days * 86400000;
  civilFromDays(days);
  const year = <i64>civilYear();
  const month = civilMonth();
  const hour = <i32>(msOfDay / 3600000);
  const count = load<i32>(pat);
  let q = pat + 4;
  let len: usize = 0;
  for (let k = 0; k < count; k++) {
    const field = load<i32>(q);
    const w = load<i32>(q, 4);
    q += 8;
    const at = p + len;
    switch (field) {
      case DF_LITERAL:
        memory.copy(at, q, <usize>w);
        len += <usize>w;
        q += (<usize>w + 3) & ~<usize>3;
        break;
      case DF_YEAR: {
        if (w == 2) len += padded(((year % 100) + 100) % 100, 2, at);
        else len += padded(year, w, at);
        break;
      }
      case DF_MONTH:
        if (w >= 4) len += writeName(MONTHS, month - 1, 99, at);
        else if (w == 3) len += writeName(MONTHS, month - 1, 3, at);
        else len += padded(month, w, at);
        break;
      case DF_DAY: len += padded(civilDay(), w, at); break;
      case DF_HOUR24: len += padded(hour, w, at); break;
      case DF_HOUR12: len += padded(hour % 12 == 0 ? 12 : hour % 12, w, at); break;
      case DF_HOUR24_1: len += padded(hour == 0 ? 24 : hour, w, at); break;
      case DF_HOUR12_0: len += padded(hour % 12, w, at); break;
      case DF_MINUTE: len += padded((msOfDay / 60000) % 60, w, at); break;
      case DF_SECOND: len += padded((msOfDay / 1000) % 60, w, at); break;
      case DF_FRACTION: {
        // The first w digits of the nine-digit nanosecond fraction.
        let nanos = (msOfDay % 1000) * 1000000 + subMicros * 1000;
        for (let d = 0; d < w; d++) {
          const digit = d < 9 ? nanos / 100000000 : 0;
          store<u8>(at + <usize>d, <u8>(0x30 + digit));
          if (d < 9) nanos = (nanos % 100000000) * 10;
        }
        len += <usize>w;
        break;
      }
      case DF_AMPM:
        store<u8>(at, hour < 12 ? 0x41 : 0x50);
        store<u8>(at, 0x4D, 1);
        len += 2;
        break;
      case DF_WEEKDAY: {
        const dow = <i32>(((days % 7) + 7 + 3) % 7); // 0 = Monday (1970-01-01 was a Thursday)
        len += writeName(DAYS, dow, w >= 4 ? 99 : 3, at);
        break;
      }
      default: // DF_DAY_OF_YEAR
        len += padded(days - daysFromCivil(year, 1, 1) + 1, w, at);
    }
  }
  return len;
}

/**
 * DATE_FORMAT dst(STR) <- a (TIMESTAMP: epoch ms when c = 3, µs when c = 6) formatted by the
 * pattern at pool offset b.
 */
export function op_date_format(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const pat = pool(load<i32>(ins, 16));
  const micros = load<i32>(ins, 20) == 6;
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  let p = arena_alloc(<usize>n * maxFormatted(pat));
  for (let i = 0; i < n; i++) {
    const v = load<i64>(va + (<usize>i << 3));
    const ms = micros ? floorDiv(v, 1000) : v;
    const len = formatOne(pat, ms, micros ? v - ms * 1000 : 0, p);
    setView(out, i, p, len);
    p += len;
  }
  setReg(dst, out, regNulls(a));
}

// Parsing state: the text and the fields found.
let txt: usize = 0;
let txtLen: usize = 0;
let at: usize = 0;
let pYear: i64 = 1970;
let pMonth: i32 = 1;
let pDay: i32 = 1;
let pHour: i32 = 0;
let pMinute: i32 = 0;
let pSecond: i32 = 0;
let pNanos: i64 = 0;
let pDoy: i32 = 0;
let pPm: i32 = -1;
let pHour12: bool = false;

function resetFields(): void {
  pYear = 1970; pMonth = 1; pDay = 1; pHour = 0; pMinute = 0; pSecond = 0; pNanos = 0; pDoy = 0; pPm = -1; pHour12 = false;
}

let digitsRead: i32 = 0;

/** Reads min..max ASCII digits; -1 when fewer than min. */
function readDigits(min: i32, max: i32): i64 {
  let v: i64 = 0;
  let k = 0;
  while (k < max && at < txtLen) {
    const c = <u32>load<u8>(txt + at) - 0x30;
    if (c >= 10) break;
    v = v * 10 + <i64>c;
    at++;
    k++;
  }
  digitsRead = k;
  return k < min ? -1 : v;
}

function lowerAscii(c: u32): u32 { return c - 0x41 < 26 ? c + 32 : c; }

/** Matches one of the space-separated names of `list` (full, or its first three letters) case-insensitively; its index or -1. */
function readName(list: string): i32 {
  let idx = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list.charCodeAt(i) != 0x20) continue;
    const len = i - start;
    for (let tryLen = len; tryLen >= 3; tryLen = tryLen == len ? 3 : 0) {
      if (at + <usize>tryLen <= txtLen) {
        let ok = true;
        for (let j = 0; j < tryLen && ok; j++) ok = lowerAscii(<u32>load<u8>(txt + at + <usize>j)) == lowerAscii(<u32>list.charCodeAt(start + j));
        if (ok) {
          at += <usize>tryLen;
          return idx;
        }
      }
      if (tryLen == 3) break;
    }
    idx++;
    start = i + 1;
  }
  return -1;
}

function isNumericField(field: i32, width: i32): bool {
  return field != DF_LITERAL && field != DF_AMPM && field != DF_WEEKDAY && !(field == DF_MONTH && width >= 3);
}

/** Parses the text by the pattern at `pat` into the fields; false when it does not fit. */
function parseByPattern(pat: usize, allowTrailing: bool): bool {
  const count = load<i32>(pat);
  let q = pat + 4;
  for (let k = 0; k < count; k++) {
    const field = load<i32>(q);
    const w = load<i32>(q, 4);
    q += 8;
    if (field == DF_LITERAL) {
      if (at + <usize>w > txtLen || memory.compare(txt + at, q, <usize>w) != 0) return false;
      at += <usize>w;
      q += (<usize>w + 3) & ~<usize>3;
      continue;
    }
    if (field == DF_AMPM) {
      if (at + 2 > txtLen) return false;
      const c0 = lowerAscii(<u32>load<u8>(txt + at));
      if ((c0 != 0x61 && c0 != 0x70) || lowerAscii(<u32>load<u8>(txt + at + 1)) != 0x6D) return false;
      pPm = c0 == 0x70 ? 1 : 0;
      at += 2;
      continue;
    }
    if (field == DF_WEEKDAY) {
      if (readName(DAYS) < 0) return false;
      continue;
    }
    if (field == DF_MONTH && w >= 3) {
      const m = readName(MONTHS);
      if (m < 0) return false;
      pMonth = m + 1;
      continue;
    }
    // A numeric field: exactly `w` digits when another number follows directly, else 1 or more.
    const nextField = k + 1 < count ? load<i32>(q) : DF_LITERAL;
    const adjacent = k + 1 < count && isNumericField(nextField, load<i32>(q, 4));
    const max = adjacent ? w : field == DF_YEAR || field == DF_FRACTION ? 9 : field == DF_DAY_OF_YEAR ? 3 : (w > 2 ? w : 2);
    const v = readDigits(adjacent ? w : 1, max);
    if (v < 0) return false;
    switch (field) {
      case DF_YEAR: pYear = w == 2 && digitsRead == 2 ? 2000 + v : v; break;
      case DF_MONTH: pMonth = <i32>v; break;
      case DF_DAY: pDay = <i32>v; break;
      case DF_HOUR24: pHour = <i32>v; break;
      case DF_HOUR12: case DF_HOUR12_0: pHour = <i32>v; pHour12 = true; break;
      case DF_HOUR24_1: pHour = v == 24 ? 0 : <i32>v; break;
      case DF_MINUTE: pMinute = <i32>v; break;
      case DF_SECOND: pSecond = <i32>v; break;
      case DF_FRACTION: {
        let nanos = v;
        for (let d = digitsRead; d < 9; d++) nanos *= 10;
        pNanos = nanos;
        break;
      }
      default: pDoy = <i32>v; // DF_DAY_OF_YEAR
    }
  }
  return allowTrailing || at == txtLen;
}

/** Flink's default: yyyy-M-d with an optional ' H:m:s' and fraction (one or two digits each). */
function parseDefault(): bool {
  const y = readDigits(4, 9);
  if (y < 0 || at >= txtLen || load<u8>(txt + at) != 0x2D) return false;
  at++;
  const m = readDigits(1, 2);
  if (m < 0 || at >= txtLen || load<u8>(txt + at) != 0x2D) return false;
  at++;
  const d = readDigits(1, 2);
  if (d < 0) return false;
  pYear = y; pMonth = <i32>m; pDay = <i32>d;
  if (at == txtLen) return true;
  if (load<u8>(txt + at) != 0x20) return false;
  at++;
  const h = readDigits(1, 2);
  if (h < 0 || at >= txtLen || load<u8>(txt + at) != 0x3A) return false;
  at++;
  const mi = readDigits(1, 2);
  if (mi < 0 || at >= txtLen || load<u8>(txt + at) != 0x3A) return false;
  at++;
  const s = readDigits(1, 2);
  if (s < 0) return false;
  pHour = <i32>h; pMinute = <i32>mi; pSecond = <i32>s;
  if (at < txtLen && load<u8>(txt + at) == 0x2E) {
    at++;
    const f = readDigits(0, 9);
    let nanos = f;
    for (let k = digitsRead; k < 9; k++) nanos *= 10;
    pNanos = nanos;
  }
  return at == txtLen;
}

/** The parsed fields as epoch milliseconds; false when a field is out of range. */
let parsedMillis: i64 = 0;
function assemble(): bool {
  if (pHour12) {
    if (pHour > 12) return false;
    pHour = pHour % 12 + (pPm == 1 ? 12 : 0);
  }
  if (pYear > 999999999 || pMonth < 1 || pMonth > 12 || pHour > 23 || pMinute > 59 || pSecond > 59) return false;
  let days: i64;
  if (pDoy > 0) {
    days = daysFromCivil(pYear, 1, 1) + <i64>pDoy - 1;
    if (pDoy > 366 || (pDoy == 366 && daysInMonth(<i32>pYear, 2) == 28)) return false;
  } else {
    if (pDay < 1 || pDay > daysInMonth(<i32>pYear, pMonth)) return false;
    days = daysFromCivil(pYear, pMonth, pDay);
  }
  parsedMillis = days * 86400000 + <i64>pHour * 3600000 + <i64>pMinute * 60000 + <i64>pSecond * 1000 + pNanos / 1000000;
  return true;
}

/**
 * DATE_PARSE dst <- a (STR) parsed by the pattern at pool offset b (-1: Flink's default
 * yyyy-M-d[ H:m:s[.f]]). e: result — 0 TIMESTAMP(3) (epoch ms, NULL when it does not parse),
 * 1 DATE (days, I32, NULL), 2 epoch seconds (BIGINT, Long.MIN_VALUE when it does not parse).
 * d flags: 1 text may follow the pattern (SimpleDateFormat), 2 on failure try the default form.
 */
export function op_date_parse(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const patOff = load<i32>(ins, 16);
  const flags = load<i32>(ins, 24);
  const mode = load<i32>(ins, 28);
  const pat = patOff >= 0 ? pool(patOff) : 0;
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, -1, -1);
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    txt = viewPtr(va, i);
    txtLen = viewLen(va, i);
    at = 0;
    resetFields();
    let ok = pat != 0 ? parseByPattern(pat, (flags & 1) != 0) : parseDefault();
    ok = ok && assemble();
    if (!ok && (flags & 2) != 0) {
      // Flink's fallback: the text trimmed, in the default form.
      while (txtLen > 0 && load<u8>(txt + txtLen - 1) <= 0x20) txtLen--;
      while (txtLen > 0 && load<u8>(txt) <= 0x20) { txt++; txtLen--; }
      at = 0;
      resetFields();
      ok = parseDefault() && assemble();
    }
    if (mode == 1) {
      if (ok) store<i32>(out + (<usize>i << 2), <i32>floorDiv(parsedMillis, 86400000));
      else store<u8>(nulls + <usize>i, 1);
    } else if (mode == 2) {
      store<i64>(out + (<usize>i << 3), ok ? parsedMillis / 1000 : i64.MIN_VALUE);
    } else {
      if (ok) store<i64>(out + (<usize>i << 3), parsedMillis);
      else store<u8>(nulls + <usize>i, 1);
    }
  }
  setReg(dst, out, nulls);
}

/** Days after adding m months, the day clamped to the month's length. */
function addMonths(days: i64, m: i64): i64 {
  civilFromDays(days);
  const total = <i64>civilYear() * 12 + <i64>(civilMonth() - 1) + m;
  const y = floorDiv(total, 12);
  const mo = <i32>(total - y * 12) + 1;
  const dim = daysInMonth(<i32>y, mo);
  return daysFromCivil(y, mo, civilDay() < dim ? civilDay() : dim);
}

function monthsBetweenDays(d0: i64, d1: i64): i64 {
  if (d0 < d1) return -monthsBetweenDays(d1, d0);
  let m = (d0 - d1) / 31;
  while (addMonths(d1, m) < d0 && addMonths(d1, m + 1) <= d0) m++;
  return m;
}

/** Whole months from t1 to t0 (epoch ms), as Flink's (Calcite's) subtractMonths. */
function subtractMonths(t0: i64, t1: i64): i64 {
  const d0 = floorDiv(t0, 86400000);
  const ms0 = t0 - d0 * 86400000;
  const d1 = floorDiv(t1, 86400000);
  const ms1 = t1 - d1 * 86400000;
  let x = monthsBetweenDays(d0, d1);
  if (addMonths(d1, x) == d0 && ms0 < ms1) x--;
  return x;
}

/**
 * TS_DIFF dst(I64) <- the number of units c (0 second, 1 minute, 2 hour, 3 day, 4 week, 5 month,
 * 6 quarter, 7 year) from a to b (TIMESTAMP(3) epoch ms), truncated toward zero.
 */
export function op_ts_diff(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const unit = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, b, -1);
  const step: i64 = unit == 0 ? 1000 : unit == 1 ? 60000 : unit == 2 ? 3600000 : unit == 3 ? 86400000 : 604800000;
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    const t1 = load<i64>(va + (<usize>i << 3));
    const t2 = load<i64>(vb + (<usize>i << 3));
    let r: i64;
    if (unit <= 4) r = (t2 - t1) / step;
    else {
      const months = subtractMonths(t2, t1);
      r = unit == 5 ? months : unit == 6 ? months / 3 : months / 12;
    }
    store<i64>(out + (<usize>i << 3), r);
  }
  setReg(dst, out, nulls);
}
