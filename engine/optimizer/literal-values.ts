import type { Literal, LiteralValue } from '../logical/expression.js';
import { makeLiteral, numberOf } from '../logical/literal.js';
import type { DataType } from '../types/data-type.js';

/**
 * Literal values as JavaScript values to compute with, and back. Integers up to INT and DATE are
 * numbers, BIGINT and DECIMAL (unscaled) and TIMESTAMP(6) are bigints, FLOAT/DOUBLE numbers,
 * TIMESTAMP(3) numbers (epoch ms), STRING strings, BOOLEAN booleans; NULL is null.
 */
export type JsValue = number | bigint | string | boolean | null;

/** The value of a literal to compute with. */
export function valueOf(l: Literal): JsValue {
  const v = l.value;
  if (v === null) return null;
  switch (l.type.name) {
    case 'BIGINT': case 'DECIMAL':
      return BigInt(v as string | number);
    case 'TIMESTAMP':
      return (l.type.precision ?? 3) === 6 ? BigInt(v as string | number) : numberOf(v);
    case 'FLOAT': case 'DOUBLE': case 'TINYINT': case 'SMALLINT': case 'INT': case 'DATE':
      return numberOf(v);
    default:
      return v;
  }
}

/** A literal of `type` holding `value` (a value as {@link valueOf} returns it). */
export function literalOf(value: JsValue, type: DataType): Literal {
  if (value === null) return makeLiteral(null, type);
  const t = { ...type, nullable: false };
  let v: LiteralValue;
  if (typeof value === 'bigint') v = value.toString();
  else v = value;
  return makeLiteral(v, t);
}
