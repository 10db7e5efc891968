import type { DataType } from '../types/data-type.js';
import type { BuiltinFunction } from './builtin-functions.js';

/**
 * A JSON-safe literal. BOOLEAN: boolean. TINYINT..INT, FLOAT, DOUBLE: number (NaN, ±Infinity and
 * -0 are written as the strings 'NaN', 'Infinity', '-Infinity', '-0' when serialized).
 * BIGINT and DECIMAL (unscaled): decimal string. STRING: string. DATE: days since 1970-01-01.
 * TIMESTAMP(3): epoch milliseconds; TIMESTAMP(6): epoch microseconds as a decimal string.
 * NULL: null.
 */
export type LiteralValue = boolean | number | string | null;

/**
 * The scalar functions the engine evaluates. Each call's arguments are already of the types the
 * function expects (the planner inserts implicit casts), so a kernel is chosen by argument kind.
 *
 * Arithmetic: plus, minus, times, divide (integer division on integers, as Flink), mod, negate,
 *   abs; overflow and integer division by zero are errors, as in SQL.
 * Comparison: eq, ne, lt, le, gt, ge, is_distinct_from, is_not_distinct_from.
 * Logic (SQL three-valued): and, or, not, is_null, is_not_null, is_true, is_false.
 * Conditional: case (args: when1, then1, when2, then2, ..., [else]; odd length means an else),
 *   coalesce, nullif, if (cond, then, else).
 * Sets and ranges: in (args[0] is the value, the rest the list), between (value, low, high).
 * Conversion: cast and try_cast (target type is the node's type; try_cast yields NULL on failure).
 * Strings: like (value, pattern[, escape]), upper, lower, substring (s, start[, length]; 1-based),
 *   trim, ltrim, rtrim, concat, char_length, replace (s, from, to), position (needle, haystack).
 * Numbers: round (x[, digits]), floor, ceil, power, sqrt, ln, exp, sign.
 * Dates and times: extract_year, extract_month, extract_day, extract_hour, extract_minute,
 *   extract_second, extract_dow (1 = Sunday), extract_doy, extract_quarter, extract_week, extract_epoch;
 *   date_add_days (date, int), timestamp_add_millis (ts, bigint), current_date? (not here: folded by
 *   the planner), date_trunc_{year,quarter,month,week,day,hour,minute,second} (value).
 * More Flink built-ins (CONCAT_WS, REGEXP_EXTRACT, DATE_FORMAT, ...): see builtin-functions.ts.
 */
export type ScalarFunction =
  | 'plus' | 'minus' | 'times' | 'divide' | 'mod' | 'negate' | 'abs'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'is_distinct_from' | 'is_not_distinct_from'
  | 'and' | 'or' | 'not' | 'is_null' | 'is_not_null' | 'is_true' | 'is_false'
  | 'case' | 'coalesce' | 'nullif' | 'if'
  | 'in' | 'between'
  | 'cast' | 'try_cast'
  | 'like' | 'upper' | 'lower' | 'substring' | 'trim' | 'ltrim' | 'rtrim' | 'concat' | 'char_length'
  | 'replace' | 'position'
  | 'round' | 'floor' | 'ceil' | 'power' | 'sqrt' | 'ln' | 'exp' | 'sign'
  | 'extract_year' | 'extract_month' | 'extract_day' | 'extract_hour' | 'extract_minute' | 'extract_second'
  | 'extract_dow' | 'extract_doy' | 'extract_quarter' | 'extract_week' | 'extract_epoch'
  | 'date_add_days' | 'timestamp_add_millis'
  | 'date_trunc_year' | 'date_trunc_quarter' | 'date_trunc_month' | 'date_trunc_week' | 'date_trunc_day'
  | 'date_trunc_hour' | 'date_trunc_minute' | 'date_trunc_second'
  | BuiltinFunction;

/** A reference to column `index` of the operator's input (name kept for EXPLAIN and errors). */
export interface ColumnRef {
  readonly kind: 'column';
  readonly index: number;
  readonly name: string;
  readonly type: DataType;
}

/** A constant. */
export interface Literal {
  readonly kind: 'literal';
  readonly value: LiteralValue;
  readonly type: DataType;
}

/** A call of a scalar function; `type` is the result type. */
export interface Call {
  readonly kind: 'call';
  readonly fn: ScalarFunction;
  readonly args: readonly ScalarExpr[];
  readonly type: DataType;
}

/**
 * A resolved (bound) scalar expression: columns are input positions, every node is typed.
 * JSON-safe, so physical plans that carry it can be sent to a worker.
 */
export type ScalarExpr = ColumnRef | Literal | Call;

/** Aggregate functions of the hash aggregate. */
export type AggregateFunction = 'count_star' | 'count' | 'count_distinct' | 'sum' | 'min' | 'max' | 'avg';
