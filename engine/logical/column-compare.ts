import type { ColumnRef, Literal, ScalarExpr } from './expression.js';
import { sameType } from './type-coercion.js';

/** A comparison the vectorized kernels evaluate straight from a column: `column <op> literal`. */
export interface ColumnCompare {
  readonly column: ColumnRef;
  readonly op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
  readonly literal: Literal;
}

const NUMERIC = new Set(['TINYINT', 'SMALLINT', 'INT', 'DATE', 'BIGINT', 'TIMESTAMP', 'FLOAT', 'DOUBLE']);
const SWAPPED = { eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' } as const;

/**
 * `expr` as `column <op> literal` over a fixed-width numeric column and a non-NULL literal of the
 * same type (`literal <op> column` is turned around), or undefined. The planner has already cast
 * the literal to the column's type wherever the two differed.
 */
export function asColumnCompare(expr: ScalarExpr): ColumnCompare | undefined {
  if (expr.kind !== 'call' || expr.args.length !== 2 || !(expr.fn in SWAPPED)) return undefined;
  const op = expr.fn as keyof typeof SWAPPED;
  const [a, b] = expr.args as [ScalarExpr, ScalarExpr];
  const [column, literal, o] = a.kind === 'column' && b.kind === 'literal' ? [a, b, op]
    : a.kind === 'literal' && b.kind === 'column' ? [b, a, SWAPPED[op]] : [undefined, undefined, op];
  if (!column || !literal || literal.value === null) return undefined;
  if (!NUMERIC.has(column.type.name) || !sameType(column.type, literal.type)) return undefined;
  return { column, op: o, literal };
}
