import { InternalError, NotImplementedError } from '../../errors.js';
import type { ScalarExpr } from '../../logical/expression.js';
import { columnRef, exprEquals } from '../../logical/expression-utils.js';
import { resolveAggregate, type AggregateName } from '../../logical/function-catalog.js';
import { aggregate, filter, project, sort, values } from '../../logical/plan-builder.js';
import type { AggregateExpr, LogicalPlan, SortExpr } from '../../logical/plan.js';
import { DataTypes } from '../../types/data-type.js';
import type { Expr, FunctionCall, OrderItem, Select, Span } from '../ast.js';
import { containsAggregate, exprChildren, functionName } from './ast-walk.js';
import { bindExpr, type BindContext } from './bind-expression.js';
import { planFrom, type QueryPlanner } from './plan-from.js';
import type { PlannerContext } from './planner-context.js';
import { SqlScope } from './sql-scope.js';
import { at, SqlValidationError } from './sql-validation-error.js';
import { uniqueOutputNames } from './output-names.js';

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
  const base: Omit<BindContext, 'clause'> = { sql: ctx.sql, scope: from.scope, now: ctx.now, subquery: unsupportedSubquery };
  let plan = from.plan;
  if (select.where) {
    if (containsAggregate(select.where)) {
      throw new SqlValidationError('aggregates are not allowed in WHERE; filter on them in HAVING', findAggregate(select.where)!.span);
    }
    const predicate = bindExpr(select.where, { ...base, clause: 'WHERE' });
    plan = at(select.where.span, () => filter(plan, predicate));
  }
  for (const w of select.windows) throw new SqlValidationError(new NotImplementedError('the WINDOW clause').message, w.span);

  const grouped = select.groupBy.length > 0 || select.having !== undefined ||
    select.items.some((i) => i.kind === 'select_expr' && containsAggregate(i.expr)) ||
    (!select.distinct && orderBy.some((o) => containsAggregate(o.expr)));
  let itemCtx: BindContext;
  if (grouped) {
    const g = planGrouping(select, orderBy, plan, base, ctx);
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
  return planProjectionAndSort(plan, list, select.distinct, orderBy, { ...itemCtx, clause: 'ORDER BY' });
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
  input: LogicalPlan,
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
  let plan: LogicalPlan = project(input, exprs, names);
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

/** The result of planning GROUP BY: the Aggregate and how later clauses bind over its output. */
interface Grouping {
  readonly plan: LogicalPlan;
  readonly bind: Omit<BindContext, 'clause'>;
}

/**
 * GROUP BY and aggregates: computes the group keys and each distinct aggregate call once. Later
 * clauses bind over the Aggregate's output: a sub-expression equal to a group key becomes that
 * key's column, an aggregate call its aggregate's column, and any other column is an error.
 * The Aggregate is built lazily, after the SELECT list, HAVING and ORDER BY have registered their
 * aggregate calls, so that a single node computes all of them.
 */
function planGrouping(
  select: Select,
  orderBy: readonly OrderItem[],
  input: LogicalPlan,
  base: Omit<BindContext, 'clause'>,
  ctx: PlannerContext,
): Grouping {
  const groupExprs: ScalarExpr[] = [];
  const groupNames: string[] = [];
  for (const g of select.groupBy) {
    if (g.kind === 'grouping_sets' || g.kind === 'rollup' || g.kind === 'cube' || g.kind === 'grouping_set') {
      throw new SqlValidationError(new NotImplementedError('GROUPING SETS, ROLLUP and CUBE').message, g.span);
    }
    if (containsAggregate(g)) throw new SqlValidationError('aggregates are not allowed in GROUP BY', g.span);
    const bound = bindExpr(g, { ...base, clause: 'GROUP BY' });
    if (groupExprs.some((x) => exprEquals(x, bound))) continue;
    groupExprs.push(bound);
    groupNames.push(g.kind === 'column_ref' ? g.parts[g.parts.length - 1]!.value : `$group${groupExprs.length - 1}`);
  }
  const aggregates: AggregateExpr[] = [];
  let built = false;
  // The aggregate node's output is addressed before the node exists: group keys first, then
  // aggregates in order of first use. Its final schema is built by `plan` below.
  const outputScope = new SqlScope([], 'the grouped rows');
  const inputCtx = (clause: string): BindContext => ({ ...base, clause });

  const aggregateRef = (call: FunctionCall): ScalarExpr => {
    const name = functionName(call) as Uppercase<AggregateName>;
    const text = ctx.sql.slice(call.span.start, call.span.end);
    for (const a of call.args) {
      if (a.kind === 'named_argument' || a.kind === 'table_argument' || a.kind === 'descriptor') {
        throw new SqlValidationError(`${name} takes plain arguments`, call.span);
      }
      if (containsAggregate(a)) throw new SqlValidationError(`aggregate calls cannot be nested: ${text}`, a.span);
    }
    if (call.args.length > 1) throw new SqlValidationError(new NotImplementedError(`${name} of several arguments`).message, call.span);
    const argExpr = call.args[0] as Expr | undefined;
    const countConstant = name === 'COUNT' && !call.distinct && argExpr !== undefined &&
      (argExpr.kind === 'numeric_literal' || argExpr.kind === 'string_literal' || argExpr.kind === 'boolean_literal');
    const arg = call.star || countConstant || argExpr === undefined ? undefined : bindExpr(argExpr, inputCtx(`the argument of ${name}`));
    const filterExpr = call.filter ? bindExpr(call.filter, inputCtx(`the FILTER of ${name}`)) : undefined;
    if (filterExpr && filterExpr.type.name !== 'BOOLEAN') throw new SqlValidationError(`the FILTER of an aggregate must be BOOLEAN`, call.filter!.span);
    const { fn, type } = at(call.span, () => resolveAggregate(name.toLowerCase() as AggregateName, arg, call.distinct, text));
    if (call.distinct && (fn === 'sum' || fn === 'avg')) {
      throw new SqlValidationError(new NotImplementedError(`${name}(DISTINCT ...)`, 'use COUNT(DISTINCT ...), or SUM over a SELECT DISTINCT subquery').message, call.span);
    }
    const distinct = false;
    const same = (a: AggregateExpr) => a.fn === fn && a.distinct === distinct &&
      (a.arg && arg ? exprEquals(a.arg, arg) : a.arg === arg) &&
      (a.filter && filterExpr ? exprEquals(a.filter, filterExpr) : a.filter === filterExpr);
    let k = aggregates.findIndex(same);
    if (k < 0) {
      if (built) throw new InternalError(`aggregate ${text} was found after the Aggregate was planned`);
      aggregates.push({ fn, distinct, type, name: `EXPR$${groupExprs.length + aggregates.length}`, ...(arg ? { arg } : {}), ...(filterExpr ? { filter: filterExpr } : {}) });
      k = aggregates.length - 1;
    }
    return { kind: 'column', index: groupExprs.length + k, name: aggregates[k]!.name, type: aggregates[k]!.type };
  };

  const intercept = (e: Expr): ScalarExpr | undefined => {
    if (containsAggregate(e) || containsSubquery(e)) return undefined;
    const bound = bindExpr(e, inputCtx('the SELECT list'));
    const g = groupExprs.findIndex((x) => exprEquals(x, bound));
    if (g >= 0) return { kind: 'column', index: g, name: groupNames[g]!, type: groupExprs[g]!.type };
    if (bound.kind === 'literal') return bound;
    if (e.kind === 'column_ref') {
      const name = e.parts.map((p) => p.value).join('.');
      throw new SqlValidationError(
        groupExprs.length === 0
          ? `column '${name}' cannot be selected beside aggregates without GROUP BY; group by it or aggregate it, e.g. MAX(${name})`
          : `column '${name}' must appear in GROUP BY or be used in an aggregate function, e.g. MAX(${name})`,
        e.span,
      );
    }
    return undefined;
  };

  const bind: Omit<BindContext, 'clause'> = { ...base, scope: outputScope, aggregate: aggregateRef, intercept };
  // Bind every clause that may register aggregates now, so the Aggregate has them all.
  const names: string[] = [];
  for (const item of select.items) {
    if (item.kind !== 'select_expr') continue;
    bindExpr(item.expr, { ...bind, clause: 'the SELECT list' });
    names.push(item.alias?.value ?? (item.expr.kind === 'column_ref' ? item.expr.parts[item.expr.parts.length - 1]!.value : ''));
  }
  if (select.having) bindExpr(select.having, { ...bind, clause: 'HAVING' });
  for (const o of orderBy) {
    if (containsAggregate(o.expr) && outputKey(o.expr, names, o.span) === undefined) bindExpr(o.expr, { ...bind, clause: 'ORDER BY' });
  }
  const plan = aggregate(input, groupExprs, groupNames, [...aggregates]);
  built = true;
  return { plan, bind };
}

function containsSubquery(e: Expr): boolean {
  if (e.kind === 'in_subquery' || e.kind === 'exists' || e.kind === 'scalar_subquery' || e.kind === 'quantified_comparison') return true;
  return exprChildren(e).some(containsSubquery);
}

function findAggregate(e: Expr): Expr | undefined {
  if (e.kind === 'function_call' && e.over === undefined && containsAggregate(e) && !e.args.some((a) => a.kind !== 'named_argument' && a.kind !== 'table_argument' && a.kind !== 'descriptor' && containsAggregate(a))) return e;
  for (const c of exprChildren(e)) {
    const hit = findAggregate(c);
    if (hit) return hit;
  }
  return undefined;
}

function unsupportedSubquery(e: Expr): never {
  throw new SqlValidationError(new NotImplementedError('subqueries in expressions (IN, EXISTS, scalar subqueries)').message, e.span);
}
