/**
 * Value representation and helpers of the reference interpreter (test/reference/scalar-eval.ts):
 * BOOLEAN boolean; TINYINT, SMALLINT, INT, DATE (days) number; BIGINT, TIMESTAMP (epoch ms or µs)
 * and DECIMAL (unscaled) bigint; FLOAT, DOUBLE number; STRING string; NULL null.
 */
import type { LiteralValue } from '../../engine/logical/expression.js';
import type { DataType } from '../../engine/types/data-type.js';

export type SqlValue = boolean | number | bigint | string | null;

/** A data error of SQL evaluation, classified like the engine's error codes. */
export class ScalarEvalError extends Error {
  override readonly name = 'ScalarEvalError';
  constructor(readonly kind: 'overflow' | 'divide_by_zero' | 'cast' | 'invalid', message: string) {
    super(message);
  }
}

export const INT_RANGES: Record<string, [bigint, bigint]> = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  INT: [-2147483648n, 2147483647n],
  BIGINT: [-(2n ** 63n), 2n ** 63n - 1n],
};

export function isInt32Type(t: DataType): boolean {
  return t.name === 'TINYINT' || t.name === 'SMALLINT' || t.name === 'INT' || t.name === 'DATE';
}

export function isBigIntType(t: DataType): boolean {
  return t.name === 'BIGINT' || t.name === 'DECIMAL' || t.name === 'TIMESTAMP';
}

export function isFloatType(t: DataType): boolean {
  return t.name === 'FLOAT' || t.name === 'DOUBLE';
}

export function isIntegerType(t: DataType): boolean {
  return t.name in INT_RANGES;
}

export function scaleOfType(t: DataType): number {
  return t.name === 'DECIMAL' ? (t.scale ?? 0) : 0;
}

export const pow10 = (k: number): bigint => 10n ** BigInt(k);

/** The value of a literal in the reference representation. */
export function literalValue(v: LiteralValue, t: DataType): SqlValue {
  if (v === null || t.name === 'NULL') return null;
  if (t.name === 'BOOLEAN') return v === true || v === 1 || v === 'true';
  if (t.name === 'STRING') return String(v);
  if (isBigIntType(t)) return BigInt(typeof v === 'number' ? Math.trunc(v) : String(v));
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === '-0') return -0;
  return Number(v);
}

/** An integer result checked against the range of `t` (TINYINT .. BIGINT). */
export function checkedInt(v: bigint, t: DataType, what = 'integer overflow'): SqlValue {
  const range = INT_RANGES[t.name];
  if (range && (v < range[0] || v > range[1])) throw new ScalarEvalError('overflow', what);
  return t.name === 'BIGINT' ? v : Number(v);
}

/** A decimal result (unscaled) checked against DECIMAL(p, s)'s precision. */
export function checkedDecimal(v: bigint, t: DataType): bigint {
  const lim = pow10(t.precision ?? 18);
  if (v >= lim || v <= -lim) throw new ScalarEvalError('overflow', 'numeric overflow');
  return v;
}

/** Division rounding HALF_UP (ties away from zero), as Java's BigDecimal. */
export function divHalfUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  const twice = (r < 0n ? -r : r) * 2n;
  const absB = b < 0n ? -b : b;
  if (twice >= absB) return q + ((a < 0n) !== (b < 0n) ? -1n : 1n);
  return q;
}

/** Floor division of bigints. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** A decimal (unscaled v at scale `from`) at scale `to`, HALF_UP when digits are dropped. */
export function rescaleHalfUp(v: bigint, from: number, to: number): bigint {
  return to >= from ? v * pow10(to - from) : divHalfUp(v, pow10(from - to));
}

/** Numeric value (number or bigint) as an exact-enough rational pair [unscaled, scale]. */
export function asDecimalParts(v: SqlValue, t: DataType): [bigint, number] {
  if (t.name === 'DECIMAL') return [v as bigint, t.scale ?? 0];
  if (typeof v === 'bigint') return [v, 0];
  return [BigInt(v as number), 0];
}

/** Compares strings by Unicode code points (UTF-8 byte order). */
export function compareCodePoints(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i]!.codePointAt(0)!;
    const y = cb[i]!.codePointAt(0)!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return ca.length - cb.length === 0 ? 0 : ca.length < cb.length ? -1 : 1;
}

/** DuckDB's total order of doubles: NaN is the greatest and equals itself, -0 equals 0. */
export function compareDoubles(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an && bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
