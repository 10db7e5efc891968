import type { Schema } from '../types/data-type.js';
import type { AggregateFunction, LiteralValue, ScalarExpr } from '../logical/expression.js';
import type { WindowFrame, WindowFunction } from '../logical/plan.js';

/**
 * Physical plan nodes: JSON-safe descriptions (`…Exec`) from which a worker creates runtime
 * operators (`…Operator`). Every node carries its output schema. Column references inside
 * expressions and index lists are positions in the node's input schema (for joins: the left
 * input's columns followed by the right input's).
 */
export type ExecNode =
  | ScanExec
  | ValuesExec
  | FilterExec
  | ProjectExec
  | HashAggregateExec
  | HashJoinExec
  | SortExec
  | LimitExec
  | UnionExec
  | WindowExec
  | NestedLoopJoinExec;

/** Reads a registered table; emits only `columns` (positions in the table's schema), in that order. */
export interface ScanExec {
  readonly op: 'ScanExec';
  readonly table: string;
  readonly columns: readonly number[];
  readonly schema: Schema;
}

/** Emits constant rows (SQL VALUES, or an empty relation when `rows` is empty). */
export interface ValuesExec {
  readonly op: 'ValuesExec';
  readonly rows: readonly (readonly LiteralValue[])[];
  readonly schema: Schema;
}

/** Keeps the rows where `predicate` is TRUE (not FALSE, not NULL); emits a selection vector. */
export interface FilterExec {
  readonly op: 'FilterExec';
  readonly input: ExecNode;
  readonly predicate: ScalarExpr;
  readonly schema: Schema;
}

/** Computes one output column per expression. */
export interface ProjectExec {
  readonly op: 'ProjectExec';
  readonly input: ExecNode;
  readonly exprs: readonly ScalarExpr[];
  readonly schema: Schema;
}

/** One aggregate call: `arg` and `filter` are input column positions (`filter` a BOOLEAN column). */
export interface AggregateCall {
  readonly fn: AggregateFunction;
  readonly arg?: number;
  readonly filter?: number;
  readonly name: string;
}

/**
 * Hash aggregation. `single` computes final results from raw rows; `partial` emits intermediate
 * state columns (avg as sum and count), `final` merges them. Output: the group columns, then one
 * column per aggregate (for `partial`, its state columns). A global aggregate (no group columns)
 * emits exactly one row even on empty input.
 */
export interface HashAggregateExec {
  readonly op: 'HashAggregateExec';
  readonly input: ExecNode;
  readonly mode: 'single' | 'partial' | 'final';
  readonly groupBy: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  /**
   * Without GROUP BY: only the input rows where this `column <op> literal` predicate (or an AND
   * of such comparisons) holds are aggregated (a Filter folded into the aggregate, so the kernel folds under a bit mask instead
   * of gathering through a selection vector).
   */
  readonly where?: ScalarExpr;
  readonly schema: Schema;
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';

/**
 * Equi-join on `leftKeys[i] = rightKeys[i]` (NULL keys never match), with an optional residual
 * `condition` over left ++ right columns. `buildSide` is read to the end first (batch mode), the
 * other side is streamed through. semi/anti emit left columns only; the others left ++ right.
 * With `projection`, the join emits only those positions of that output, in that order (the
 * schema is the projected one), so columns no consumer reads, such as the keys, are never
 * gathered.
 */
export interface HashJoinExec {
  readonly op: 'HashJoinExec';
  readonly left: ExecNode;
  readonly right: ExecNode;
  readonly joinType: JoinType;
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  readonly condition?: ScalarExpr;
  readonly buildSide: 'left' | 'right';
  readonly projection?: readonly number[];
  readonly schema: Schema;
}

/** One sort key. */
export interface SortKey {
  readonly index: number;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

/** Sorts its whole input (blocking in batch mode); with `fetch`, keeps only the first `fetch` rows (top-N). */
export interface SortExec {
  readonly op: 'SortExec';
  readonly input: ExecNode;
  readonly keys: readonly SortKey[];
  readonly fetch?: number;
  readonly schema: Schema;
}

/** Skips `offset` rows, then passes at most `fetch` rows (all when absent). */
export interface LimitExec {
  readonly op: 'LimitExec';
  readonly input: ExecNode;
  readonly offset: number;
  readonly fetch?: number;
  readonly schema: Schema;
}

/** UNION ALL of inputs with the same schema (UNION = this plus a distinct aggregate). */
export interface UnionExec {
  readonly op: 'UnionExec';
  readonly inputs: readonly ExecNode[];
  readonly schema: Schema;
}

/** One window function call: argument columns (value, then LAG/LEAD's default), LAG/LEAD's offset, its frame. */
export interface WindowCallExec {
  readonly fn: WindowFunction;
  readonly args: readonly number[];
  readonly offset?: number;
  readonly frame: WindowFrame;
  readonly name: string;
}

/**
 * Window functions over partitions of the input (blocking in batch mode: the input is sorted by
 * `partitionBy` then `orderBy`). Output: the input columns, then one column per call, in the
 * sorted order.
 */
export interface WindowExec {
  readonly op: 'WindowExec';
  readonly input: ExecNode;
  readonly partitionBy: readonly number[];
  readonly orderBy: readonly SortKey[];
  readonly calls: readonly WindowCallExec[];
  readonly schema: Schema;
}

/**
 * A join without an equality between its inputs (cross joins, range conditions): the right input
 * is read to its end, then every left row is paired with every right row and `condition` (over
 * left ++ right) keeps the pairs that match. Output as HashJoinExec: left ++ right, or the left
 * side alone for semi/anti.
 */
export interface NestedLoopJoinExec {
  readonly op: 'NestedLoopJoinExec';
  readonly left: ExecNode;
  readonly right: ExecNode;
  readonly joinType: JoinType;
  readonly condition?: ScalarExpr;
  readonly schema: Schema;
}
