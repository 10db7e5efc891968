import type { DataType, Schema } from '../types/data-type.js';
import type { AggregateFunction, ColumnRef, LiteralValue, ScalarExpr } from './expression.js';

/**
 * Logical plan nodes: what a query computes, not how. Plain data (immutable objects), each node
 * with its output schema; expressions are bound {@link ScalarExpr}s whose column references are
 * positions in the node's input (for a join: the left input's columns, then the right's).
 * Built by the functions of plan-builder.ts, which derive and check the schemas.
 */
export type LogicalPlan = TableScan | Values | Filter | Project | Aggregate | Join | Sort | Limit | Union | Window;

/** Reads `columns` (positions in the table's schema, in output order) of a catalog table. */
export interface TableScan {
  readonly kind: 'TableScan';
  readonly table: string;
  readonly columns: readonly number[];
  readonly schema: Schema;
}

/** Constant rows; no rows is the empty relation (what a filter that is always false becomes). */
export interface Values {
  readonly kind: 'Values';
  readonly rows: readonly (readonly LiteralValue[])[];
  readonly schema: Schema;
}

/** Keeps the rows where `predicate` (BOOLEAN) is TRUE. */
export interface Filter {
  readonly kind: 'Filter';
  readonly input: LogicalPlan;
  readonly predicate: ScalarExpr;
  readonly schema: Schema;
}

/** One output column per expression; the schema names them. */
export interface Project {
  readonly kind: 'Project';
  readonly input: LogicalPlan;
  readonly exprs: readonly ScalarExpr[];
  readonly schema: Schema;
}

/**
 * One aggregate call over the aggregate's input. `count_star` has no `arg`; `filter` is the
 * BOOLEAN of `agg(x) FILTER (WHERE cond)`; `distinct` aggregates each distinct value once
 * (`count_distinct` is COUNT(DISTINCT x); MIN/MAX ignore it).
 */
export interface AggregateExpr {
  readonly fn: AggregateFunction;
  readonly arg?: ScalarExpr;
  readonly distinct: boolean;
  readonly filter?: ScalarExpr;
  /** The result type with Flink's rules (function-catalog.ts). */
  readonly type: DataType;
  readonly name: string;
}

/**
 * Groups rows by `groupExprs` and computes `aggregates` per group. Output: one column per group
 * expression, then one per aggregate. No group expressions: one row, even on empty input.
 */
export interface Aggregate {
  readonly kind: 'Aggregate';
  readonly input: LogicalPlan;
  readonly groupExprs: readonly ScalarExpr[];
  readonly aggregates: readonly AggregateExpr[];
  readonly schema: Schema;
}

/**
 * Join kinds: the Table API's four, and the semi and anti joins that IN and EXISTS subqueries
 * become (they output the left rows that have a match, or that have none).
 */
export type LogicalJoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';

/**
 * Joins `left` and `right` on `condition` (none: every pair, a cross join). Output: the left
 * columns, then the right ones (nullable on the side an outer join pads); a semi or anti join
 * outputs the left columns only. `buildSide` is the
 * optimizer's choice of the input the hash join reads first (absent: not chosen yet).
 */
export interface Join {
  readonly kind: 'Join';
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly joinType: LogicalJoinType;
  readonly condition?: ScalarExpr;
  readonly buildSide?: 'left' | 'right';
  readonly schema: Schema;
}

/** One ORDER BY key. */
export interface SortExpr {
  readonly expr: ScalarExpr;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

/** Orders all rows by `keys` (the first key first). */
export interface Sort {
  readonly kind: 'Sort';
  readonly input: LogicalPlan;
  readonly keys: readonly SortExpr[];
  readonly schema: Schema;
}

/** Skips `offset` rows, then keeps at most `fetch` (all when absent). */
export interface Limit {
  readonly kind: 'Limit';
  readonly input: LogicalPlan;
  readonly offset: number;
  readonly fetch?: number;
  readonly schema: Schema;
}

/**
 * UNION ALL of inputs whose column types are equal (the builder casts them to common types first);
 * the names are the first input's. UNION (distinct) is an Aggregate over it.
 */
export interface Union {
  readonly kind: 'Union';
  readonly inputs: readonly LogicalPlan[];
  readonly schema: Schema;
}

/** Functions evaluated over a window of rows (SQL's `OVER`): ranking, offsets and aggregates. */
export type WindowFunction =
  | 'row_number' | 'rank' | 'dense_rank' | 'lag' | 'lead' | 'first_value' | 'last_value'
  | 'count_star' | 'count' | 'sum' | 'avg' | 'min' | 'max';

/**
 * One end of a window frame. `offset` is a row count for ROWS frames and, for RANGE frames, a
 * distance in the order key's unit (days for a DATE, milliseconds for a TIMESTAMP).
 */
export interface FrameBound {
  readonly kind: 'unbounded_preceding' | 'preceding' | 'current_row' | 'following' | 'unbounded_following';
  readonly offset?: number;
}

/** The rows an aggregate sees around the current row: ROWS counts rows, RANGE compares order keys (peers included). */
export interface WindowFrame {
  readonly units: 'rows' | 'range';
  readonly start: FrameBound;
  readonly end: FrameBound;
}

/**
 * One OVER call. Its arguments are input columns (the planner computes expressions below the
 * Window): the value of LAG/LEAD/FIRST_VALUE/LAST_VALUE and aggregates, then LAG/LEAD's default.
 * `offset` is LAG/LEAD's row distance.
 */
export interface WindowCall {
  readonly fn: WindowFunction;
  readonly args: readonly ColumnRef[];
  readonly offset?: number;
  readonly frame: WindowFrame;
  readonly type: DataType;
  readonly name: string;
}

/**
 * Evaluates window functions that share one `PARTITION BY` and `ORDER BY` (input columns): each
 * row gets one value per call, computed over its partition. Output: the input columns, then one
 * column per call. Batch mode sorts the input by partition and order keys to compute them.
 */
export interface Window {
  readonly kind: 'Window';
  readonly input: LogicalPlan;
  readonly partitionBy: readonly ColumnRef[];
  readonly orderBy: readonly SortExpr[];
  readonly calls: readonly WindowCall[];
  readonly schema: Schema;
}

/** The direct inputs of a node, left to right. */
export function inputsOf(plan: LogicalPlan): readonly LogicalPlan[] {
  switch (plan.kind) {
    case 'TableScan':
    case 'Values':
      return [];
    case 'Join':
      return [plan.left, plan.right];
    case 'Union':
      return plan.inputs;
    default:
      return [plan.input];
  }
}

/** The same node over new inputs (in the order of {@link inputsOf}); the schema is kept. */
export function withInputs(plan: LogicalPlan, inputs: readonly LogicalPlan[]): LogicalPlan {
  switch (plan.kind) {
    case 'TableScan':
    case 'Values':
      return plan;
    case 'Join':
      return { ...plan, left: inputs[0]!, right: inputs[1]! };
    case 'Union':
      return { ...plan, inputs };
    default:
      return { ...plan, input: inputs[0]! };
  }
}

/** Rewrites a plan bottom-up: `f` sees each node after its inputs were rewritten. */
export function transformUp(plan: LogicalPlan, f: (node: LogicalPlan) => LogicalPlan): LogicalPlan {
  const inputs = inputsOf(plan);
  const next = inputs.map((i) => transformUp(i, f));
  const changed = next.some((n, i) => n !== inputs[i]);
  return f(changed ? withInputs(plan, next) : plan);
}
