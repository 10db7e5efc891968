import { PlanError } from '../errors.js';
import type { ColumnRef, ScalarExpr } from '../logical/expression.js';
import { exprEquals } from '../logical/expression-utils.js';
import { resolveAggregate, resolveCall, resolveCast } from '../logical/function-catalog.js';
import { aggregate, project } from '../logical/plan-builder.js';
import type { AggregateExpr, LogicalPlan } from '../logical/plan.js';
import type { DataType } from '../types/data-type.js';
import type { ApiExpression } from './api-expression.js';
import { formatApiExpr } from './format-api-expression.js';
import { bindScalar, containsAggregate, outputName, splitAlias, uniqueNames, type Scope } from './resolve-expression.js';

/**
 * Plans `groupBy(groups).select(items)` (or a select with aggregates and no groupBy, a global
 * aggregate) as an Aggregate computing the group keys and each distinct aggregate call once, and,
 * when the items are not exactly those columns, a Project over it. Items may combine group keys
 * and aggregates freely (`$('price').sum().dividedBy($('price').count())`); a column that is
 * neither a group key nor inside an aggregate is an error that says so.
 */
export function planAggregation(
  input: LogicalPlan,
  relation: string,
  groups: readonly ApiExpression[],
  items: readonly ApiExpression[],
): LogicalPlan {
  const scope: Scope = { schema: input.schema, relation };
  const groupExprs: ScalarExpr[] = [];
  const groupNames: string[] = [];
  groups.forEach((g, i) => {
    const { expr } = splitAlias(g);
    if (containsAggregate(expr)) throw new PlanError(`groupBy() keys cannot contain aggregates: ${formatApiExpr(expr)}`);
    groupExprs.push(bindScalar(expr, scope, 'groupBy()'));
    groupNames.push(outputName(g, i));
  });
  const nGroups = groupExprs.length;
  const aggregates: AggregateExpr[] = [];
  const ref = (index: number, name: string, type: DataType): ColumnRef => ({ kind: 'column', index, name, type });

  const bindAggregate = (e: ApiExpression, preferredName?: string): ScalarExpr => {
    const n = e.node;
    if (n.kind !== 'aggregate') throw new TypeError('not an aggregate');
    const text = formatApiExpr(e);
    const inner = `the argument of ${text}`;
    const star = !n.arg || (n.arg.node.kind === 'column' && n.arg.node.name === '*') ||
      (n.fn === 'count' && n.arg.node.kind === 'literal' && n.arg.node.literal.value !== null && !n.distinct);
    const arg = star ? undefined : bindScalar(n.arg!, scope, inner);
    const filter = n.filter ? bindScalar(n.filter, scope, `the filter of ${text}`) : undefined;
    if (filter && filter.type.name !== 'BOOLEAN') {
      throw new PlanError(`the filter of an aggregate must be BOOLEAN, but it is ${filter.type.name} in ${text}`);
    }
    const { fn, type } = resolveAggregate(n.fn, arg, n.distinct, text);
    const distinct = n.distinct && fn !== 'count_distinct' && fn !== 'min' && fn !== 'max';
    const same = (a: AggregateExpr) =>
      a.fn === fn && a.distinct === distinct &&
      (a.arg && arg ? exprEquals(a.arg, arg) : a.arg === arg) &&
      (a.filter && filter ? exprEquals(a.filter, filter) : a.filter === filter);
    let k = aggregates.findIndex(same);
    if (k < 0) {
      const name = preferredName ?? `EXPR$${nGroups + aggregates.length}`;
      const a: AggregateExpr = { fn, distinct, type, name, ...(arg ? { arg } : {}), ...(filter ? { filter } : {}) };
      aggregates.push(a);
      k = aggregates.length - 1;
    }
    const a = aggregates[k]!;
    return ref(nGroups + k, a.name, a.type);
  };

  const bindOverGroups = (e: ApiExpression): ScalarExpr => {
    const n = e.node;
    if (n.kind === 'column' && !input.schema.fields.some((f) => f.name === n.name)) {
      // A group key's alias: groupBy($('ts').extract('YEAR').as('year')).select($('year'), ...)
      const g = groupNames.indexOf(n.name);
      if (g >= 0) return ref(g, groupNames[g]!, groupExprs[g]!.type);
    }
    if (!containsAggregate(e)) {
      const bound = bindScalar(e, scope, 'select()');
      const g = groupExprs.findIndex((x) => exprEquals(x, bound));
      if (g >= 0) return ref(g, groupNames[g]!, groupExprs[g]!.type);
      if (bound.kind === 'literal') return bound;
      if (n.kind === 'column') {
        throw new PlanError(
          nGroups === 0
            ? `column '${n.name}' cannot be selected beside aggregates without groupBy(); group by it or aggregate it, e.g. $('${n.name}').max()`
            : `column '${n.name}' must be a groupBy() key or be used inside an aggregate, e.g. $('${n.name}').max()`,
        );
      }
    }
    switch (n.kind) {
      case 'aggregate':
        return bindAggregate(e);
      case 'call':
        return resolveCall(n.fn, n.args.map(bindOverGroups), formatApiExpr(e));
      case 'cast':
        return resolveCast(bindOverGroups(n.arg), n.type, n.tryCast, formatApiExpr(e));
      default:
        // A literal, an alias or a sort key: binding alone reports the misuse.
        return bindScalar(e, scope, 'select()');
    }
  };

  const names = uniqueNames(items.map((item, i) => outputName(item, i)), 'select()');
  const exprs = items.map((item, i) => {
    const { expr } = splitAlias(item);
    return expr.node.kind === 'aggregate' ? bindAggregate(expr, names[i]) : bindOverGroups(expr);
  });
  const agg = aggregate(input, groupExprs, groupNames, aggregates);
  const identity = exprs.length === agg.schema.fields.length &&
    exprs.every((e, i) => e.kind === 'column' && e.index === i && names[i] === agg.schema.fields[i]!.name);
  return identity ? agg : project(agg, exprs, names);
}
