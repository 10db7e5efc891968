import type { DataType } from '../types/data-type.js';
import type { Literal, ScalarFunction } from '../logical/expression.js';
import type { AggregateName } from '../logical/function-catalog.js';
import { literalFromJs } from '../logical/literal.js';

/**
 * The unresolved expression tree the Table API builds: plain data, names not yet looked up and
 * nothing typed. The planner binds it against a table's schema (resolve-expression.ts), which is
 * where unknown columns and type mismatches are reported.
 */
export type ApiExprNode =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'literal'; readonly literal: Literal }
  | { readonly kind: 'call'; readonly fn: ScalarFunction; readonly args: readonly ApiExpression[] }
  | { readonly kind: 'cast'; readonly arg: ApiExpression; readonly type: DataType; readonly tryCast: boolean }
  | {
      readonly kind: 'aggregate';
      readonly fn: AggregateName;
      readonly arg?: ApiExpression;
      readonly distinct: boolean;
      readonly filter?: ApiExpression;
    }
  | { readonly kind: 'alias'; readonly arg: ApiExpression; readonly name: string }
  | { readonly kind: 'sort'; readonly arg: ApiExpression; readonly ascending: boolean; readonly nullsFirst?: boolean };

/** What an API method accepts as an operand: an expression, or a JavaScript value taken as a literal. */
export type ExprLike = ApiExpression | boolean | number | bigint | string | Date | null;

/** Units of `extract(...)` and of `floor(unit)` / `ceil(unit)` on dates and timestamps (Flink's TimeIntervalUnit). */
export const TimeIntervalUnit = {
  YEAR: 'YEAR', QUARTER: 'QUARTER', MONTH: 'MONTH', WEEK: 'WEEK', DAY: 'DAY',
  HOUR: 'HOUR', MINUTE: 'MINUTE', SECOND: 'SECOND',
} as const;
/** A time unit; `extract` also takes DOW (1 = Sunday), DOY and EPOCH. */
export type TimeUnit = keyof typeof TimeIntervalUnit | 'DOW' | 'DOY' | 'EPOCH';

const TRUNCATE_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
const EXTRACT_UNITS = [...TRUNCATE_UNITS, 'dow', 'doy', 'epoch'];

function checkUnit(unit: string, allowed: readonly string[], method: string): string {
  const u = String(unit).toLowerCase();
  if (!allowed.includes(u)) throw new TypeError(`${method}() takes one of ${allowed.map((a) => a.toUpperCase()).join(', ')}; got '${unit}'`);
  return u;
}

/** `value` as an expression: expressions pass through, JavaScript values become literals. */
export function toExpr(value: ExprLike): ApiExpression {
  return value instanceof ApiExpression ? value : new ApiExpression({ kind: 'literal', literal: literalFromJs(value) });
}

/**
 * An expression of the Table API, with Flink's method names: `$('price').times(2).isGreater(100)`,
 * `$('price').sum().as('total')`. Immutable: every method returns a new expression. Operands may
 * be expressions or plain values (`$('a').plus(1)`).
 */
export class ApiExpression {
  constructor(readonly node: ApiExprNode) {}

  private call(fn: ScalarFunction, ...args: ExprLike[]): ApiExpression {
    return new ApiExpression({ kind: 'call', fn, args: [this, ...args.map(toExpr)] });
  }
  private agg(fn: AggregateName): ApiExpression {
    return new ApiExpression({ kind: 'aggregate', fn, arg: this, distinct: false });
  }

  // Arithmetic
  plus(other: ExprLike): ApiExpression { return this.call('plus', other); }
  minus(other: ExprLike): ApiExpression { return this.call('minus', other); }
  times(other: ExprLike): ApiExpression { return this.call('times', other); }
  /** Division; integer operands divide as integers (5 / 2 = 2), as in Flink. */
  dividedBy(other: ExprLike): ApiExpression { return this.call('divide', other); }
  mod(other: ExprLike): ApiExpression { return this.call('mod', other); }
  negate(): ApiExpression { return this.call('negate'); }
  abs(): ApiExpression { return this.call('abs'); }

  // Comparison
  isEqual(other: ExprLike): ApiExpression { return this.call('eq', other); }
  isNotEqual(other: ExprLike): ApiExpression { return this.call('ne', other); }
  isGreater(other: ExprLike): ApiExpression { return this.call('gt', other); }
  isGreaterOrEqual(other: ExprLike): ApiExpression { return this.call('ge', other); }
  isLess(other: ExprLike): ApiExpression { return this.call('lt', other); }
  isLessOrEqual(other: ExprLike): ApiExpression { return this.call('le', other); }
  isDistinctFrom(other: ExprLike): ApiExpression { return this.call('is_distinct_from', other); }
  isNotDistinctFrom(other: ExprLike): ApiExpression { return this.call('is_not_distinct_from', other); }
  /** `low <= this <= high` (both bounds inclusive). */
  between(low: ExprLike, high: ExprLike): ApiExpression { return this.call('between', low, high); }
  notBetween(low: ExprLike, high: ExprLike): ApiExpression { return this.between(low, high).not(); }
  /** Membership in a list of values: `$('k').in(1, 2, 3)`. */
  in(...values: ExprLike[]): ApiExpression { return this.call('in', ...values); }
  /** SQL LIKE with `%` and `_`. */
  like(pattern: ExprLike): ApiExpression { return this.call('like', pattern); }

  // Logic (three-valued)
  and(other: ExprLike): ApiExpression { return this.call('and', other); }
  or(other: ExprLike): ApiExpression { return this.call('or', other); }
  not(): ApiExpression { return this.call('not'); }
  isNull(): ApiExpression { return this.call('is_null'); }
  isNotNull(): ApiExpression { return this.call('is_not_null'); }
  isTrue(): ApiExpression { return this.call('is_true'); }
  isFalse(): ApiExpression { return this.call('is_false'); }
  isNotTrue(): ApiExpression { return this.isTrue().not(); }
  isNotFalse(): ApiExpression { return this.isFalse().not(); }

  // Conversion and conditionals
  cast(type: DataType): ApiExpression { return new ApiExpression({ kind: 'cast', arg: this, type, tryCast: false }); }
  /** Like cast, but NULL where a value does not convert. */
  tryCast(type: DataType): ApiExpression { return new ApiExpression({ kind: 'cast', arg: this, type, tryCast: true }); }
  /** This value, or `alternative` where it is NULL. */
  ifNull(alternative: ExprLike): ApiExpression { return this.call('coalesce', alternative); }
  /** The first non-NULL of this and `others`. */
  coalesce(...others: ExprLike[]): ApiExpression { return this.call('coalesce', ...others); }
  /** NULL where this equals `other`, else this. */
  nullIf(other: ExprLike): ApiExpression { return this.call('nullif', other); }

  // Strings
  upperCase(): ApiExpression { return this.call('upper'); }
  lowerCase(): ApiExpression { return this.call('lower'); }
  /** Characters from `start` (1-based), `length` of them or to the end. */
  substring(start: ExprLike, length?: ExprLike): ApiExpression {
    return length === undefined ? this.call('substring', start) : this.call('substring', start, length);
  }
  trim(): ApiExpression { return this.call('trim'); }
  trimLeading(): ApiExpression { return this.call('ltrim'); }
  trimTrailing(): ApiExpression { return this.call('rtrim'); }
  charLength(): ApiExpression { return this.call('char_length'); }
  concat(...others: ExprLike[]): ApiExpression { return this.call('concat', ...others); }
  replace(search: ExprLike, replacement: ExprLike): ApiExpression { return this.call('replace', search, replacement); }
  /** 1-based position of this string in `haystack`, 0 when absent. */
  position(haystack: ExprLike): ApiExpression { return this.call('position', haystack); }

  // Numbers
  round(digits?: ExprLike): ApiExpression { return digits === undefined ? this.call('round') : this.call('round', digits); }
  /** FLOOR of a number; with a unit, a date or timestamp truncated to it (`floor(TimeIntervalUnit.DAY)`). */
  floor(unit?: TimeUnit): ApiExpression { return unit ? this.truncate(unit) : this.call('floor'); }
  /** CEIL of a number (units are not supported for CEIL). */
  ceil(): ApiExpression { return this.call('ceil'); }
  power(exponent: ExprLike): ApiExpression { return this.call('power', exponent); }
  sqrt(): ApiExpression { return this.call('sqrt'); }
  ln(): ApiExpression { return this.call('ln'); }
  exp(): ApiExpression { return this.call('exp'); }
  sign(): ApiExpression { return this.call('sign'); }

  // Dates and times
  /** A field of a date or timestamp as BIGINT: `extract('YEAR')`. */
  extract(unit: TimeUnit): ApiExpression {
    return this.call(`extract_${checkUnit(unit, EXTRACT_UNITS, 'extract')}` as ScalarFunction);
  }
  private truncate(unit: TimeUnit): ApiExpression {
    return this.call(`date_trunc_${checkUnit(unit, TRUNCATE_UNITS, 'floor')}` as ScalarFunction);
  }

  // Naming and ordering
  /** Names the expression's column in the output. */
  as(name: string): ApiExpression { return new ApiExpression({ kind: 'alias', arg: this.unaliased(), name }); }
  asc(): ApiExpression { return new ApiExpression({ kind: 'sort', arg: this, ascending: true }); }
  desc(): ApiExpression { return new ApiExpression({ kind: 'sort', arg: this, ascending: false }); }
  /** Sorts NULLs before other values (defaults: first when ascending, last when descending, as Flink). */
  nullsFirst(): ApiExpression { return this.withNulls(true); }
  nullsLast(): ApiExpression { return this.withNulls(false); }
  private withNulls(nullsFirst: boolean): ApiExpression {
    const n = this.node;
    return new ApiExpression(n.kind === 'sort' ? { ...n, nullsFirst } : { kind: 'sort', arg: this, ascending: true, nullsFirst });
  }
  private unaliased(): ApiExpression {
    return this.node.kind === 'alias' ? this.node.arg : this;
  }

  // Aggregates
  sum(): ApiExpression { return this.agg('sum'); }
  /** COUNT of non-NULL values; `$('*').count()` counts rows. */
  count(): ApiExpression { return this.agg('count'); }
  avg(): ApiExpression { return this.agg('avg'); }
  min(): ApiExpression { return this.agg('min'); }
  max(): ApiExpression { return this.agg('max'); }
  /** On an aggregate: aggregate distinct values only (`$('bidder').count().distinct()`). */
  distinct(): ApiExpression { return this.onAggregate('distinct()', (n) => ({ ...n, distinct: true })); }
  /** On an aggregate: aggregate only the rows where `condition` is TRUE (SQL's FILTER (WHERE ...)). */
  filter(condition: ExprLike): ApiExpression {
    return this.onAggregate('filter()', (n) => ({ ...n, filter: toExpr(condition) }));
  }
  private onAggregate(
    what: string,
    f: (n: Extract<ApiExprNode, { kind: 'aggregate' }>) => Extract<ApiExprNode, { kind: 'aggregate' }>,
  ): ApiExpression {
    const n = this.node;
    if (n.kind === 'aggregate') return new ApiExpression(f(n));
    if (n.kind === 'alias' && n.arg.node.kind === 'aggregate') return new ApiExpression(f(n.arg.node)).as(n.name);
    throw new TypeError(`${what} applies to an aggregate such as $('x').count(); call it after the aggregate`);
  }
}
