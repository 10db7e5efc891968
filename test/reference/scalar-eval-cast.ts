/**
 * CAST semantics of the reference interpreter (Flink's): integer narrowing and DOUBLE→integer
 * truncation fail out of range (NaN always fails); →DECIMAL rounds HALF_UP at the target scale
 * (a DOUBLE through its shortest decimal rendering, as BigDecimal.valueOf); STRING parsing trims
 * spaces; BOOLEAN renders as TRUE/FALSE; DOUBLE renders like Java's Double.toString.
 * TRY_CAST yields NULL where CAST fails.
 */
import type { DataType } from '../../engine/types/data-type.js';
import { typeToString } from '../../engine/types/data-type.js';
import { formatDate, formatTimestamp, parseDate, parseTimestamp } from './scalar-eval-datetime.js';
import {
  INT_RANGES, type SqlValue, ScalarEvalError, asDecimalParts, floorDiv, isFloatType, isIntegerType, pow10,
  rescaleHalfUp, scaleOfType,
} from './scalar-eval-values.js';

/** A numeric value as a double (DECIMAL: unscaled / 10^scale in double arithmetic). */
export function toDouble(v: SqlValue, t: DataType): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (t.name === 'DECIMAL') return Number(v as bigint) / 10 ** (t.scale ?? 0);
  return Number(v);
}

function fail(v: SqlValue, from: DataType, to: DataType): never {
  const shown = typeof v === 'string' ? `'${v}'` : String(v);
  throw new ScalarEvalError('cast', `cannot cast ${shown} (${typeToString(from)}) to ${typeToString(to)}`);
}

/** CAST(v AS to) from type `from`; TRY_CAST when `tryMode`. */
export function castValue(v: SqlValue, from: DataType, to: DataType, tryMode: boolean): SqlValue {
  if (v === null) return null;
  try {
    return castNonNull(v, from, to);
  } catch (e) {
    if (tryMode && e instanceof ScalarEvalError) return null;
    throw e;
  }
}

function castNonNull(v: SqlValue, from: DataType, to: DataType): SqlValue {
  if (to.name === 'STRING') return formatValue(v, from);
  if (from.name === 'STRING') return parseValue((v as string), from, to);
  switch (to.name) {
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      return typeof v === 'bigint' ? v !== 0n : (v as number) !== 0;
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': {
      let i: bigint;
      if (typeof v === 'boolean') i = v ? 1n : 0n;
      else if (isFloatType(from)) {
        const d = v as number;
        if (!Number.isFinite(d)) fail(v, from, to);
        i = BigInt(Math.trunc(d));
      } else if (from.name === 'DECIMAL') i = (v as bigint) / pow10(scaleOfType(from));
      else if (isIntegerType(from)) i = BigInt(v as number | bigint);
      else fail(v, from, to);
      const [lo, hi] = INT_RANGES[to.name]!;
      if (i < lo || i > hi) fail(v, from, to);
      return to.name === 'BIGINT' ? i : Number(i);
    }
    case 'DECIMAL': {
      const s = to.scale ?? 0;
      let r: bigint;
      if (typeof v === 'boolean') r = v ? pow10(s) : 0n;
      else if (isFloatType(from)) {
        const d = v as number;
        if (!Number.isFinite(d)) fail(v, from, to);
        r = parseDecimal(shortestDecimal(d), s) ?? fail(v, from, to);
      } else if (from.name === 'DECIMAL' || isIntegerType(from)) {
        const [x, sx] = asDecimalParts(v, from);
        r = rescaleHalfUp(x, sx, s);
      } else fail(v, from, to);
      const lim = pow10(to.precision ?? 18);
      if (r >= lim || r <= -lim) fail(v, from, to);
      return r;
    }
    case 'FLOAT': case 'DOUBLE': {
      if (from.name === 'DATE' || from.name === 'TIMESTAMP') fail(v, from, to);
      const d = toDouble(v, from);
      return to.name === 'FLOAT' ? Math.fround(d) : d;
    }
    case 'DATE':
      if (from.name === 'TIMESTAMP') return Number(floorDiv(v as bigint, from.precision === 6 ? 86400000000n : 86400000n));
      if (from.name === 'DATE') return v;
      break;
    case 'TIMESTAMP': {
      const p = to.precision === 6 ? 6 : 3;
      if (from.name === 'DATE') return BigInt(v as number) * (p === 6 ? 86400000000n : 86400000n);
      if (from.name === 'TIMESTAMP') {
        const fp = from.precision === 6 ? 6 : 3;
        if (fp === p) return v;
        return p > fp ? (v as bigint) * 1000n : floorDiv(v as bigint, 1000n);
      }
      break;
    }
  }
  return fail(v, from, to);
}

/** The shortest decimal digits of a finite double in plain notation (no exponent). */
export function shortestDecimal(d: number): string {
  const s = String(d);
  if (!/e/i.test(s)) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  const digits = m[2]! + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp >= 0) return m[1] + digits.padEnd(exp + 1, '0');
  return `${m[1]}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** A plain or exponent decimal string to an unscaled bigint at `scale`, HALF_UP; null when malformed. */
export function parseDecimal(text: string, scale: number): bigint | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const digits = BigInt((m[2] || '0') + (m[3] ?? ''));
  const exp = Number(m[4] ?? 0) - (m[3] ?? '').length; // value = digits * 10^exp
  const k = exp + scale;
  let r = k >= 0 ? digits * pow10(k) : rescaleHalfUp(digits, -k, 0);
  if (m[1] === '-') r = -r;
  return r;
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

function parseValue(raw: string, from: DataType, to: DataType): SqlValue {
  const s = raw.replace(/^ +| +$/g, '');
  switch (to.name) {
    case 'BOOLEAN': {
      const w = s.toLowerCase();
      if (TRUE_WORDS.has(w)) return true;
      if (FALSE_WORDS.has(w)) return false;
      break;
    }
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': {
      if (!/^[+-]?\d+$/.test(s)) break;
      const i = BigInt(s);
      const [lo, hi] = INT_RANGES[to.name]!;
      if (i < lo || i > hi) break;
      return to.name === 'BIGINT' ? i : Number(i);
    }
    case 'DECIMAL': {
      const r = parseDecimal(s, to.scale ?? 0);
      if (r === null) break;
      const lim = pow10(to.precision ?? 18);
      if (r >= lim || r <= -lim) break;
      return r;
    }
    case 'FLOAT': case 'DOUBLE': {
      let d: number;
      if (s === 'NaN') d = NaN;
      else if (/^[+-]?Infinity$/.test(s)) d = s.startsWith('-') ? -Infinity : Infinity;
      else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) d = Number(s);
      else break;
      return to.name === 'FLOAT' ? Math.fround(d) : d;
    }
    case 'DATE': {
      const d = parseDate(s);
      if (d === null) break;
      return d;
    }
    case 'TIMESTAMP': {
      const t = parseTimestamp(s, to.precision === 6 ? 6 : 3);
      if (t === null) break;
      return t;
    }
  }
  return fail(raw, from, to);
}

/** Java's Double.toString layout around the shortest digits: 1.0, 0.001, 1.0E7, 1.0E-4, NaN, -Infinity. */
export function javaDoubleString(d: number, float = false): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  let digits: string;
  let exp: number; // value = 0.d1d2... * 10^exp  →  d1.d2... * 10^(exp - 1)
  const neg = d < 0;
  const a = Math.abs(d);
  const s = float ? shortestFloat(a) : a.toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  digits = m[1]! + (m[2] ?? '');
  exp = Number(m[3]);
  digits = digits.replace(/0+$/, '') || '0';
  let out: string;
  if (a >= 1e-3 && a < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1) || '0';
      out = `${intPart}.${frac}`;
    } else {
      out = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
  } else {
    out = `${digits[0]}.${digits.slice(1) || '0'}E${exp}`;
  }
  return neg ? `-${out}` : out;
}

/** Exact value of a finite double as [numerator, denominator exponent of 2]: x = n / 2^k. */
function exactBinary(x: number): [bigint, number] {
  let k = 0;
  let v = x;
  while (!Number.isInteger(v)) { v *= 2; k++; }
  return [BigInt(v), k];
}

/**
 * Shortest digits (as toExponential text) that read back to the FLOAT a: the closest to a among
 * those of the fewest digits, an even last digit on a tie (Java's Float.toString).
 */
function shortestFloat(a: number): string {
  const [num, k] = exactBinary(a);
  for (let p = 1; p <= 9; p++) {
    const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(a.toExponential(p - 1))!;
    const d = BigInt(m[1]! + (m[2] ?? ''));
    const e = Number(m[3]) - (p - 1); // candidate = D * 10^e
    let best: { d: bigint; dist: bigint } | undefined;
    for (const c of [d - 1n, d, d + 1n]) {
      if (c <= 0n) continue;
      const text = `${c}e${e}`;
      if (Math.fround(Number(text)) !== a) continue;
      // |c * 10^e - num / 2^k| scaled by 2^k * 10^max(-e, 0)
      const lhs = e >= 0 ? c * 10n ** BigInt(e) * 2n ** BigInt(k) : c * 2n ** BigInt(k);
      const rhs = e >= 0 ? num : num * 10n ** BigInt(-e);
      const dist = lhs > rhs ? lhs - rhs : rhs - lhs;
      if (!best || dist < best.dist || (dist === best.dist && c % 2n === 0n)) best = { d: c, dist };
    }
    if (best) {
      const digits = best.d.toString();
      const exp = e + digits.length - 1;
      return `${digits[0]}${digits.length > 1 ? '.' + digits.slice(1) : ''}e${exp >= 0 ? '+' : ''}${exp}`;
    }
  }
  return a.toExponential();
}

/** CAST(v AS STRING). */
export function formatValue(v: SqlValue, t: DataType): string {
  switch (t.name) {
    case 'BOOLEAN': return v ? 'TRUE' : 'FALSE';
    case 'DECIMAL': {
      const s = t.scale ?? 0;
      const x = v as bigint;
      if (s === 0) return x.toString();
      const neg = x < 0n;
      const digits = (neg ? -x : x).toString().padStart(s + 1, '0');
      return `${neg ? '-' : ''}${digits.slice(0, -s)}.${digits.slice(-s)}`;
    }
    case 'FLOAT': return javaDoubleString(v as number, true);
    case 'DOUBLE': return javaDoubleString(v as number);
    case 'DATE': return formatDate(v as number);
    case 'TIMESTAMP': return formatTimestamp(v as bigint, t.precision === 6 ? 6 : 3);
    case 'STRING': return v as string;
    default: return String(v);
  }
}
