/** AST nodes of scalar expressions: literals, names, operators, predicates, subqueries, function calls and SQL's special forms. */

import type { DataType } from './ast-types.js';
import type { Identifier, QualifiedName, Span } from './ast-names.js';
import type { Query, WindowSpec } from './ast-queries.js';

/** A scalar expression. */
export type Expr =
  | Literal
  | ColumnRef
  | Unary
  | Binary
  | IsTest
  | IsDistinctFrom
  | Between
  | InList
  | InSubquery
  | Like
  | Exists
  | ScalarSubquery
  | QuantifiedComparison
  | Case
  | Cast
  | FunctionCall
  | Extract
  | FloorCeilTo
  | TimestampAdd
  | TimestampDiff
  | Substring
  | Trim
  | Position
  | Overlay
  | RowConstructor
  | ArrayConstructor
  | MapConstructor
  | Subscript
  | FieldAccess;

/** A literal value. */
export type Literal = NumericLiteral | StringLiteral | BooleanLiteral | NullLiteral | TypedLiteral | IntervalLiteral;

/** `42`, `3.14`, `1e-3`: the text as written; the planner picks INT, BIGINT, DECIMAL or DOUBLE. */
export interface NumericLiteral {
  readonly kind: 'numeric_literal';
  readonly text: string;
  readonly span: Span;
}

/** `'it''s'` (the value holds `it's`). */
export interface StringLiteral {
  readonly kind: 'string_literal';
  readonly value: string;
  readonly span: Span;
}

/** `TRUE`, `FALSE`. */
export interface BooleanLiteral {
  readonly kind: 'boolean_literal';
  readonly value: boolean;
  readonly span: Span;
}

/** `NULL`. */
export interface NullLiteral {
  readonly kind: 'null_literal';
  readonly span: Span;
}

/** `DATE '2024-01-31'`, `TIME '12:00:00'`, `TIMESTAMP '2024-01-31 12:00:00.000'`, `TIMESTAMP_LTZ '...'`. */
export interface TypedLiteral {
  readonly kind: 'typed_literal';
  readonly type: 'DATE' | 'TIME' | 'TIMESTAMP' | 'TIMESTAMP_LTZ';
  readonly value: string;
  readonly span: Span;
}

/** Time units of intervals, EXTRACT, FLOOR/CEIL ... TO and TIMESTAMPADD/DIFF, singular. */
export type TimeUnit =
  | 'MILLENNIUM' | 'CENTURY' | 'DECADE' | 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK' | 'DAY' | 'HOUR' | 'MINUTE'
  | 'SECOND' | 'MILLISECOND' | 'MICROSECOND' | 'NANOSECOND' | 'DOW' | 'DOY' | 'ISODOW' | 'ISOYEAR' | 'EPOCH';

/** `YEAR`, `DAY TO SECOND(3)`, `MINUTE(2)`: the unit (or range of units) of an interval. */
export interface IntervalQualifier {
  readonly kind: 'interval_qualifier';
  readonly start: TimeUnit;
  readonly end?: TimeUnit;
  readonly precision?: number;
  readonly fractionalPrecision?: number;
  readonly span: Span;
}

/** `INTERVAL '10' MINUTE`, `INTERVAL '1 2' DAY TO HOUR`, `INTERVAL -'1' DAY` (sign -1). */
export interface IntervalLiteral {
  readonly kind: 'interval_literal';
  readonly sign: 1 | -1;
  /** The quoted value as written (`'1 2'` gives `1 2`). */
  readonly value: string;
  readonly qualifier: IntervalQualifier;
  readonly span: Span;
}

/** A possibly qualified column (or field) name: `a`, `t.a`, `t.a.b`; the planner resolves which is which. */
export interface ColumnRef {
  readonly kind: 'column_ref';
  readonly parts: readonly Identifier[];
  readonly span: Span;
}

/** `-x`, `+x`, `NOT x`. */
export interface Unary {
  readonly kind: 'unary';
  readonly op: '-' | '+' | 'NOT';
  readonly operand: Expr;
  readonly span: Span;
}

/** Binary operators; `!=` is normalised to `<>`. */
export type BinaryOp = 'OR' | 'AND' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '||';

/** `left op right`. */
export interface Binary {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN`. */
export interface IsTest {
  readonly kind: 'is';
  readonly negated: boolean;
  readonly test: 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN';
  readonly operand: Expr;
  readonly span: Span;
}

/** `left IS [NOT] DISTINCT FROM right`. */
export interface IsDistinctFrom {
  readonly kind: 'is_distinct_from';
  readonly negated: boolean;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `x [NOT] BETWEEN [ASYMMETRIC|SYMMETRIC] low AND high`. */
export interface Between {
  readonly kind: 'between';
  readonly negated: boolean;
  readonly symmetric: boolean;
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly span: Span;
}

/** `x [NOT] IN (a, b, ...)`. */
export interface InList {
  readonly kind: 'in_list';
  readonly negated: boolean;
  readonly operand: Expr;
  readonly list: readonly Expr[];
  readonly span: Span;
}

/** `x [NOT] IN (query)`. */
export interface InSubquery {
  readonly kind: 'in_subquery';
  readonly negated: boolean;
  readonly operand: Expr;
  readonly query: Query;
  readonly span: Span;
}

/** `x [NOT] LIKE pattern [ESCAPE c]` and `x [NOT] SIMILAR TO pattern [ESCAPE c]`. */
export interface Like {
  readonly kind: 'like';
  readonly operator: 'LIKE' | 'SIMILAR TO';
  readonly negated: boolean;
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly escape?: Expr;
  readonly span: Span;
}

/** `EXISTS (query)`. */
export interface Exists {
  readonly kind: 'exists';
  readonly query: Query;
  readonly span: Span;
}

/** `(query)` used as a value. */
export interface ScalarSubquery {
  readonly kind: 'scalar_subquery';
  readonly query: Query;
  readonly span: Span;
}

/** `x op ALL|SOME|ANY (query)`. */
export interface QuantifiedComparison {
  readonly kind: 'quantified_comparison';
  readonly op: '=' | '<>' | '<' | '<=' | '>' | '>=';
  readonly quantifier: 'ALL' | 'SOME' | 'ANY';
  readonly operand: Expr;
  readonly query: Query;
  readonly span: Span;
}

/** `CASE [operand] WHEN ... THEN ... [ELSE ...] END` (simple when `operand` is set, else searched). */
export interface Case {
  readonly kind: 'case';
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
  readonly span: Span;
}

/** `CAST(x AS type)` and `TRY_CAST(x AS type)` (`try` true: a failed cast gives NULL). */
export interface Cast {
  readonly kind: 'cast';
  readonly try: boolean;
  readonly operand: Expr;
  readonly type: DataType;
  readonly span: Span;
}

/** An argument of a function call: a value, `name => value`, `TABLE t` or `DESCRIPTOR(cols)`. */
export type FunctionArg = Expr | NamedArgument | TableArgument | Descriptor;

/** `name => value` (named arguments of table functions: `DATA => TABLE t`, `SIZE => INTERVAL ...`). */
export interface NamedArgument {
  readonly kind: 'named_argument';
  readonly name: Identifier;
  readonly value: Expr | TableArgument | Descriptor;
  readonly span: Span;
}

/** `TABLE t [PARTITION BY cols]`: a table passed to a table function (window TVFs). */
export interface TableArgument {
  readonly kind: 'table_argument';
  readonly name: QualifiedName;
  readonly partitionBy: readonly Expr[];
  readonly span: Span;
}

/** `DESCRIPTOR(col, ...)`: column names passed to a table function (the time column of a window TVF). */
export interface Descriptor {
  readonly kind: 'descriptor';
  readonly columns: readonly Identifier[];
  readonly span: Span;
}

/**
 * `name([DISTINCT|ALL] args) [FILTER (WHERE cond)] [OVER window]`, `COUNT(*)`, and the niladic
 * functions written without parentheses (`CURRENT_TIMESTAMP`).
 */
export interface FunctionCall {
  readonly kind: 'function_call';
  readonly name: QualifiedName;
  readonly args: readonly FunctionArg[];
  readonly distinct: boolean;
  /** `COUNT(*)`. */
  readonly star: boolean;
  readonly filter?: Expr;
  /** `OVER (spec)` gives a spec, `OVER w` the window's name. */
  readonly over?: WindowSpec | Identifier;
  readonly span: Span;
}

/** `EXTRACT(unit FROM x)`. */
export interface Extract {
  readonly kind: 'extract';
  readonly unit: TimeUnit;
  readonly operand: Expr;
  readonly span: Span;
}

/** `FLOOR(x TO unit)` and `CEIL(x TO unit)`; plain `FLOOR(x)` is a {@link FunctionCall}. */
export interface FloorCeilTo {
  readonly kind: 'floor_ceil_to';
  readonly fn: 'FLOOR' | 'CEIL';
  readonly operand: Expr;
  readonly unit: TimeUnit;
  readonly span: Span;
}

/** `TIMESTAMPADD(unit, count, ts)`. */
export interface TimestampAdd {
  readonly kind: 'timestamp_add';
  readonly unit: TimeUnit;
  readonly count: Expr;
  readonly operand: Expr;
  readonly span: Span;
}

/** `TIMESTAMPDIFF(unit, from, to)`. */
export interface TimestampDiff {
  readonly kind: 'timestamp_diff';
  readonly unit: TimeUnit;
  readonly from: Expr;
  readonly to: Expr;
  readonly span: Span;
}

/** `SUBSTRING(x FROM start [FOR length])` and `SUBSTRING(x, start [, length])`. */
export interface Substring {
  readonly kind: 'substring';
  readonly operand: Expr;
  readonly start: Expr;
  readonly length?: Expr;
  readonly span: Span;
}

/** `TRIM([BOTH|LEADING|TRAILING] [chars] FROM x)` and `TRIM(x)`. */
export interface Trim {
  readonly kind: 'trim';
  readonly side: 'BOTH' | 'LEADING' | 'TRAILING';
  /** The characters to remove; undefined means a space. */
  readonly characters?: Expr;
  readonly operand: Expr;
  readonly span: Span;
}

/** `POSITION(needle IN haystack [FROM start])`. */
export interface Position {
  readonly kind: 'position';
  readonly needle: Expr;
  readonly haystack: Expr;
  readonly start?: Expr;
  readonly span: Span;
}

/** `OVERLAY(x PLACING y FROM start [FOR length])`. */
export interface Overlay {
  readonly kind: 'overlay';
  readonly operand: Expr;
  readonly placing: Expr;
  readonly start: Expr;
  readonly length?: Expr;
  readonly span: Span;
}

/** `ROW(a, b)` (`explicit`) or `(a, b)`. */
export interface RowConstructor {
  readonly kind: 'row';
  readonly explicit: boolean;
  readonly fields: readonly Expr[];
  readonly span: Span;
}

/** `ARRAY[a, b]`. */
export interface ArrayConstructor {
  readonly kind: 'array_constructor';
  readonly elements: readonly Expr[];
  readonly span: Span;
}

/** `MAP[k1, v1, k2, v2]`. */
export interface MapConstructor {
  readonly kind: 'map_constructor';
  readonly entries: readonly { readonly key: Expr; readonly value: Expr }[];
  readonly span: Span;
}

/** `x[i]`: an array element (1-based) or a map value. */
export interface Subscript {
  readonly kind: 'subscript';
  readonly operand: Expr;
  readonly index: Expr;
  readonly span: Span;
}

/** `expr.field` where `expr` is not a plain name (`f(x).a`, `arr[1].b`). */
export interface FieldAccess {
  readonly kind: 'field_access';
  readonly operand: Expr;
  readonly field: Identifier;
  readonly span: Span;
}
