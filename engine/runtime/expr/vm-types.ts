import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { DataType } from '../../types/data-type.js';
import { RANGE } from './opcodes.js';

/** Raised when an expression uses a type or function the WASM evaluator does not implement. */
export class UnsupportedExpressionError extends Error {
  override readonly name = 'UnsupportedExpressionError';
}

/**
 * The VM kind that holds a logical type: BOOLEAN→BOOL, TINYINT/SMALLINT/INT/DATE→I32,
 * BIGINT/TIMESTAMP/DECIMAL(p≤18)→I64 (decimal unscaled), DECIMAL(p>18)→I128 (unscaled),
 * FLOAT/DOUBLE→F64, STRING→STR.
 * The NULL type (an untyped NULL) is held as an all-NULL BOOL.
 */
export function vmKindOf(t: DataType): VmKind {
  switch (t.name) {
    case 'BOOLEAN': case 'NULL': return VmKind.BOOL;
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'DATE': return VmKind.I32;
    case 'BIGINT': case 'TIMESTAMP': return VmKind.I64;
    case 'DECIMAL': return isWideDecimal(t) ? VmKind.I128 : VmKind.I64;
    case 'FLOAT': case 'DOUBLE': return VmKind.F64;
    case 'STRING': return VmKind.STR;
  }
}

/** Whether `t` is a DECIMAL held in 128 bits (precision above 18). */
export function isWideDecimal(t: DataType): boolean {
  return t.name === 'DECIMAL' && (t.precision ?? 18) > 18;
}

/** The I32 arithmetic range code of an integer type held as I32. */
export function rangeOf(t: DataType): number {
  return t.name === 'TINYINT' ? RANGE.TINYINT : t.name === 'SMALLINT' ? RANGE.SMALLINT : RANGE.INT;
}

/** Decimal scale of a type seen as a decimal (integers: 0). */
export function scaleOf(t: DataType): number {
  return t.name === 'DECIMAL' ? (t.scale ?? 0) : 0;
}

/** Decimal precision bound of an I64 result (0: the full BIGINT range). */
export function precisionBound(t: DataType): number {
  return t.name === 'DECIMAL' ? (t.precision ?? 18) : 0;
}

export function isIntegerName(t: DataType): boolean {
  return t.name === 'TINYINT' || t.name === 'SMALLINT' || t.name === 'INT' || t.name === 'BIGINT';
}

export function isFloating(t: DataType): boolean {
  return t.name === 'FLOAT' || t.name === 'DOUBLE';
}

/** Digits of a TIMESTAMP's fraction: 3 (milliseconds) or 6 (microseconds). */
export function timestampPrecision(t: DataType): number {
  return t.precision === 6 ? 6 : 3;
}
