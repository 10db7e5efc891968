/**
 * Dates and times of the reference interpreter: civil (proleptic Gregorian) calendar arithmetic
 * on days since 1970-01-01, timestamps as epoch milliseconds (TIMESTAMP(3)) or microseconds
 * (TIMESTAMP(6)), no time zones. EXTRACT(DOW) is 1 = Sunday; WEEK is the ISO week; date_trunc of
 * a week goes to its Monday.
 */
import type { DataType } from '../../engine/types/data-type.js';
import { type SqlValue, ScalarEvalError, checkedInt, floorDiv } from './scalar-eval-values.js';

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of days since 1970-01-01. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** 'yyyy-MM-dd' (a negative year gets a leading '-'). */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y < 0 ? '-' + pad(-y, 4) : pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** 'yyyy-MM-dd HH:mm:ss.fff' with `precision` fraction digits. */
export function formatTimestamp(v: bigint, precision: number): string {
  const unit = precision === 6 ? 1000000n : 1000n;
  const perDay = 86400n * unit;
  const days = floorDiv(v, perDay);
  const rest = v - days * perDay;
  const secs = Number(rest / unit);
  const frac = Number(rest % unit);
  return `${formatDate(Number(days))} ${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}.${pad(frac, precision)}`;
}

/** Days of 'yyyy-M-d' (month and day of 1 or 2 digits), or null. */
export function parseDate(s: string): number | null {
  const m = /^(-?\d{4,})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d);
}

/** Epoch units of 'yyyy-MM-dd[( |T)HH:mm[:ss[.fraction]]]', fraction truncated to `precision`; or null. */
export function parseTimestamp(s: string, precision: number): bigint | null {
  const m = /^(-?\d{4,}-\d{1,2}-\d{1,2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/.exec(s);
  if (!m) return null;
  const days = parseDate(m[1]!);
  if (days === null) return null;
  const h = Number(m[2] ?? 0);
  const mi = Number(m[3] ?? 0);
  const sec = Number(m[4] ?? 0);
  if (h > 23 || mi > 59 || sec > 59) return null;
  const unit = precision === 6 ? 1000000n : 1000n;
  const frac = BigInt((m[5] ?? '').padEnd(precision, '0').slice(0, precision) || '0');
  return (BigInt(days) * 86400n + BigInt(h * 3600 + mi * 60 + sec)) * unit + frac;
}

function asResult(v: number | bigint, t: DataType): SqlValue {
  if (t.name === 'TIMESTAMP' || t.name === 'DECIMAL') return BigInt(v);
  return checkedInt(BigInt(v), t, 'cast overflow');
}

/** ISO 8601 week number of a date. */
function isoWeek(days: number): number {
  const dowMon0 = ((days + 3) % 7 + 7) % 7; // Monday = 0
  const thursday = days - dowMon0 + 3;
  const [y] = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
}

const EXTRACTS = new Set(['extract_year', 'extract_month', 'extract_day', 'extract_hour', 'extract_minute', 'extract_second',
  'extract_dow', 'extract_doy', 'extract_quarter', 'extract_week', 'extract_epoch']);

/** extract_*, date_add_days, timestamp_add_millis, date_trunc_*; undefined for other functions. */
export function evalDateTime(fn: string, args: SqlValue[], types: DataType[], t: DataType): SqlValue | undefined {
  const isExtract = EXTRACTS.has(fn);
  if (!isExtract && fn !== 'date_add_days' && fn !== 'timestamp_add_millis' && !fn.startsWith('date_trunc_')) return undefined;
  if (args.some((a) => a === null)) return null;
  const at = types[0]!;
  const unit = at.name === 'TIMESTAMP' ? (at.precision === 6 ? 1000000n : 1000n) : 0n;
  const perDay = 86400n * unit;
  const days = at.name === 'DATE' ? (args[0] as number) : Number(floorDiv(args[0] as bigint, perDay));
  const secOfDay = at.name === 'DATE' ? 0 : Number(((args[0] as bigint) - BigInt(days) * perDay) / unit);
  const [y, m, d] = civilFromDays(days);
  switch (fn) {
    case 'extract_year': return asResult(y, t);
    case 'extract_month': return asResult(m, t);
    case 'extract_day': return asResult(d, t);
    case 'extract_hour': return asResult(Math.floor(secOfDay / 3600), t);
    case 'extract_minute': return asResult(Math.floor(secOfDay / 60) % 60, t);
    case 'extract_second': return asResult(secOfDay % 60, t);
    case 'extract_dow': return asResult((((days + 4) % 7) + 7) % 7 + 1, t);
    case 'extract_doy': return asResult(days - daysFromCivil(y, 1, 1) + 1, t);
    case 'extract_quarter': return asResult(Math.floor((m - 1) / 3) + 1, t);
    case 'extract_week': return asResult(isoWeek(days), t);
    case 'extract_epoch':
      return asResult(at.name === 'DATE' ? BigInt(days) * 86400n : floorDiv(args[0] as bigint, unit), t);
    case 'date_add_days': {
      const r = (args[0] as number) + Number(args[1]);
      if (r < -2147483648 || r > 2147483647) throw new ScalarEvalError('overflow', 'date overflow');
      return r;
    }
    case 'timestamp_add_millis': {
      const step = BigInt(args[1] as bigint | number) * (at.precision === 6 ? 1000n : 1n);
      const r = (args[0] as bigint) + step;
      if (r < -(2n ** 63n) || r >= 2n ** 63n) throw new ScalarEvalError('overflow', 'timestamp overflow');
      return r;
    }
  }
  // date_trunc_*: truncate in the argument's domain, then express in the result type.
  const part = fn.slice('date_trunc_'.length);
  let dayStart = days;
  let sec = 0;
  switch (part) {
    case 'year': dayStart = daysFromCivil(y, 1, 1); break;
    case 'quarter': dayStart = daysFromCivil(y, Math.floor((m - 1) / 3) * 3 + 1, 1); break;
    case 'month': dayStart = daysFromCivil(y, m, 1); break;
    case 'week': dayStart = days - ((((days + 3) % 7) + 7) % 7); break;
    case 'day': break;
    case 'hour': sec = secOfDay - (secOfDay % 3600); break;
    case 'minute': sec = secOfDay - (secOfDay % 60); break;
    case 'second': sec = secOfDay; break;
  }
  if (t.name === 'DATE') return dayStart;
  const outUnit = t.precision === 6 ? 1000000n : 1000n;
  return (BigInt(dayStart) * 86400n + BigInt(sec)) * outUnit;
}
