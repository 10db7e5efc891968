/** Terse constructors of bound expressions for tests. */
import type { Call, ColumnRef, Literal, LiteralValue, ScalarExpr, ScalarFunction } from '../../engine/logical/expression.js';
import type { DataType } from '../../engine/types/data-type.js';

export const col = (index: number, type: DataType, name = `c${index}`): ColumnRef => ({ kind: 'column', index, name, type });
export const lit = (value: LiteralValue, type: DataType): Literal => ({ kind: 'literal', value, type });
export const call = (fn: ScalarFunction, type: DataType, ...args: ScalarExpr[]): Call => ({ kind: 'call', fn, args, type });
