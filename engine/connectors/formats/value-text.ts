/**
 * Text forms of SQL values as Flink's text formats read and write them: integers, decimals,
 * `yyyy-MM-dd` dates, and `yyyy-MM-dd HH:mm:ss.SSS` timestamps (TIMESTAMP without time zone,
 * stored as epoch milli- or microseconds of that wall-clock time in UTC). Parsers return
 * `undefined` for text that is not a value of the type, so callers can say where it was.
 */

/** Days from 1970-01-01 to the proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (inverse of {@link daysFromCivil}). */
export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day number of `yyyy-MM-dd` starting at `s[0]` (a trailing part is the caller's business). */
function parseDateAt(s: string): number | undefined {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return undefined;
  return daysFromCivil(y, m, d);
}

/** Days since 1970-01-01 of `yyyy-MM-dd`, or undefined. */
export function parseDate(s: string): number | undefined {
  return s.length === 10 ? parseDateAt(s) : undefined;
}

/** The microsecond fraction of the last timestamp {@link parseTimestampSeconds} accepted. */
export let parsedMicros = 0;

/**
 * Epoch seconds of `yyyy-MM-dd HH:mm:ss[.f…]` (SQL) or `yyyy-MM-ddTHH:mm:ss[.f…][Z]` (ISO-8601),
 * with 0 to 9 fraction digits, or undefined. The fraction, truncated to microseconds, is left in
 * {@link parsedMicros} (two results without allocating: this runs once per value).
 */
export function parseTimestampSeconds(s: string): number | undefined {
  const days = parseDateAt(s);
  if (days === undefined || s.length < 19) return undefined;
  const sep = s.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const h = digits(s, 11, 2), mi = digits(s, 14, 2), sec = digits(s, 17, 2);
  if (!(h <= 23 && mi <= 59 && sec <= 59)) return undefined;
  let end = s.length;
  if (sep === 84 && s.charCodeAt(end - 1) === 90) end--; // ISO 'Z'
  let micros = 0;
  if (end > 19) {
    const n = end - 20;
    if (s.charCodeAt(19) !== 46 || n < 1 || n > 9) return undefined;
    const frac = digits(s, 20, Math.min(n, 6));
    if (Number.isNaN(frac) || (n > 6 && Number.isNaN(digits(s, 26, n - 6)))) return undefined;
    micros = frac * 10 ** (6 - Math.min(n, 6));
  }
  parsedMicros = micros;
  return days * 86_400 + h * 3600 + mi * 60 + sec;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `yyyy-MM-dd` of a day number (years outside 0..9999 get a sign, as ISO-8601 expands them). */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? '-' : '+') + pad(Math.abs(y), 6);
  return `${year}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * `yyyy-MM-dd HH:mm:ss.SSS` (3 fraction digits) or `.SSSSSS` (6) of epoch milli/microseconds;
 * `separator` is ' ' for Flink's SQL standard and 'T' for ISO-8601.
 */
export function formatTimestamp(value: bigint, unitsPerSecond: 1000n | 1_000_000n, separator = ' '): string {
  const perDay = unitsPerSecond * 86_400n;
  let days = value / perDay;
  let rest = value % perDay;
  if (rest < 0n) { rest += perDay; days -= 1n; }
  const seconds = Number(rest / unitsPerSecond);
  const frac = Number(rest % unitsPerSecond);
  const h = Math.floor(seconds / 3600), mi = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  const width = unitsPerSecond === 1000n ? 3 : 6;
  return `${formatDate(Number(days))}${separator}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(frac, width)}`;
}

/** A safe integer of base-10 text with an optional sign (no spaces, no exponent), or undefined. */
export function parseInteger(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 16) return undefined;
  let i = 0, neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) { neg = c0 === 45; i = 1; if (n === 1) return undefined; }
  let v = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** A signed 64-bit integer of base-10 text, or undefined (not an integer, or out of range). */
export function parseBigInt(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** A double of decimal text (also `NaN`, `Infinity`, `-Infinity`, exponents), or undefined. */
export function parseDouble(s: string): number | undefined {
  const v = Number(s);
  if (Number.isNaN(v)) return s === 'NaN' ? NaN : undefined;
  // Number() also takes '', '  ', '0x1F', '0b1': none is a SQL double literal.
  if (s.length === 0 || !/^\s*[+-]?(?:\d|\.\d|Infinity)/.test(s) || /^\s*[+-]?0[xXbBoO]/.test(s)) return undefined;
  return v;
}

/** `true`/`false` in any case, or undefined. */
export function parseBoolean(s: string): boolean | undefined {
  if (s.length === 4 && s.toLowerCase() === 'true') return true;
  if (s.length === 5 && s.toLowerCase() === 'false') return false;
  return undefined;
}

/**
 * The unscaled value of decimal text at `scale`, rounded half away from zero (as Flink's
 * BigDecimal HALF_UP), or undefined when it is not a decimal or needs more than `precision` digits.
 */
export function parseDecimal(s: string, precision: number, scale: number): bigint | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  let intDigits = m[2]!;
  let frac = m[3] ?? '';
  const exp = m[4] ? Number(m[4]) : 0;
  if (exp > 0) { const take = frac.slice(0, exp).padEnd(exp, '0'); intDigits += take; frac = frac.slice(exp); }
  else if (exp < 0) { const pad = intDigits.padStart(-exp, '0'); intDigits = pad.slice(0, pad.length + exp); frac = pad.slice(pad.length + exp) + frac; }
  let unscaled = BigInt((intDigits || '0') + frac.slice(0, scale).padEnd(scale, '0'));
  if (frac.length > scale && frac.charCodeAt(scale) >= 53) unscaled += 1n;
  if (unscaled >= 10n ** BigInt(precision)) return undefined;
  return m[1] === '-' ? -unscaled : unscaled;
}

/** Decimal text of `unscaled / 10^scale` with exactly `scale` fraction digits (Flink prints 12.30). */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digitsText = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digitsText.slice(0, -scale)}.${digitsText.slice(-scale)}` : digitsText;
  return neg ? `-${text}` : text;
}

/** A double as Java (and so Flink) writes it: `15.0`, `0.5`, `1.0E7`, `NaN`; parses back to the same value. */
export function formatDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(v);
    return s.includes('.') ? s : `${s}.0`;
  }
  // Java's computerized scientific notation: 1.0E7, 1.2345E-5.
  const [mantissa, exponent] = v.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}
