import { NotImplementedError } from '../../errors.js';
import type { ScalarExpr } from '../../logical/expression.js';
import { columnRef, exprEquals } from '../../logical/expression-utils.js';
import { aggregate, filter, join, joinSchema, project, sort, values } from '../../logical/plan-builder.js';
import { resolveCall } from '../../logical/function-catalog.js';
import { makeLiteral } from '../../logical/literal.js';
import type { LogicalPlan, SortExpr } from '../../logical/plan.js';
import { DataTypes } from '../../types/data-type.js';
import type { Expr, OrderItem, Select, Span } from '../ast.js';
import { containsAggregate, exprChildren } from './ast-walk.js';
import { bindExpr, type BindContext } from './bind-expression.js';
import { planFrom, type QueryPlanner } from './plan-from.js';
import type { PlannerContext } from './planner-context.js';
import { SqlScope } from './sql-scope.js';
import { at, SqlValidationError } from './sql-validation-error.js';
import { uniqueOutputNames } from './output-names.js';
import { planGrouping } from './plan-grouping.js';
import { planSubqueryConjuncts } from './plan-subquery.js';
import { collectWindowCalls, planWindows } from './plan-window.js';
import { decorrelateScalar } from './plan-correlated-scalar.js';

/** The one-row relation a SELECT without FROM reads (`SELECT 1`). */
export function singleRow(): LogicalPlan {
  return values([[0]], { fields: [{ name: 'ZERO', type: DataTypes.INT(false) }] });
}

/** The bound SELECT list of a block, before ORDER BY: one expression and name per output column. */
interface SelectList {
  readonly exprs: ScalarExpr[];
  readonly names: string[];
}

/**
 * Plans one SELECT block with the ORDER BY of its query: FROM, WHERE, GROUP BY and aggregates,
 * HAVING, the SELECT list, DISTINCT, then the sort. ORDER BY keys may name an output column (by
 * alias or position) or any expression over the block's input; the latter are computed as
 * hidden columns and projected away after the sort.
 */
export function planSelect(select: Select, orderBy: readonly OrderItem[], ctx: PlannerContext, planQuery: QueryPlanner): LogicalPlan {
  const from = select.from ? planFrom(select.from, ctx, planQuery) : { plan: singleRow(), scope: new SqlScope([], 'a SELECT without FROM') };
  return planSelectOver(select, from, orderBy, ctx, planQuery);
}

/**
 * planSelect over an input the caller has already planned in place of the block's FROM (the
 * decorrelation of a scalar subquery plans the subquery's block over its FROM joined with the
 * outer query's correlated columns).
 */
export function planSelectOver(select: Select, from: { plan: LogicalPlan; scope: SqlScope }, orderBy: readonly OrderItem[],
  ctx: PlannerContext, planQuery: QueryPlanner): LogicalPlan {
  // Scalar subqueries join their one row onto the block's input while expressions bind.
  const input = { plan: from.plan };
  const scalar = (e: Expr) => (e.kind === 'scalar_subquery' ? joinScalarSubquery(e, input, from.scope, ctx, planQuery) : unsupportedSubquery(e));
  const base: Omit<BindContext, 'clause'> = { sql: ctx.sql, scope: from.scope, now: ctx.now, subquery: scalar };
  if (select.where) {
    if (containsAggregate(select.where)) {
      throw new SqlValidationError('aggregates are not allowed in WHERE; filter on them in HAVING', findAggregate(select.where)!.span);
    }
    const sub = planSubqueryConjuncts(select.where, from, ctx, planQuery);
    input.plan = sub.plan;
    for (const c of sub.rest) {
      const predicate = bindExpr(c, { ...base, clause: 'WHERE' });
      input.plan = at(c.span, () => filter(input.plan, predicate));
    }
  }
  let plan = input.plan;

  const grouped = select.groupBy.length > 0 || select.having !== undefined ||
    select.items.some((i) => i.kind === 'select_expr' && containsAggregate(i.expr)) ||
    (!select.distinct && orderBy.some((o) => containsAggregate(o.expr)));
  let itemCtx: BindContext;
  const itemExprs = select.items.flatMap((i) => (i.kind === 'select_expr' ? [i.expr] : []));
  const windowCalls = collectWindowCalls([...itemExprs, ...orderBy.map((o) => o.expr)]);
  if (grouped && windowCalls.length > 0) {
    throw new SqlValidationError(new NotImplementedError('OVER windows in a query with GROUP BY or aggregates', 'aggregate in a subquery, then apply the window in the outer query').message, windowCalls[0]!.span);
  }
  if (windowCalls.length > 0) {
    const windows = planWindows(windowCalls, plan, select.windows, { ...base, subquery: unsupportedSubquery });
    input.plan = windows.plan;
    itemCtx = {
      ...base,
      clause: 'the SELECT list',
      intercept: (e) => (e.kind === 'function_call' && e.over !== undefined ? windows.refOf(e) : undefined),
    };
  } else if (grouped) {
    const g = planGrouping(select, orderBy, (e) => outputKey(e, selectNames(select), e.span), plan, { ...base, subquery: unsupportedSubquery }, ctx);
    plan = g.plan;
    if (select.having) {
      const predicate = bindExpr(select.having, { ...g.bind, clause: 'HAVING' });
      plan = at(select.having.span, () => filter(plan, predicate));
    }
    itemCtx = { ...g.bind, clause: 'the SELECT list' };
  } else {
    itemCtx = { ...base, scope: from.scope, clause: 'the SELECT list' };
  }
  // The grouping placed new aggregates while the SELECT list and HAVING were bound; those bind
  // against its output, which `plan` is.
  const list = bindSelectList(select, itemCtx, from.scope);
  const orderCtx = { ...itemCtx, clause: 'ORDER BY' };
  if (grouped) return planProjectionAndSort(plan, list, select.distinct, orderBy, orderCtx);
  // ORDER BY may join scalar subqueries too; the projection reads the input as they left it.
  return planProjectionAndSort(() => input.plan, list, select.distinct, orderBy, orderCtx);
}

/** The names of the SELECT items as written (alias or column name; '' for other expressions). */
function selectNames(select: Select): string[] {
  return select.items.flatMap((item) => {
    if (item.kind !== 'select_expr') return [];
    return [item.alias?.value ?? (item.expr.kind === 'column_ref' ? item.expr.parts[item.expr.parts.length - 1]!.value : '')];
  });
}

function bindSelectList(select: Select, ctx: BindContext, input: SqlScope): SelectList {
  const exprs: ScalarExpr[] = [];
  const names: string[] = [];
  select.items.forEach((item, position) => {
    if (item.kind === 'wildcard') {
      if (ctx.intercept) throw new SqlValidationError('* is not allowed in a grouped SELECT; list the GROUP BY columns', item.span);
      for (const i of input.star(item.qualifier, item.span)) {
        const f = input.columns[i]!.field;
        exprs.push(columnRef(i, f));
        names.push(f.name);
      }
      return;
    }
    exprs.push(bindExpr(item.expr, ctx));
    names.push(item.alias?.value ?? (item.expr.kind === 'column_ref' ? item.expr.parts[item.expr.parts.length - 1]!.value : `EXPR$${position}`));
  });
  return { exprs, names: uniqueOutputNames(names) };
}

/**
 * The SELECT list's projection, DISTINCT, and ORDER BY. Keys that are not output columns are
 * added as hidden columns (not allowed with DISTINCT, whose rows they would change).
 */
function planProjectionAndSort(
  input: LogicalPlan | (() => LogicalPlan),
  list: SelectList,
  distinct: boolean,
  orderBy: readonly OrderItem[],
  ctx: BindContext,
): LogicalPlan {
  const exprs = [...list.exprs];
  const names = [...list.names];
  const keys: SortExpr[] = [];
  for (const o of orderBy) {
    let index = outputKey(o.expr, list.names, o.span);
    if (index === undefined) {
      const bound = bindExpr(o.expr, ctx);
      index = exprs.findIndex((e) => exprEquals(e, bound));
      if (index < 0) {
        if (distinct) throw new SqlValidationError('ORDER BY expressions must appear in the SELECT DISTINCT list', o.expr.span);
        exprs.push(bound);
        names.push(`$order${keys.length}`);
        index = exprs.length - 1;
      }
    }
    const ascending = o.direction !== 'desc';
    keys.push({ expr: columnRef(index, { name: names[index]!, type: exprs[index]!.type }), ascending, nullsFirst: o.nulls ? o.nulls === 'first' : ascending });
  }
  let plan: LogicalPlan = project(typeof input === 'function' ? input() : input, exprs, names);
  if (distinct) {
    const fields = plan.schema.fields;
    plan = aggregate(plan, fields.map((f, i) => columnRef(i, f)), fields.map((f) => f.name), []);
  }
  if (keys.length === 0) return plan;
  plan = sort(plan, keys);
  if (exprs.length === list.exprs.length) return plan;
  const fields = plan.schema.fields.slice(0, list.exprs.length);
  return project(plan, fields.map((f, i) => columnRef(i, f)), fields.map((f) => f.name));
}

/** The output column an ORDER BY key names: a position (`ORDER BY 2`) or an output name. */
export function outputKey(e: Expr, names: readonly string[], span: Span): number | undefined {
  if (e.kind === 'numeric_literal' && /^\d+$/.test(e.text)) {
    const k = Number(e.text);
    if (k < 1 || k > names.length) throw new SqlValidationError(`ORDER BY position ${k} is not in the select list (1 to ${names.length})`, span);
    return k - 1;
  }
  if (e.kind === 'column_ref' && e.parts.length === 1) {
    const hits = names.flatMap((n, i) => (n === e.parts[0]!.value ? [i] : []));
    if (hits.length === 1) return hits[0];
  }
  return undefined;
}

function findAggregate(e: Expr): Expr | undefined {
  if (e.kind === 'function_call' && e.over === undefined && containsAggregate(e) && !e.args.some((a) => a.kind !== 'named_argument' && a.kind !== 'table_argument' && a.kind !== 'descriptor' && containsAggregate(a))) return e;
  for (const c of exprChildren(e)) {
    const hit = findAggregate(c);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * An uncorrelated scalar subquery that yields at most one row (a global aggregate, LIMIT 1, one
 * VALUES row): its value is joined onto every row of the block's input (a LEFT join on a constant
 * key, so no row yields NULL) and the expression refers to that column.
 */
function joinScalarSubquery(
  e: Expr & { kind: 'scalar_subquery' },
  input: { plan: LogicalPlan },
  scope: SqlScope,
  ctx: PlannerContext,
  planQuery: QueryPlanner,
): ScalarExpr {
  let sub: LogicalPlan;
  try {
    sub = planQuery(e.query, ctx);
  } catch (err) {
    if (err instanceof SqlValidationError && /not found/.test(err.detail)) {
      // A name of the outer query: decorrelate (aggregate per correlation key, then a left join).
      const decorrelated = decorrelateScalar(e, { plan: input.plan, scope }, ctx, planQuery);
      if (decorrelated) {
        input.plan = decorrelated.plan;
        return decorrelated.value;
      }
      throw new SqlValidationError(`${err.detail} (correlated scalar subqueries other than an aggregate correlated by comparisons of columns, literals and arithmetic are not implemented yet)`, e.query.span);
    }
    throw err;
  }
  if (sub.schema.fields.length !== 1) throw new SqlValidationError(`a scalar subquery must return one column, this one returns ${sub.schema.fields.length}`, e.span);
  if (!atMostOneRow(sub)) {
    throw new SqlValidationError(new NotImplementedError('scalar subqueries that may return more than one row', 'aggregate the subquery or add LIMIT 1').message, e.span);
  }
  const left = input.plan;
  const lf = left.schema.fields, w = lf.length;
  const one = makeLiteral(1, DataTypes.INT(false));
  const keyed = project(left, [...lf.map((f, i) => columnRef(i, f)), one], [...lf.map((f) => f.name), '$scalar_key']);
  const sf = sub.schema.fields[0]!;
  const right = project(sub, [columnRef(0, sf), one], ['$scalar', '$scalar_key']);
  const jf = joinSchema(keyed.schema, right.schema, 'left').fields;
  const text = ctx.sql.slice(e.span.start, e.span.end);
  const condition = resolveCall('eq', [columnRef(w, jf[w]!), columnRef(w + 2, jf[w + 2]!)], text);
  input.plan = join(keyed, right, 'left', condition);
  return columnRef(w + 1, jf[w + 1]!);
}

/** Whether a plan yields at most one row whatever its input. */
function atMostOneRow(p: LogicalPlan): boolean {
  switch (p.kind) {
    case 'Aggregate': return p.groupExprs.length === 0;
    case 'Values': return p.rows.length <= 1;
    case 'Limit': return (p.fetch !== undefined && p.fetch <= 1) || atMostOneRow(p.input);
    case 'Project': case 'Filter': case 'Sort': case 'Window': return atMostOneRow(p.input);
    default: return false;
  }
}

function unsupportedSubquery(e: Expr): never {
  const feature = e.kind === 'scalar_subquery' ? 'scalar subqueries' : e.kind === 'quantified_comparison' ? 'ALL / SOME / ANY subqueries'
    : 'IN and EXISTS subqueries other than as a conjunct of WHERE';
  throw new SqlValidationError(new NotImplementedError(feature).message, e.span);
}
