import { isIntegral, isNumeric, type DataType, type TypeName } from '../types/data-type.js';

/** The largest DECIMAL precision (Flink's and Arrow's decimal128). */
export const MAX_DECIMAL_PRECISION = 38;
/** The smallest scale a division or an adjusted decimal keeps (Flink's MINIMUM_ADJUSTED_SCALE). */
export const MIN_ADJUSTED_SCALE = 6;

const INTEGER_RANK: Partial<Record<TypeName, number>> = { TINYINT: 1, SMALLINT: 2, INT: 3, BIGINT: 4 };
const INTEGER_DIGITS: Partial<Record<TypeName, number>> = { TINYINT: 3, SMALLINT: 5, INT: 10, BIGINT: 19 };

/** A DECIMAL's precision and scale; an integer type as the DECIMAL that holds it (INT → (10, 0)). */
export function decimalOf(t: DataType): { p: number; s: number } | undefined {
  if (t.name === 'DECIMAL') return { p: t.precision ?? 10, s: t.scale ?? 0 };
  const digits = INTEGER_DIGITS[t.name];
  return digits === undefined ? undefined : { p: digits, s: 0 };
}

/**
 * DECIMAL(p, s) brought within 38 digits as Flink does: when p exceeds 38 the integer digits are
 * kept and the scale gives way, down to at most min(s, 6).
 */
export function decimalType(p: number, s: number, nullable: boolean): DataType {
  if (p <= MAX_DECIMAL_PRECISION) return { name: 'DECIMAL', precision: Math.max(p, 1), scale: s, nullable };
  const intDigits = p - s;
  const minScale = Math.min(s, MIN_ADJUSTED_SCALE);
  const scale = Math.max(MAX_DECIMAL_PRECISION - intDigits, minScale);
  return { name: 'DECIMAL', precision: MAX_DECIMAL_PRECISION, scale, nullable };
}

/**
 * The type both numeric types widen to, as Flink's implicit widening: DOUBLE if either is DOUBLE,
 * else FLOAT if either is FLOAT, else DECIMAL if either is DECIMAL (enough integer digits and
 * scale for both), else the wider integer type. Nullable if either is.
 */
export function commonNumericType(a: DataType, b: DataType): DataType {
  const nullable = a.nullable || b.nullable;
  if (a.name === 'DOUBLE' || b.name === 'DOUBLE') return { name: 'DOUBLE', nullable };
  if (a.name === 'FLOAT' || b.name === 'FLOAT') return { name: 'FLOAT', nullable };
  if (a.name === 'DECIMAL' || b.name === 'DECIMAL') {
    const x = decimalOf(a)!, y = decimalOf(b)!;
    const s = Math.max(x.s, y.s);
    return decimalType(Math.max(x.p - x.s, y.p - y.s) + s, s, nullable);
  }
  const wider = INTEGER_RANK[a.name]! >= INTEGER_RANK[b.name]! ? a : b;
  return { name: wider.name, nullable };
}

/**
 * The type values of `a` and `b` are compared, unioned or coalesced as, or undefined when they do
 * not mix (STRING with a number, BOOLEAN with anything else). NULL takes the other side's type;
 * DATE widens to TIMESTAMP; a TIMESTAMP keeps the finer precision.
 */
export function commonType(a: DataType, b: DataType): DataType | undefined {
  const nullable = a.nullable || b.nullable;
  if (a.name === 'NULL') return { ...b, nullable: true };
  if (b.name === 'NULL') return { ...a, nullable: true };
  if (isNumeric(a) && isNumeric(b)) return commonNumericType(a, b);
  const temporal = (t: DataType) => t.name === 'DATE' || t.name === 'TIMESTAMP';
  if (temporal(a) && temporal(b) && (a.name === 'TIMESTAMP' || b.name === 'TIMESTAMP')) {
    const p = Math.max(a.name === 'TIMESTAMP' ? a.precision ?? 3 : 3, b.name === 'TIMESTAMP' ? b.precision ?? 3 : 3);
    return { name: 'TIMESTAMP', precision: p, nullable };
  }
  return a.name === b.name ? { ...a, nullable } : undefined;
}

/** Whether two types are equal apart from nullability. */
export function sameType(a: DataType, b: DataType): boolean {
  return a.name === b.name && a.precision === b.precision && a.scale === b.scale;
}

/**
 * Whether CAST(from AS to) is allowed: between numbers, numbers and BOOLEAN, anything and
 * STRING, DATE and TIMESTAMP, and from NULL to anything.
 */
export function canCast(from: DataType, to: DataType): boolean {
  if (from.name === 'NULL' || from.name === to.name || to.name === 'STRING' || from.name === 'STRING') return to.name !== 'NULL';
  if (isNumeric(from) && isNumeric(to)) return true;
  if ((isIntegral(from) && to.name === 'BOOLEAN') || (from.name === 'BOOLEAN' && isNumeric(to))) return true;
  const temporal = (t: DataType) => t.name === 'DATE' || t.name === 'TIMESTAMP';
  return temporal(from) && temporal(to);
}
