/** AST nodes of queries: WITH, SELECT, set operations, VALUES, FROM items, GROUP BY, ORDER BY, windows. */

import type { Expr, FunctionCall } from './ast-expressions.js';
import type { Identifier, QualifiedName, Span } from './ast-names.js';

/**
 * A full query: an optional WITH, a body (SELECT, VALUES, set operation or a parenthesised query),
 * then ORDER BY, OFFSET and LIMIT / FETCH, which apply to the whole body.
 */
export interface Query {
  readonly kind: 'query';
  readonly with: readonly CommonTableExpression[];
  readonly body: QueryBody;
  readonly orderBy: readonly OrderItem[];
  /** `LIMIT n` or `FETCH FIRST|NEXT n ROWS ONLY`. */
  readonly limit?: Expr;
  /** `OFFSET n [ROW|ROWS]`. */
  readonly offset?: Expr;
  readonly span: Span;
}

/** What a query's rows come from before ORDER BY / LIMIT. */
export type QueryBody = Select | SetOperation | Values | Query;

/** `name [(cols)] AS (query)` of a WITH clause. */
export interface CommonTableExpression {
  readonly kind: 'cte';
  readonly name: Identifier;
  readonly columns: readonly Identifier[];
  readonly query: Query;
  readonly span: Span;
}

/** One SELECT block. */
export interface Select {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from?: TableRef;
  readonly where?: Expr;
  readonly groupBy: readonly GroupingElement[];
  readonly having?: Expr;
  readonly windows: readonly NamedWindow[];
  readonly span: Span;
}

/** `left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right`; INTERSECT binds tighter than UNION and EXCEPT. */
export interface SetOperation {
  readonly kind: 'set_operation';
  readonly op: 'union' | 'intersect' | 'except';
  /** True for `ALL`; false for `DISTINCT` or no quantifier. */
  readonly all: boolean;
  readonly left: QueryBody;
  readonly right: QueryBody;
  readonly span: Span;
}

/** `VALUES (1, 'a'), (2, 'b')`: each row is a list of expressions. */
export interface Values {
  readonly kind: 'values';
  readonly rows: readonly (readonly Expr[])[];
  readonly span: Span;
}

/** One item of a select list. */
export type SelectItem = SelectExpr | Wildcard;

/** `expr [[AS] alias]`. */
export interface SelectExpr {
  readonly kind: 'select_expr';
  readonly expr: Expr;
  readonly alias?: Identifier;
  readonly span: Span;
}

/** `*` or `t.*` (the qualifier holds `t`). */
export interface Wildcard {
  readonly kind: 'wildcard';
  readonly qualifier: readonly Identifier[];
  readonly span: Span;
}

/** `[AS] alias [(col, ...)]` after a table reference. */
export interface TableAlias {
  readonly kind: 'table_alias';
  readonly name: Identifier;
  readonly columns: readonly Identifier[];
  readonly span: Span;
}

/** An item of FROM. */
export type TableRef = NamedTable | DerivedTable | TableFunction | Unnest | Join;

/** A table or view by name, optionally `FOR SYSTEM_TIME AS OF expr` (a temporal join's version). */
export interface NamedTable {
  readonly kind: 'named_table';
  readonly name: QualifiedName;
  readonly forSystemTimeAsOf?: Expr;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/** `[LATERAL] (query) [AS] alias`: a subquery in FROM. */
export interface DerivedTable {
  readonly kind: 'derived_table';
  readonly lateral: boolean;
  readonly query: Query;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/**
 * `[LATERAL] TABLE(f(args))`: a table function, which includes the window TVFs
 * `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTE))`.
 */
export interface TableFunction {
  readonly kind: 'table_function';
  readonly lateral: boolean;
  readonly call: FunctionCall;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/** `UNNEST(expr, ...) [WITH ORDINALITY]`. */
export interface Unnest {
  readonly kind: 'unnest';
  readonly args: readonly Expr[];
  readonly withOrdinality: boolean;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/** Join types; a comma in FROM is a `cross` join with `implicit: true`. */
export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'cross';

/** `left [type] JOIN right [ON cond | USING (cols)]`, or `left, right`. */
export interface Join {
  readonly kind: 'join';
  readonly type: JoinType;
  /** True for a comma join (`FROM a, b`). */
  readonly implicit: boolean;
  readonly left: TableRef;
  readonly right: TableRef;
  readonly on?: Expr;
  readonly using: readonly Identifier[];
  readonly span: Span;
}

/** An element of GROUP BY. */
export type GroupingElement = Expr | GroupingSet | GroupingSets | Rollup | Cube;

/** A parenthesised list of grouping expressions, `(a, b)` or the empty set `()`. */
export interface GroupingSet {
  readonly kind: 'grouping_set';
  readonly items: readonly Expr[];
  readonly span: Span;
}

/** `GROUPING SETS (set, ...)`. */
export interface GroupingSets {
  readonly kind: 'grouping_sets';
  readonly sets: readonly GroupingElement[];
  readonly span: Span;
}

/** `ROLLUP (a, b, ...)`: grouping sets (a, b), (a), (). Items may be parenthesised groups. */
export interface Rollup {
  readonly kind: 'rollup';
  readonly items: readonly (Expr | GroupingSet)[];
  readonly span: Span;
}

/** `CUBE (a, b, ...)`: every subset of the items. */
export interface Cube {
  readonly kind: 'cube';
  readonly items: readonly (Expr | GroupingSet)[];
  readonly span: Span;
}

/** `expr [ASC|DESC] [NULLS FIRST|LAST]`. */
export interface OrderItem {
  readonly kind: 'order_item';
  readonly expr: Expr;
  /** Undefined when not written (ascending). */
  readonly direction?: 'asc' | 'desc';
  /** Undefined when not written. */
  readonly nulls?: 'first' | 'last';
  readonly span: Span;
}

/** `name AS (spec)` of a WINDOW clause. */
export interface NamedWindow {
  readonly kind: 'named_window';
  readonly name: Identifier;
  readonly spec: WindowSpec;
  readonly span: Span;
}

/** The window of an OVER clause: `([base] [PARTITION BY ...] [ORDER BY ...] [frame])`. */
export interface WindowSpec {
  readonly kind: 'window_spec';
  /** A named window this one extends (`OVER (w ORDER BY x)`). */
  readonly base?: Identifier;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: WindowFrame;
  readonly span: Span;
}

/** `ROWS|RANGE BETWEEN start AND end`, or `ROWS|RANGE start` (then `end` is the current row). */
export interface WindowFrame {
  readonly kind: 'window_frame';
  readonly units: 'rows' | 'range';
  readonly start: FrameBound;
  readonly end?: FrameBound;
  readonly span: Span;
}

/** One bound of a window frame; `offset` is set for `n PRECEDING` and `n FOLLOWING`. */
export interface FrameBound {
  readonly kind: 'frame_bound';
  readonly bound: 'unbounded_preceding' | 'preceding' | 'current_row' | 'following' | 'unbounded_following';
  readonly offset?: Expr;
  readonly span: Span;
}
