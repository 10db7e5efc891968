import { PlanError } from '../errors.js';
import type { ScalarExpr } from '../logical/expression.js';
import { resolveCall, resolveCast } from '../logical/function-catalog.js';
import { resolveColumn } from '../logical/name-resolution.js';
import type { Schema } from '../types/data-type.js';
import type { ApiExpression } from './api-expression.js';
import { formatApiExpr } from './format-api-expression.js';

/** What names resolve against: an input's schema, and how to call that input in messages ("bids"). */
export interface Scope {
  readonly schema: Schema;
  readonly relation: string;
}

/**
 * Binds an unresolved expression to a typed {@link ScalarExpr} over `scope`: columns become
 * input positions (unknown names fail with the nearest match), calls go through the function
 * catalog (implicit casts, type errors naming the expression). `context` says where the
 * expression appears ("filter()", "orderBy()") for the errors aggregates and aliases raise here.
 * `onAggregate`, when given, binds aggregate calls (grouped select); otherwise they are errors.
 */
export function bindScalar(
  e: ApiExpression,
  scope: Scope,
  context: string,
  onAggregate?: (e: ApiExpression) => ScalarExpr,
): ScalarExpr {
  const n = e.node;
  switch (n.kind) {
    case 'column':
      if (n.name === '*') throw new PlanError(`$('*') stands for all columns only in select() and for rows in $('*').count(), not in ${context}`);
      return resolveColumn(scope.schema, n.name, scope.relation);
    case 'literal':
      return n.literal;
    case 'call':
      return resolveCall(n.fn, n.args.map((a) => bindScalar(a, scope, context, onAggregate)), formatApiExpr(e));
    case 'cast':
      return resolveCast(bindScalar(n.arg, scope, context, onAggregate), n.type, n.tryCast, formatApiExpr(e));
    case 'aggregate':
      if (onAggregate) return onAggregate(e);
      throw new PlanError(
        `aggregate ${formatApiExpr(e)} is not allowed in ${context}; aggregates belong in select() ` +
          `(over groupBy(...) or the whole table), and a condition on them goes in a filter() after that select()`,
      );
    case 'alias':
      throw new PlanError(`${formatApiExpr(e)}: as() names a column of select(), groupBy(), addColumns() or an aggregate, not part of ${context}`);
    case 'sort':
      throw new PlanError(`${formatApiExpr(e)}: asc()/desc() only apply to orderBy() keys, not in ${context}`);
  }
}

/** Whether `e` contains an aggregate call. */
export function containsAggregate(e: ApiExpression): boolean {
  const n = e.node;
  switch (n.kind) {
    case 'aggregate': return true;
    case 'call': return n.args.some(containsAggregate);
    case 'cast': case 'alias': case 'sort': return containsAggregate(n.arg);
    default: return false;
  }
}

/** The alias of `e` and the expression under it (no alias: undefined and `e`). */
export function splitAlias(e: ApiExpression): { name?: string; expr: ApiExpression } {
  return e.node.kind === 'alias' ? { name: e.node.name, expr: e.node.arg } : { expr: e };
}

/**
 * The output name of a select item: its alias, else a plain column's name, else Flink's
 * `EXPR$<position>`.
 */
export function outputName(e: ApiExpression, position: number): string {
  const { name, expr } = splitAlias(e);
  if (name !== undefined) return name;
  return expr.node.kind === 'column' ? expr.node.name : `EXPR$${position}`;
}

/** `names`, after checking that no name repeats (a repeated name would be ambiguous downstream). */
export function uniqueNames(names: readonly string[], context: string): string[] {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new PlanError(`${context} would produce two columns named '${n}'; give one a different name with .as()`);
    seen.add(n);
  }
  return [...names];
}
