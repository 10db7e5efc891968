import type { DataType } from '../types/data-type.js';
import { literalFromJs } from '../logical/literal.js';
import { ApiExpression, toExpr, type ExprLike } from './api-expression.js';

export { ApiExpression, TimeIntervalUnit, type ExprLike, type TimeUnit } from './api-expression.js';

/** A column by name: `$('price')`; `$('*')` stands for all columns in select() and for rows in count(). */
export function $(name: string): ApiExpression {
  return new ApiExpression({ kind: 'column', name });
}

/** Flink's `col`, the same as {@link $}. */
export const col = $;

/**
 * A literal: `lit(100)` is an INT, `lit(1.5)` a DOUBLE, `lit(10n)` a BIGINT, `lit('x')` a STRING;
 * with a type the value is converted to it: `lit('12.50', DataTypes.DECIMAL(10, 2))`,
 * `lit('2024-01-31', DataTypes.DATE())`.
 */
export function lit(value: unknown, type?: DataType): ApiExpression {
  return new ApiExpression({ kind: 'literal', literal: literalFromJs(value, type) });
}

/** `condition ? ifTrue : ifFalse` (NULL condition: ifFalse), as Flink's ifThenElse. */
export function ifThenElse(condition: ExprLike, ifTrue: ExprLike, ifFalse: ExprLike): ApiExpression {
  return new ApiExpression({ kind: 'call', fn: 'if', args: [toExpr(condition), toExpr(ifTrue), toExpr(ifFalse)] });
}

/** The first non-NULL argument. */
export function coalesce(first: ExprLike, ...rest: ExprLike[]): ApiExpression {
  return new ApiExpression({ kind: 'call', fn: 'coalesce', args: [first, ...rest].map(toExpr) });
}

/** String concatenation (NULL if any argument is NULL). */
export function concat(first: ExprLike, ...rest: ExprLike[]): ApiExpression {
  return new ApiExpression({ kind: 'call', fn: 'concat', args: [first, ...rest].map(toExpr) });
}

/** The conjunction of all arguments. */
export function and(first: ExprLike, second: ExprLike, ...rest: ExprLike[]): ApiExpression {
  return [second, ...rest].reduce<ApiExpression>((acc, e) => acc.and(e), toExpr(first));
}

/** The disjunction of all arguments. */
export function or(first: ExprLike, second: ExprLike, ...rest: ExprLike[]): ApiExpression {
  return [second, ...rest].reduce<ApiExpression>((acc, e) => acc.or(e), toExpr(first));
}

/** Negation. */
export function not(e: ExprLike): ApiExpression {
  return toExpr(e).not();
}

/**
 * A searched CASE: `caseWhen(c1, v1).when(c2, v2).otherwise(v3)`; `.end()` without a default
 * gives NULL where no condition holds.
 */
export function caseWhen(condition: ExprLike, value: ExprLike): CaseBuilder {
  return new CaseBuilder([toExpr(condition), toExpr(value)]);
}

/** The partial CASE expression built by {@link caseWhen}. */
export class CaseBuilder {
  constructor(private readonly args: readonly ApiExpression[]) {}
  when(condition: ExprLike, value: ExprLike): CaseBuilder {
    return new CaseBuilder([...this.args, toExpr(condition), toExpr(value)]);
  }
  otherwise(value: ExprLike): ApiExpression {
    return new ApiExpression({ kind: 'call', fn: 'case', args: [...this.args, toExpr(value)] });
  }
  end(): ApiExpression {
    return new ApiExpression({ kind: 'call', fn: 'case', args: this.args });
  }
}
