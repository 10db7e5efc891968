import { InternalError, PlanError } from '../errors.js';
import { withNullable, type Field, type Schema } from '../types/data-type.js';
import type { LiteralValue, ScalarExpr } from './expression.js';
import { formatExpr } from './format-expression.js';
import { sameType } from './type-coercion.js';
import type {
  Aggregate, AggregateExpr, Filter, Join, Limit, LogicalJoinType, LogicalPlan, Project, Sort, SortExpr,
  TableScan, Union, Values, Window, WindowCall,
} from './plan.js';

/**
 * Constructors of logical plan nodes: each derives the node's output schema from its inputs and
 * checks what the node needs (a BOOLEAN predicate, union inputs of equal types). The Table API,
 * the optimizer and tests all build plans through these.
 */

/** Reads `columns` of `table` (default: all, in table order). */
export function tableScan(table: string, tableSchema: Schema, columns?: readonly number[]): TableScan {
  const cols = columns ?? tableSchema.fields.map((_, i) => i);
  return { kind: 'TableScan', table, columns: cols, schema: { fields: cols.map((i) => tableSchema.fields[i]!) } };
}

/** Constant rows of `schema`. */
export function values(rows: readonly (readonly LiteralValue[])[], schema: Schema): Values {
  for (const r of rows) {
    if (r.length !== schema.fields.length) throw new InternalError(`a VALUES row has ${r.length} values for ${schema.fields.length} columns`);
  }
  return { kind: 'Values', rows, schema };
}

/** Rows of `input` where `predicate` is TRUE; the predicate must be BOOLEAN. */
export function filter(input: LogicalPlan, predicate: ScalarExpr): Filter {
  if (predicate.type.name !== 'BOOLEAN' && predicate.type.name !== 'NULL') {
    throw new PlanError(`a filter condition must be BOOLEAN, but ${formatExpr(predicate)} is ${predicate.type.name}`);
  }
  return { kind: 'Filter', input, predicate, schema: input.schema };
}

/** One column per expression, named by `names`. */
export function project(input: LogicalPlan, exprs: readonly ScalarExpr[], names: readonly string[]): Project {
  if (names.length !== exprs.length) throw new InternalError('project: one name per expression');
  const fields: Field[] = exprs.map((e, i) => ({ name: names[i]!, type: e.type }));
  return { kind: 'Project', input, exprs, schema: { fields } };
}

/** Groups by `groupExprs` (output names `groupNames`) and computes `aggregates`. */
export function aggregate(
  input: LogicalPlan,
  groupExprs: readonly ScalarExpr[],
  groupNames: readonly string[],
  aggregates: readonly AggregateExpr[],
): Aggregate {
  const fields: Field[] = [
    ...groupExprs.map((e, i) => ({ name: groupNames[i]!, type: e.type })),
    ...aggregates.map((a) => ({ name: a.name, type: a.type })),
  ];
  return { kind: 'Aggregate', input, groupExprs, aggregates, schema: { fields } };
}

/**
 * The output schema of a join: left then right fields, nullable on the side an outer join pads;
 * only the left fields for a semi or anti join.
 */
export function joinSchema(left: Schema, right: Schema, joinType: LogicalJoinType): Schema {
  if (joinType === 'semi' || joinType === 'anti') return left;
  const pad = (fs: readonly Field[], padded: boolean) => fs.map((f) => (padded ? { ...f, type: withNullable(f.type, true) } : f));
  return {
    fields: [
      ...pad(left.fields, joinType === 'right' || joinType === 'full'),
      ...pad(right.fields, joinType === 'left' || joinType === 'full'),
    ],
  };
}

/** Joins `left` and `right` on `condition` (over left ++ right columns). */
export function join(left: LogicalPlan, right: LogicalPlan, joinType: LogicalJoinType, condition?: ScalarExpr): Join {
  if (condition && condition.type.name !== 'BOOLEAN' && condition.type.name !== 'NULL') {
    throw new PlanError(`a join condition must be BOOLEAN, but ${formatExpr(condition)} is ${condition.type.name}`);
  }
  const node: Join = { kind: 'Join', left, right, joinType, schema: joinSchema(left.schema, right.schema, joinType) };
  return condition ? { ...node, condition } : node;
}

/** Orders `input` by `keys`. */
export function sort(input: LogicalPlan, keys: readonly SortExpr[]): Sort {
  return { kind: 'Sort', input, keys, schema: input.schema };
}

/**
 * Skips `offset` rows and keeps `fetch`; a limit directly over a limit is merged into one
 * (`offset(2).fetch(5)` is a single Limit).
 */
export function limit(input: LogicalPlan, offset: number, fetch?: number): Limit {
  for (const [what, n] of [['offset', offset], ['fetch', fetch]] as const) {
    if (n !== undefined && !(Number.isSafeInteger(n) && n >= 0)) throw new PlanError(`${what} must be a non-negative integer, got ${n}`);
  }
  if (input.kind === 'Limit') {
    const innerRemaining = input.fetch === undefined ? undefined : Math.max(0, input.fetch - offset);
    const merged = innerRemaining === undefined ? fetch : fetch === undefined ? innerRemaining : Math.min(innerRemaining, fetch);
    return limit(input.input, input.offset + offset, merged);
  }
  const node: Limit = { kind: 'Limit', input, offset, schema: input.schema };
  return fetch === undefined ? node : { ...node, fetch };
}

/**
 * UNION ALL of inputs with equal column types (names from the first input). Inputs that are
 * unions themselves are flattened into this one.
 */
export function union(unflattened: readonly LogicalPlan[]): Union {
  const inputs = unflattened.flatMap((p) => (p.kind === 'Union' ? p.inputs : [p]));
  const first = inputs[0];
  if (!first) throw new InternalError('union of no inputs');
  for (const other of inputs.slice(1)) {
    const a = first.schema.fields, b = other.schema.fields;
    if (a.length !== b.length || a.some((f, i) => !sameType(f.type, b[i]!.type))) {
      throw new InternalError('union inputs must have equal column types; the builder casts them first');
    }
  }
  const fields = first.schema.fields.map((f, i) => ({
    name: f.name,
    type: withNullable(f.type, inputs.some((p) => p.schema.fields[i]!.type.nullable)),
  }));
  return { kind: 'Union', inputs, schema: { fields } };
}

/** Window functions over `input`; the output is the input's columns, then one per call. */
export function window(
  input: LogicalPlan,
  partitionBy: Window['partitionBy'],
  orderBy: readonly SortExpr[],
  calls: readonly WindowCall[],
): Window {
  const fields: Field[] = [...input.schema.fields, ...calls.map((c) => ({ name: c.name, type: c.type }))];
  return { kind: 'Window', input, partitionBy, orderBy, calls, schema: { fields } };
}
