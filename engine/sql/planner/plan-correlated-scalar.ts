import type { ScalarExpr } from '../../logical/expression.js';
import { columnRef, conjunction } from '../../logical/expression-utils.js';
import { resolveCall } from '../../logical/function-catalog.js';
import { makeLiteral } from '../../logical/literal.js';
import { aggregate, join, joinSchema, project } from '../../logical/plan-builder.js';
import type { LogicalPlan } from '../../logical/plan.js';
import { DataTypes } from '../../types/data-type.js';
import type { Binary, ColumnRef as SqlColumnRef, Expr, Identifier, Query, Select } from '../ast.js';
import { containsAggregate, containsWindowCall, exprChildren, functionName, isSubquery } from './ast-walk.js';
import { bindExpr } from './bind-expression.js';
import { planFrom, type QueryPlanner } from './plan-from.js';
import type { PlannerContext } from './planner-context.js';
import { splitAnd } from './plan-subquery.js';
import { SqlScope } from './sql-scope.js';
import { planSelectOver } from './plan-select.js';
import { at } from './sql-validation-error.js';

/** A correlated scalar subquery, decorrelated: the outer input left-joined with its values, and the value's column. */
export interface DecorrelatedScalar {
  readonly plan: LogicalPlan;
  readonly value: ScalarExpr;
}

/**
 * Decorrelates `(SELECT agg(...) FROM inner WHERE inner.k = outer.k AND <inner-only conditions>)`
 * the way Calcite and Flink do: the subquery becomes `SELECT k, agg(...) FROM inner WHERE
 * <inner-only conditions> GROUP BY k`, left-joined onto the outer rows on the correlated
 * equalities; a missing group is NULL, or 0 for COUNT (the "COUNT bug"). Other correlations go
 * through the domain of the correlated columns (decorrelateOverDomain). Returns undefined when
 * the subquery has another shape (then the caller reports it as not supported).
 */
export function decorrelateScalar(
  e: Expr & { kind: 'scalar_subquery' },
  outer: { plan: LogicalPlan; scope: SqlScope },
  ctx: PlannerContext,
  planQuery: QueryPlanner,
): DecorrelatedScalar | undefined {
  const q = e.query;
  const body = q.body;
  if (q.with.length > 0 || q.orderBy.length > 0 || q.limit !== undefined || q.offset !== undefined) return undefined;
  if (body.kind !== 'select' || !body.from || body.distinct || body.groupBy.length > 0 || body.having || body.windows.length > 0) return undefined;
  const item = body.items[0];
  if (body.items.length !== 1 || !item || item.kind !== 'select_expr' || !containsAggregate(item.expr) || containsWindowCall(item.expr)) return undefined;
  // A missing group stands for an empty one: right only when the value over no rows is NULL (or a bare COUNT's 0).
  if (!isBareCount(item.expr) && !nullWhenEmpty(item.expr)) return undefined;
  const inner = planFrom(body.from, ctx, planQuery).scope;
  const sideOf = (x: Expr): 'inner' | 'outer' | 'mixed' | 'none' | 'unknown' => {
    const refs = columnRefs(x);
    if (refs === undefined) return 'unknown';
    let innerRefs = 0, outerRefs = 0;
    for (const r of refs) {
      if (inner.tryResolve(r)) innerRefs++;
      else if (outer.scope.tryResolve(r)) outerRefs++;
      else return 'unknown';
    }
    return innerRefs && outerRefs ? 'mixed' : innerRefs ? 'inner' : outerRefs ? 'outer' : 'none';
  };
  const pairs: { inner: Expr; outer: Expr }[] = [];
  const local: Expr[] = [];
  const mixed: Expr[] = [];
  for (const c of body.where ? splitAnd(body.where) : []) {
    const side = sideOf(c);
    if (side === 'inner' || side === 'none') local.push(c);
    else if (side === 'mixed' || side === 'outer') mixed.push(c);
    else return undefined;
  }
  for (const c of mixed) {
    const l = c.kind === 'binary' && c.op === '=' ? [sideOf(c.left), sideOf(c.right)] : [];
    if (l[0] === 'inner' && l[1] === 'outer') pairs.push({ inner: (c as Binary).left, outer: (c as Binary).right });
    else if (l[0] === 'outer' && l[1] === 'inner') pairs.push({ inner: (c as Binary).right, outer: (c as Binary).left });
  }
  if (mixed.length === 0 || pairs.length < mixed.length) return decorrelateOverDomain(e, item.expr, body, mixed, local, inner, outer, ctx, planQuery);

  const span = body.span;
  const name = (value: string): Identifier => ({ kind: 'identifier', value, quoted: true, span });
  const grouped: Select = {
    kind: 'select',
    distinct: false,
    items: [
      ...pairs.map((p, i) => ({ kind: 'select_expr' as const, expr: p.inner, alias: name(`$key${i}`), span: p.inner.span })),
      { kind: 'select_expr', expr: item.expr, alias: name('$value'), span: item.span },
    ],
    from: body.from,
    ...(local.length > 0 ? { where: local.reduce((a, b) => ({ kind: 'binary', op: 'AND', left: a, right: b, span })) } : {}),
    groupBy: pairs.map((p) => p.inner),
    windows: [],
    span,
  };
  const sub = planQuery({ kind: 'query', with: [], body: grouped, orderBy: [], span: q.span } as Query, ctx);
  const left = outer.plan;
  const w = left.schema.fields.length;
  const text = ctx.sql.slice(e.span.start, e.span.end);
  const joinedSchema = joinSchema(left.schema, sub.schema, 'left').fields;
  const condition = at(e.span, () => conjunction(pairs.map((p, i) => {
    const o = bindExpr(p.outer, { sql: ctx.sql, scope: outer.scope, clause: 'a correlated subquery', now: ctx.now });
    return resolveCall('eq', [o, columnRef(w + i, joinedSchema[w + i]!)], text);
  })));
  const plan = join(left, sub, 'left', condition);
  return { plan, value: countOrValue(item.expr, columnRef(w + pairs.length, plan.schema.fields[w + pairs.length]!), text) };
}

/**
 * The general case, for correlations other than `inner = outer` (`WHERE i.ts <= o.ts`): the
 * domain of the outer query's correlated columns (their DISTINCT values) is joined with the
 * subquery's FROM on its WHERE, aggregated per domain row, and left-joined onto the outer rows on
 * those columns, as Calcite decorrelates through a value generator. Only comparisons whose sides
 * are NULL-strict (columns, literals, arithmetic, CASTs) correlate, so an outer row with a NULL
 * correlated column matches nothing, as the left join gives it.
 */
function decorrelateOverDomain(
  e: Expr & { kind: 'scalar_subquery' },
  value: Expr,
  body: Select,
  mixed: readonly Expr[],
  local: readonly Expr[],
  inner: SqlScope,
  outer: { plan: LogicalPlan; scope: SqlScope },
  ctx: PlannerContext,
  planQuery: QueryPlanner,
): DecorrelatedScalar | undefined {
  if (!mixed.every(isStrictComparison)) return undefined;
  // One reference per outer column the subquery reads, in the outer relation's order.
  const outerRefs = new Map<number, SqlColumnRef>();
  for (const x of [...mixed, value]) {
    for (const r of columnRefs(x) ?? []) {
      if (inner.tryResolve(r)) continue;
      const hit = outer.scope.tryResolve(r);
      if (!hit || hit.index >= outer.scope.columns.length) return undefined;
      // A NULL outer value matches no domain row, which gives NULL: right for a NULL-strict WHERE,
      // and for a value NULL-strict in it (SUM(i.x * o.f)), not for MAX(COALESCE(o.k, i.w)).
      if (x === value && hit.field.type.nullable && !strictOverAggregates(value)) return undefined;
      if (!outerRefs.has(hit.index)) outerRefs.set(hit.index, r);
    }
  }
  const positions = [...outerRefs.keys()].sort((a, b) => a - b);
  const fields = outer.plan.schema.fields;
  const keys = positions.map((i) => columnRef(i, fields[i]!));
  const names = positions.map((i) => fields[i]!.name);
  const domain = aggregate(project(outer.plan, keys, names), positions.map((i, j) => columnRef(j, fields[i]!)), names, []);
  const domainScope = new SqlScope(positions.map((i) => outer.scope.columns[i]!), 'the correlated columns');
  const from = planFrom(body.from!, ctx, planQuery);
  const joined = { plan: join(domain, from.plan, 'inner'), scope: from.scope.under(domainScope) };
  const span = body.span;
  const alias = (v: string): Identifier => ({ kind: 'identifier', value: v, quoted: true, span });
  const refs = positions.map((i) => outerRefs.get(i)!);
  const grouped: Select = {
    kind: 'select',
    distinct: false,
    items: [
      ...refs.map((r, j) => ({ kind: 'select_expr' as const, expr: r, alias: alias(`$key${j}`), span: r.span })),
      { kind: 'select_expr', expr: value, alias: alias('$value'), span: value.span },
    ],
    from: body.from,
    where: [...mixed, ...local].reduce((a, b) => ({ kind: 'binary', op: 'AND', left: a, right: b, span })),
    groupBy: refs,
    windows: [],
    span,
  };
  const sub = planSelectOver(grouped, joined, [], ctx, planQuery);
  const w = fields.length;
  const joinedFields = joinSchema(outer.plan.schema, sub.schema, 'left').fields;
  const text = ctx.sql.slice(e.span.start, e.span.end);
  const condition = at(e.span, () => conjunction(positions.map((i, j) => resolveCall('eq', [columnRef(i, fields[i]!), columnRef(w + j, joinedFields[w + j]!)], text))));
  const plan = join(outer.plan, sub, 'left', condition);
  return { plan, value: countOrValue(value, columnRef(w + positions.length, plan.schema.fields[w + positions.length]!), text) };
}

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

/** `a <op> b` with NULL-strict sides: NULL in either makes it UNKNOWN. */
function isStrictComparison(c: Expr): boolean {
  return c.kind === 'binary' && COMPARISONS.has(c.op) && isStrict(c.left) && isStrict(c.right);
}

function isStrict(x: Expr): boolean {
  switch (x.kind) {
    case 'column_ref': case 'numeric_literal': case 'string_literal': case 'typed_literal': case 'interval_literal': return true;
    case 'unary': return x.op !== 'NOT' && isStrict(x.operand);
    case 'binary': return ARITHMETIC.has(x.op) && isStrict(x.left) && isStrict(x.right);
    case 'cast': return !x.try && isStrict(x.operand);
    default: return false;
  }
}

function isBareCount(x: Expr): boolean {
  return x.kind === 'function_call' && x.over === undefined && functionName(x) === 'COUNT';
}

/**
 * Whether the value is NULL over no rows: an aggregate other than COUNT, or NULL-strict arithmetic
 * and CASTs over one (`0.2 * AVG(x)`); `COUNT(*) + 1` or `COALESCE(MAX(x), 0)` are not.
 */
function nullWhenEmpty(x: Expr): boolean {
  switch (x.kind) {
    case 'function_call': return containsAggregate(x) && !isBareCount(x) && x.over === undefined && AGGREGATES.has(functionName(x));
    case 'unary': return x.op !== 'NOT' && nullWhenEmpty(x.operand);
    case 'binary': return ARITHMETIC.has(x.op) && (nullWhenEmpty(x.left) || nullWhenEmpty(x.right));
    case 'cast': return !x.try && nullWhenEmpty(x.operand);
    default: return false;
  }
}

const AGGREGATES = new Set(['SUM', 'AVG', 'MIN', 'MAX']);

/** NULL-strict arithmetic over SUM/AVG/MIN/MAX of NULL-strict arguments: NULL inputs give NULL. */
function strictOverAggregates(x: Expr): boolean {
  switch (x.kind) {
    case 'function_call':
      return x.over === undefined && x.filter === undefined && AGGREGATES.has(functionName(x)) && x.args.length === 1 && isStrict(x.args[0] as Expr);
    case 'unary': return x.op !== 'NOT' && strictOverAggregates(x.operand);
    case 'binary': return ARITHMETIC.has(x.op) && strictOverAggregates(x.left) && strictOverAggregates(x.right);
    case 'cast': return !x.try && strictOverAggregates(x.operand);
    default: return isStrict(x);
  }
}

/** The subquery's value column; COUNT of no rows is 0, not the NULL a missing group gives. */
function countOrValue(item: Expr, value: ScalarExpr, text: string): ScalarExpr {
  if (isBareCount(item)) {
    return resolveCall('coalesce', [value, makeLiteral('0', DataTypes.BIGINT(false))], text);
  }
  return value;
}

/** The column references of `x` in its own block, or undefined if it holds a subquery. */
function columnRefs(x: Expr): SqlColumnRef[] | undefined {
  if (isSubquery(x)) return undefined;
  if (x.kind === 'column_ref') return [x];
  const out: SqlColumnRef[] = [];
  for (const c of exprChildren(x)) {
    const refs = columnRefs(c);
    if (refs === undefined) return undefined;
    out.push(...refs);
  }
  return out;
}
