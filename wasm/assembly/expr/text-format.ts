// Rendering values as text for CAST to STRING (doubles: see dtoa.ts): integers in decimal,
// DECIMAL with `scale` fraction digits, DATE 'yyyy-MM-dd', TIMESTAMP 'yyyy-MM-dd HH:mm:ss.fff'
// (precision digits).
import { civilDay, civilFromDays, civilMonth, civilYear } from './civil';

/** Writes the digits of `v` (any i64) at p; returns the length. */
export function formatI64(v: i64, p: usize): usize {
  let u: u64 = v < 0 ? <u64>0 - <u64>v : <u64>v;
  let len: usize = 0;
  if (v < 0) store<u8>(p + len++, 0x2D);
  const start = p + len;
  let digits: usize = 0;
  do {
    store<u8>(start + digits++, <u8>(0x30 + <u32>(u % 10)));
    u /= 10;
  } while (u != 0);
  for (let i: usize = 0, j = digits - 1; i < j; i++, j--) {
    const t = load<u8>(start + i);
    store<u8>(start + i, load<u8>(start + j));
    store<u8>(start + j, t);
  }
  return len + digits;
}

/** Writes an unscaled decimal with `scale` digits after the point (e.g. 150, 2 → "1.50"). */
export function formatDecimal(v: i64, scale: i32, p: usize): usize {
  if (scale <= 0) return formatI64(v, p);
  let len: usize = 0;
  let u: u64 = v < 0 ? <u64>0 - <u64>v : <u64>v;
  if (v < 0) store<u8>(p + len++, 0x2D);
  // Digits right to left into a scratch area after p, then copied in order.
  const tmp = p + 48;
  let n: usize = 0;
  do {
    store<u8>(tmp + n++, <u8>(0x30 + <u32>(u % 10)));
    u /= 10;
  } while (u != 0 || n <= <usize>scale);
  for (let k = n; k > 0; k--) {
    if (k == <usize>scale) store<u8>(p + len++, 0x2E);
    store<u8>(p + len++, load<u8>(tmp + k - 1));
  }
  return len;
}

function pad(v: i32, width: i32, p: usize): usize {
  let len: usize = 0;
  let x = v;
  if (x < 0) {
    store<u8>(p + len++, 0x2D);
    x = -x;
  }
  let digits = 1;
  for (let t = x; t >= 10; t /= 10) digits++;
  for (let k = digits; k < width; k++) store<u8>(p + len++, 0x30);
  return len + formatI64(x, p + len);
}

/** 'yyyy-MM-dd' of days since 1970-01-01. */
export function formatDate(days: i64, p: usize): usize {
  civilFromDays(days);
  let len = pad(civilYear(), 4, p);
  store<u8>(p + len++, 0x2D);
  len += pad(civilMonth(), 2, p + len);
  store<u8>(p + len++, 0x2D);
  return len + pad(civilDay(), 2, p + len);
}

/** 'yyyy-MM-dd HH:mm:ss.fff' of epoch units (precision 3: ms, 6: µs). */
export function formatTimestamp(v: i64, precision: i32, p: usize): usize {
  const unit: i64 = precision == 6 ? 1000000 : 1000;
  const perDay = 86400 * unit;
  let days = v / perDay;
  if (v % perDay < 0) days--;
  const rest = v - days * perDay;
  const secs = <i32>(rest / unit);
  let len = formatDate(days, p);
  store<u8>(p + len++, 0x20);
  len += pad(secs / 3600, 2, p + len);
  store<u8>(p + len++, 0x3A);
  len += pad((secs / 60) % 60, 2, p + len);
  store<u8>(p + len++, 0x3A);
  len += pad(secs % 60, 2, p + len);
  store<u8>(p + len++, 0x2E);
  return len + pad(<i32>(rest % unit), precision, p + len);
}

