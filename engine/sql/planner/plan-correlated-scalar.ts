import type { ScalarExpr } from '../../logical/expression.js';
import { columnRef, conjunction } from '../../logical/expression-utils.js';
import { resolveCall } from '../../logical/function-catalog.js';
import { makeLiteral } from '../../logical/literal.js';
import { join, joinSchema } from '../../logical/plan-builder.js';
import type { LogicalPlan } from '../../logical/plan.js';
import { DataTypes } from '../../types/data-type.js';
import type { ColumnRef as SqlColumnRef, Expr, Identifier, Query, Select } from '../ast.js';
import { containsAggregate, containsWindowCall, exprChildren, functionName, isSubquery } from './ast-walk.js';
import { bindExpr } from './bind-expression.js';
import { planFrom, type QueryPlanner } from './plan-from.js';
import type { PlannerContext } from './planner-context.js';
import { splitAnd } from './plan-subquery.js';
import type { SqlScope } from './sql-scope.js';
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
 * equalities; a missing group is NULL, or 0 for COUNT (the "COUNT bug"). Returns undefined when
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
  for (const c of body.where ? splitAnd(body.where) : []) {
    const side = sideOf(c);
    if (side === 'inner' || side === 'none') { local.push(c); continue; }
    if (side !== 'mixed' || c.kind !== 'binary' || c.op !== '=') return undefined;
    const l = sideOf(c.left), r = sideOf(c.right);
    if (l === 'inner' && r === 'outer') pairs.push({ inner: c.left, outer: c.right });
    else if (l === 'outer' && r === 'inner') pairs.push({ inner: c.right, outer: c.left });
    else return undefined;
  }
  if (pairs.length === 0) return undefined;

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
  const f = plan.schema.fields[w + pairs.length]!;
  let value: ScalarExpr = columnRef(w + pairs.length, f);
  if (item.expr.kind === 'function_call' && item.expr.over === undefined && functionName(item.expr) === 'COUNT') {
    value = resolveCall('coalesce', [value, makeLiteral('0', DataTypes.BIGINT(false))], text);
  }
  return { plan, value };
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
