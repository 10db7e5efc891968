import { NotImplementedError } from '../../errors.js';
import type { ScalarExpr } from '../../logical/expression.js';
import { columnRef, conjunction, shiftColumns } from '../../logical/expression-utils.js';
import { resolveCall } from '../../logical/function-catalog.js';
import { aggregate, filter, join, project } from '../../logical/plan-builder.js';
import { makeLiteral } from '../../logical/literal.js';
import { DataTypes } from '../../types/data-type.js';
import type { LogicalPlan } from '../../logical/plan.js';
import type { Expr, Query } from '../ast.js';
import { containsAggregate, containsSubquery, containsWindowCall } from './ast-walk.js';
import { bindExpr } from './bind-expression.js';
import { planFrom, type PlannedRelation, type QueryPlanner } from './plan-from.js';
import type { PlannerContext } from './planner-context.js';
import { at, SqlValidationError } from './sql-validation-error.js';

/** The conjuncts of a WHERE clause: `a AND (b AND c)` → [a, b, c]. */
export function splitAnd(e: Expr): Expr[] {
  return e.kind === 'binary' && e.op === 'AND' ? [...splitAnd(e.left), ...splitAnd(e.right)] : [e];
}

/** A WHERE conjunct that is an IN or EXISTS subquery, and the join it becomes. */
interface SubqueryPredicate {
  readonly kind: 'semi' | 'anti';
  readonly operand?: Expr;
  readonly query: Query;
  readonly span: Expr['span'];
}

function asSubqueryPredicate(e: Expr): SubqueryPredicate | undefined {
  if (e.kind === 'in_subquery') return { kind: e.negated ? 'anti' : 'semi', operand: e.operand, query: e.query, span: e.span };
  if (e.kind === 'exists') return { kind: 'semi', query: e.query, span: e.span };
  if (e.kind === 'unary' && e.op === 'NOT' && e.operand.kind === 'exists') return { kind: 'anti', query: e.operand.query, span: e.span };
  return undefined;
}

/**
 * Plans the IN / NOT IN / EXISTS / NOT EXISTS conjuncts of a WHERE clause as semi and anti joins
 * of the block's input with the subquery, decorrelating as it goes: a subquery that is a plain
 * SELECT … FROM … WHERE … may refer to the outer query's columns, and its WHERE conjuncts become
 * the join condition (the optimizer pushes those that read only the subquery into its side).
 * Other subqueries (with GROUP BY, DISTINCT, LIMIT, set operations) must be uncorrelated. The
 * other conjuncts are returned to be bound as an ordinary filter.
 */
export function planSubqueryConjuncts(
  where: Expr,
  input: PlannedRelation,
  ctx: PlannerContext,
  planQuery: QueryPlanner,
): { plan: LogicalPlan; rest: Expr[] } {
  let plan = input.plan;
  const rest: Expr[] = [];
  for (const c of splitAnd(where)) {
    const p = asSubqueryPredicate(c);
    if (!p) {
      rest.push(c);
      continue;
    }
    plan = planSubqueryJoin(p, { plan, scope: input.scope }, ctx, planQuery);
  }
  return { plan, rest };
}

function planSubqueryJoin(p: SubqueryPredicate, outer: PlannedRelation, ctx: PlannerContext, planQuery: QueryPlanner): LogicalPlan {
  const text = ctx.sql.slice(p.span.start, p.span.end);
  const fail = (feature: string, hint?: string): never => {
    throw new SqlValidationError(new NotImplementedError(feature, hint).message, p.span);
  };
  if (outer.scope.outer) fail('subqueries nested in a correlated subquery');
  const width = outer.plan.schema.fields.length;
  const bindOuter = (e: Expr) => bindExpr(e, { sql: ctx.sql, scope: outer.scope, clause: 'WHERE', now: ctx.now });
  const q = p.query;
  const body = q.body;
  const simple = q.with.length === 0 && q.orderBy.length === 0 && q.limit === undefined && q.offset === undefined &&
    body.kind === 'select' && body.from !== undefined && !body.distinct && body.groupBy.length === 0 && body.having === undefined &&
    body.items.every((i) => i.kind === 'wildcard' || (!containsAggregate(i.expr) && !containsWindowCall(i.expr)));
  const conds: ScalarExpr[] = [];
  let right: LogicalPlan;
  if (simple && body.kind === 'select') {
    const inner = planFrom(body.from!, ctx, planQuery);
    const scope = inner.scope.under(outer.scope);
    const bindInner = (e: Expr, clause: string) => bindExpr(e, { sql: ctx.sql, scope, clause, now: ctx.now });
    right = inner.plan;
    if (p.operand) {
      const item = singleItem(body.items, p.span);
      conds.push(at(p.span, () => resolveCall('eq', [bindOuter(p.operand!), bindInner(item, 'the subquery SELECT list')], text)));
    }
    for (const w of body.where ? splitAnd(body.where) : []) {
      if (containsSubquery(w)) fail('subqueries nested in a subquery');
      conds.push(bindInner(w, 'the subquery WHERE'));
    }
  } else {
    right = planQuery(q, ctx);
    if (p.operand) {
      const fields = right.schema.fields;
      if (fields.length !== 1) throw new SqlValidationError(`the subquery of IN must return one column, it returns ${fields.length}`, p.span);
      conds.push(at(p.span, () => resolveCall('eq', [bindOuter(p.operand!), shiftColumns(columnRef(0, fields[0]!), width)], text)));
    }
  }
  if (p.kind === 'anti' && p.operand) {
    const eq = conds[0]!;
    if (eq.kind === 'call' && eq.args.some((a) => a.type.nullable)) {
      let sub: LogicalPlan;
      try {
        sub = simple ? planQuery(q, ctx) : right;
      } catch (e) {
        if (e instanceof SqlValidationError && /not found/.test(e.detail)) fail('NOT IN over values that may be NULL in a correlated subquery', 'use NOT EXISTS');
        throw e;
      }
      if (sub.schema.fields.length !== 1) throw new SqlValidationError(`the subquery of IN must return one column, it returns ${sub.schema.fields.length}`, p.span);
      const y = shiftColumns(columnRef(0, sub.schema.fields[0]!), width);
      return at(p.span, () => nullAwareNotIn(outer.plan, sub, resolveCall('eq', [bindOuter(p.operand!), y], text), text));
    }
  }
  return at(p.span, () => join(outer.plan, right, p.kind, conjunction(conds)));
}

/**
 * `x NOT IN (subquery)` with SQL's NULL rules: a row survives when no subquery value equals x
 * (an anti join), and moreover either the subquery is empty, or it holds no NULL and x is not
 * NULL (otherwise the predicate is NULL, which a WHERE drops). The subquery's row count and
 * non-NULL count come from a one-row aggregate joined onto the anti join's survivors.
 */
function nullAwareNotIn(outer: LogicalPlan, sub: LogicalPlan, eq: ScalarExpr, text: string): LogicalPlan {
  const width = outer.schema.fields.length;
  const x = (eq as { args: readonly ScalarExpr[] }).args[0]!;
  const anti = join(outer, sub, 'anti', eq);
  const y = sub.schema.fields[0]!;
  const stats = aggregate(sub, [], [], [
    { fn: 'count_star', distinct: false, type: DataTypes.BIGINT(false), name: '$rows' },
    { fn: 'count', distinct: false, arg: columnRef(0, y), type: DataTypes.BIGINT(false), name: '$values' },
  ]);
  const withStats = join(anti, stats, 'inner');
  const f = withStats.schema.fields;
  const rows = columnRef(width, f[width]!), vals = columnRef(width + 1, f[width + 1]!);
  const zero = makeLiteral('0', DataTypes.BIGINT(false));
  const keep = resolveCall('or', [
    resolveCall('eq', [rows, zero], text),
    resolveCall('and', [resolveCall('eq', [vals, rows], text), resolveCall('is_not_null', [x], text)], text),
  ], text);
  const kept = filter(withStats, keep);
  return project(kept, outer.schema.fields.map((fl, i) => columnRef(i, fl)), outer.schema.fields.map((fl) => fl.name));
}

function singleItem(items: readonly (Expr | { kind: string })[] | readonly { kind: string }[], span: Expr['span']): Expr {
  const list = items as readonly ({ kind: 'select_expr'; expr: Expr } | { kind: 'wildcard' })[];
  if (list.length !== 1 || list[0]!.kind !== 'select_expr') {
    throw new SqlValidationError('the subquery of IN must select exactly one expression', span);
  }
  return (list[0] as { expr: Expr }).expr;
}
