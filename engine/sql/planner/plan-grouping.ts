import { InternalError, NotImplementedError } from '../../errors.js';
import type { ScalarExpr } from '../../logical/expression.js';
import { columnRef, exprEquals } from '../../logical/expression-utils.js';
import { castTo, resolveAggregate, resolveCall, type AggregateName } from '../../logical/function-catalog.js';
import { makeLiteral } from '../../logical/literal.js';
import { aggregate, project, union } from '../../logical/plan-builder.js';
import type { AggregateExpr, LogicalPlan } from '../../logical/plan.js';
import { DataTypes, withNullable } from '../../types/data-type.js';
import type { Expr, FunctionCall, GroupingElement, OrderItem, Select } from '../ast.js';
import { containsAggregate, containsSubquery, exprChildren, functionName } from './ast-walk.js';
import { bindExpr, type BindContext } from './bind-expression.js';
import type { PlannerContext } from './planner-context.js';
import { SqlScope } from './sql-scope.js';
import { at, SqlValidationError } from './sql-validation-error.js';

/** The result of planning GROUP BY: the aggregation and how later clauses bind over its output. */
export interface Grouping {
  readonly plan: LogicalPlan;
  readonly bind: Omit<BindContext, 'clause'>;
}

/**
 * GROUP BY and aggregates: computes the group keys and each distinct aggregate call once. Later
 * clauses bind over the aggregation's output: a sub-expression equal to a group key becomes that
 * key's column, an aggregate call its aggregate's column, `GROUPING(k)` a flag column, and any
 * other column is an error. The aggregation is built after the SELECT list, HAVING and ORDER BY
 * have registered their aggregate calls, so one node computes all of them.
 *
 * GROUPING SETS, ROLLUP and CUBE are planned as a UNION ALL of one Aggregate per grouping set,
 * each padding the keys it does not group by with NULL and carrying a 0/1 flag per key for
 * GROUPING(); the output is: keys, flags, aggregates.
 */
export function planGrouping(
  select: Select,
  orderBy: readonly OrderItem[],
  outputNames: (expr: Expr) => number | undefined,
  input: LogicalPlan,
  base: Omit<BindContext, 'clause'>,
  ctx: PlannerContext,
): Grouping {
  const groupExprs: ScalarExpr[] = [];
  const groupNames: string[] = [];
  const keyOf = (g: Expr): number => {
    if (containsAggregate(g)) throw new SqlValidationError('aggregates are not allowed in GROUP BY', g.span);
    const bound = bindExpr(g, { ...base, clause: 'GROUP BY' });
    const k = groupExprs.findIndex((x) => exprEquals(x, bound));
    if (k >= 0) return k;
    groupExprs.push(bound);
    groupNames.push(g.kind === 'column_ref' ? g.parts[g.parts.length - 1]!.value : `$group${groupExprs.length - 1}`);
    return groupExprs.length - 1;
  };
  const sets = expandGroupingSets(select.groupBy, keyOf);
  const multi = sets.length !== 1;
  const nKeys = groupExprs.length;
  const aggOffset = multi ? 2 * nKeys : nKeys;
  const keyType = (k: number) => withNullable(groupExprs[k]!.type, groupExprs[k]!.type.nullable || sets.some((s) => !s.includes(k)));
  const aggregates: AggregateExpr[] = [];
  let built = false;
  const inputCtx = (clause: string): BindContext => ({ ...base, clause });

  const aggregateRef = (call: FunctionCall): ScalarExpr => {
    const name = functionName(call);
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
    const filter = call.filter ? bindExpr(call.filter, inputCtx(`the FILTER of ${name}`)) : undefined;
    if (filter && filter.type.name !== 'BOOLEAN') throw new SqlValidationError('the FILTER of an aggregate must be BOOLEAN', call.filter!.span);
    const { fn, type } = at(call.span, () => resolveAggregate(name.toLowerCase() as AggregateName, arg, call.distinct, text));
    if (call.distinct && (fn === 'sum' || fn === 'avg')) {
      throw new SqlValidationError(new NotImplementedError(`${name}(DISTINCT ...)`, 'use COUNT(DISTINCT ...), or SUM over a SELECT DISTINCT subquery').message, call.span);
    }
    const same = (a: AggregateExpr) => a.fn === fn &&
      (a.arg && arg ? exprEquals(a.arg, arg) : a.arg === arg) &&
      (a.filter && filter ? exprEquals(a.filter, filter) : a.filter === filter);
    let k = aggregates.findIndex(same);
    if (k < 0) {
      if (built) throw new InternalError(`aggregate ${text} was found after the aggregation was planned`);
      aggregates.push({ fn, distinct: false, type, name: `EXPR$${aggOffset + aggregates.length}`, ...(arg ? { arg } : {}), ...(filter ? { filter } : {}) });
      k = aggregates.length - 1;
    }
    const a = aggregates[k]!;
    return { kind: 'column', index: aggOffset + k, name: a.name, type: a.type };
  };

  const groupingRef = (call: FunctionCall): ScalarExpr => {
    const text = ctx.sql.slice(call.span.start, call.span.end);
    const flags = call.args.map((a) => {
      if (a.kind === 'named_argument' || a.kind === 'table_argument' || a.kind === 'descriptor') throw new SqlValidationError('GROUPING takes GROUP BY keys', call.span);
      const bound = bindExpr(a, inputCtx('GROUPING'));
      const k = groupExprs.findIndex((x) => exprEquals(x, bound));
      if (k < 0) throw new SqlValidationError(`the argument of GROUPING must be a GROUP BY key`, a.span);
      return multi ? columnRef(nKeys + k, { name: `$grouping${k}`, type: DataTypes.INT(false) }) : makeLiteral(0, DataTypes.INT(false));
    });
    if (flags.length === 0) throw new SqlValidationError('GROUPING needs at least one GROUP BY key', call.span);
    // GROUPING(a, b) = GROUPING(a) * 2 + GROUPING(b), as a BIGINT.
    return at(call.span, () => flags.reduce<ScalarExpr>(
      (acc, f) => resolveCall('plus', [resolveCall('times', [acc, makeLiteral('2', DataTypes.BIGINT(false))], text), castTo(f, DataTypes.BIGINT(false))], text),
      makeLiteral('0', DataTypes.BIGINT(false)),
    ));
  };

  const intercept = (e: Expr): ScalarExpr | undefined => {
    if (e.kind === 'function_call' && e.over === undefined && ['GROUPING', 'GROUPING_ID'].includes(functionName(e))) return groupingRef(e);
    if (containsAggregate(e) || containsSubquery(e) || containsGroupingCall(e)) return undefined;
    const bound = bindExpr(e, inputCtx('the SELECT list'));
    const g = groupExprs.findIndex((x) => exprEquals(x, bound));
    if (g >= 0) return { kind: 'column', index: g, name: groupNames[g]!, type: keyType(g) };
    if (bound.kind === 'literal') return bound;
    if (e.kind === 'column_ref') {
      const name = e.parts.map((p) => p.value).join('.');
      throw new SqlValidationError(
        nKeys === 0
          ? `column '${name}' cannot be selected beside aggregates without GROUP BY; group by it or aggregate it, e.g. MAX(${name})`
          : `column '${name}' must appear in GROUP BY or be used in an aggregate function, e.g. MAX(${name})`,
        e.span,
      );
    }
    return undefined;
  };

  const bind: Omit<BindContext, 'clause'> = { ...base, scope: new SqlScope([], 'the grouped rows'), aggregate: aggregateRef, intercept };
  for (const item of select.items) if (item.kind === 'select_expr') bindExpr(item.expr, { ...bind, clause: 'the SELECT list' });
  if (select.having) bindExpr(select.having, { ...bind, clause: 'HAVING' });
  for (const o of orderBy) {
    if (containsAggregate(o.expr) && outputNames(o.expr) === undefined) bindExpr(o.expr, { ...bind, clause: 'ORDER BY' });
  }
  built = true;
  if (!multi) return { plan: aggregate(input, groupExprs, groupNames, [...aggregates]), bind };
  const branches = sets.map((set) => {
    const keys = [...set].sort((a, b) => a - b);
    const agg = aggregate(input, keys.map((k) => groupExprs[k]!), keys.map((k) => groupNames[k]!), [...aggregates]);
    const f = agg.schema.fields;
    const exprs: ScalarExpr[] = [
      ...groupExprs.map((_, k) => {
        const i = keys.indexOf(k);
        return i >= 0 ? columnRef(i, f[i]!) : makeLiteral(null, keyType(k));
      }),
      ...groupExprs.map((_, k) => makeLiteral(keys.includes(k) ? 0 : 1, DataTypes.INT(false))),
      ...aggregates.map((_, i) => columnRef(keys.length + i, f[keys.length + i]!)),
    ];
    const names = [...groupNames, ...groupExprs.map((_, k) => `$grouping${k}`), ...aggregates.map((a) => a.name)];
    return project(agg, exprs, names);
  });
  return { plan: union(branches), bind };
}

/**
 * The grouping sets of a GROUP BY clause, each a set of key positions (from `keyOf`): plain keys
 * and parenthesised sets combine by cross product; GROUPING SETS lists sets, ROLLUP (a, b) is
 * (a, b), (a), (); CUBE (a, b) is every subset. Duplicate sets are kept, as SQL requires.
 */
export function expandGroupingSets(elements: readonly GroupingElement[], keyOf: (e: Expr) => number): number[][] {
  let sets: number[][] = [[]];
  for (const el of elements) {
    const options = expandElement(el, keyOf);
    sets = sets.flatMap((s) => options.map((o) => [...new Set([...s, ...o])]));
  }
  return sets;
}

function expandElement(el: GroupingElement, keyOf: (e: Expr) => number): number[][] {
  const item = (x: Expr | { kind: 'grouping_set'; items: readonly Expr[] }): number[] =>
    x.kind === 'grouping_set' ? (x as { items: readonly Expr[] }).items.map(keyOf) : [keyOf(x as Expr)];
  switch (el.kind) {
    case 'grouping_set':
      return [el.items.map(keyOf)];
    case 'grouping_sets':
      return el.sets.flatMap((s) => expandElement(s, keyOf));
    case 'rollup': {
      const parts = el.items.map(item);
      return Array.from({ length: parts.length + 1 }, (_, n) => parts.slice(0, parts.length - n).flat());
    }
    case 'cube': {
      const parts = el.items.map(item);
      const out: number[][] = [];
      for (let mask = (1 << parts.length) - 1; mask >= 0; mask--) out.push(parts.filter((_, i) => mask & (1 << (parts.length - 1 - i))).flat());
      return out;
    }
    default:
      return [[keyOf(el)]];
  }
}

function containsGroupingCall(e: Expr): boolean {
  if (e.kind === 'function_call' && e.over === undefined && ['GROUPING', 'GROUPING_ID'].includes(functionName(e))) return true;
  return exprChildren(e).some(containsGroupingCall);
}

