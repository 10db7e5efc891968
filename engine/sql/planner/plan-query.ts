import type { ScalarExpr } from '../../logical/expression.js';
import { columnRef } from '../../logical/expression-utils.js';
import { resolveCall } from '../../logical/function-catalog.js';
import { makeLiteral } from '../../logical/literal.js';
import { aggregate, filter, limit, project, sort, window } from '../../logical/plan-builder.js';
import type { AggregateExpr, LogicalPlan, SortExpr, WindowFrame } from '../../logical/plan.js';
import { unionPlans } from '../../logical/union-plans.js';
import { simplify } from '../../optimizer/constant-folding.js';
import { DataTypes } from '../../types/data-type.js';
import type { Expr, OrderItem, Query, QueryBody, SetOperation, Values } from '../ast.js';
import { bindExpr } from './bind-expression.js';
import { uniqueOutputNames } from './output-names.js';
import { outputKey, planSelect, singleRow } from './plan-select.js';
import type { NamedRelation, PlannerContext } from './planner-context.js';
import { SqlScope } from './sql-scope.js';
import { at, SqlValidationError } from './sql-validation-error.js';

/**
 * Plans a query: its WITH clause, its body (SELECT, VALUES or a set operation), then ORDER BY,
 * OFFSET and LIMIT / FETCH. The plan's schema names are the query's output column names.
 */
export function planQuery(query: Query, ctx: PlannerContext): LogicalPlan {
  if (query.with.length === 0) return planQueryBody(query, ctx);
  const ctes = new Map<string, NamedRelation>();
  return ctx.withCtes(ctes, () => {
    for (const cte of query.with) {
      let plan = planQuery(cte.query, ctx);
      if (cte.columns.length > 0) {
        const fields = plan.schema.fields;
        if (cte.columns.length !== fields.length) {
          throw new SqlValidationError(`WITH ${cte.name.value} names ${cte.columns.length} columns but its query has ${fields.length}`, cte.span);
        }
        plan = project(plan, fields.map((f, i) => columnRef(i, f)), cte.columns.map((c) => c.value));
      }
      ctes.set(cte.name.value, { plan });
    }
    return planQueryBody(query, ctx);
  });
}

function planQueryBody(query: Query, ctx: PlannerContext): LogicalPlan {
  let plan: LogicalPlan;
  if (query.body.kind === 'select') {
    plan = planSelect(query.body, query.orderBy, ctx, planQuery);
  } else {
    plan = planBody(query.body, ctx);
    if (query.orderBy.length > 0) plan = sortByOutput(plan, query.orderBy, ctx);
  }
  if (query.limit === undefined && query.offset === undefined) return plan;
  const count = (e: Expr | undefined, what: string): number | undefined => {
    if (e === undefined) return undefined;
    const v = simplify(bindExpr(e, { sql: ctx.sql, scope: new SqlScope([], what), clause: what, now: ctx.now }));
    const n = v.kind === 'literal' && v.value !== null ? Number(v.value) : NaN;
    if (!Number.isSafeInteger(n) || n < 0) throw new SqlValidationError(`${what} must be a non-negative integer constant`, e.span);
    return n;
  };
  return limit(plan, count(query.offset, 'OFFSET') ?? 0, count(query.limit, 'LIMIT'));
}

/** A query body other than a SELECT with its ORDER BY. */
function planBody(body: QueryBody, ctx: PlannerContext): LogicalPlan {
  switch (body.kind) {
    case 'select': return planSelect(body, [], ctx, planQuery);
    case 'query': return planQuery(body, ctx);
    case 'values': return planValues(body, ctx);
    case 'set_operation': return planSetOperation(body, ctx);
  }
}

/** ORDER BY over the output of VALUES or a set operation: keys name output columns or are expressions over them. */
function sortByOutput(plan: LogicalPlan, orderBy: readonly OrderItem[], ctx: PlannerContext): LogicalPlan {
  const fields = plan.schema.fields;
  const names = fields.map((f) => f.name);
  const scope = SqlScope.of(fields, undefined, 'the query');
  const exprs: ScalarExpr[] = fields.map((f, i) => columnRef(i, f));
  const keys: SortExpr[] = orderBy.map((o) => {
    const index = outputKey(o.expr, names, o.span);
    const ascending = o.direction !== 'desc';
    const expr = index !== undefined ? exprs[index]! : bindExpr(o.expr, { sql: ctx.sql, scope, clause: 'ORDER BY', now: ctx.now });
    return { expr, ascending, nullsFirst: o.nulls ? o.nulls === 'first' : ascending };
  });
  return sort(plan, keys);
}

/**
 * VALUES rows: each row is a projection over one row, the rows a UNION ALL with columns cast to
 * their common types (constant folding turns all-constant rows back into literals). The columns
 * are named EXPR$0, EXPR$1, … as in Flink.
 */
function planValues(v: Values, ctx: PlannerContext): LogicalPlan {
  const width = v.rows[0]?.length ?? 0;
  const names = Array.from({ length: width }, (_, i) => `EXPR$${i}`);
  const one = singleRow();
  const scope = new SqlScope([], 'VALUES');
  const rows = v.rows.map((row) => {
    if (row.length !== width) throw new SqlValidationError(`every VALUES row needs ${width} values, this one has ${row.length}`, row[0]?.span ?? v.span);
    return project(one, row.map((e) => bindExpr(e, { sql: ctx.sql, scope, clause: 'VALUES', now: ctx.now })), names);
  });
  return rows.slice(1).reduce<LogicalPlan>((acc, r) => at(v.span, () => unionPlans(acc, r, 'VALUES')), rows[0]!);
}

/**
 * UNION [ALL], INTERSECT [ALL] and EXCEPT [ALL]. UNION ALL concatenates; the others are computed
 * with one Aggregate over the union of both inputs tagged by side, which treats NULLs as equal
 * as set operations must: INTERSECT keeps groups seen on both sides, EXCEPT those seen only on
 * the left.
 */
function planSetOperation(op: SetOperation, ctx: PlannerContext): LogicalPlan {
  const left = planBody(op.left, ctx);
  const right = planBody(op.right, ctx);
  const what = op.op.toUpperCase() + (op.all ? ' ALL' : '');
  if (op.op === 'union') {
    const u = at(op.span, () => unionPlans(left, right, what));
    return op.all ? u : distinct(u);
  }
  // The ALL forms number the copies of each row (NULLs equal) so that the k-th copy on the left
  // pairs with the k-th on the right: min(l, r) copies survive INTERSECT ALL, max(l - r, 0) EXCEPT ALL.
  const numbered = (p: LogicalPlan): LogicalPlan => {
    if (!op.all) return p;
    const fs = p.schema.fields;
    const frame: WindowFrame = { units: 'rows', start: { kind: 'unbounded_preceding' }, end: { kind: 'current_row' } };
    return window(p, fs.map((f, i) => columnRef(i, f)), [], [{ fn: 'row_number', args: [], frame, type: DataTypes.BIGINT(false), name: '$copy' }]);
  };
  const outWidth = left.schema.fields.length;
  const tag = (p: LogicalPlan, l: number) => {
    const fs = p.schema.fields;
    return project(p, [...fs.map((f, i) => columnRef(i, f)), makeLiteral(l, DataTypes.INT(false)), makeLiteral(1 - l, DataTypes.INT(false))],
      [...fs.map((f) => f.name), '$left', '$right']);
  };
  const tagged = at(op.span, () => unionPlans(tag(numbered(left), 1), tag(numbered(right), 0), what));
  const fields = tagged.schema.fields;
  const width = fields.length - 2;
  const sum = (i: number): AggregateExpr => ({ fn: 'sum', distinct: false, arg: columnRef(i, fields[i]!), type: DataTypes.BIGINT(), name: fields[i]!.name });
  const keys = fields.slice(0, width);
  const grouped = aggregate(tagged, keys.map((f, i) => columnRef(i, f)), keys.map((f) => f.name), [sum(width), sum(width + 1)]);
  const g = grouped.schema.fields;
  const text = ctx.sql.slice(op.span.start, op.span.end);
  const positive = (i: number) => resolveCall('gt', [columnRef(i, g[i]!), makeLiteral('0', DataTypes.BIGINT(false))], text);
  const rightCount = columnRef(width + 1, g[width + 1]!);
  const keep = op.op === 'intersect'
    ? resolveCall('and', [positive(width), positive(width + 1)], text)
    : resolveCall('and', [positive(width), resolveCall('eq', [rightCount, makeLiteral('0', DataTypes.BIGINT(false))], text)], text);
  const kept = filter(grouped, keep);
  const out = keys.slice(0, outWidth);
  return project(kept, out.map((f, i) => columnRef(i, g[i]!)), uniqueOutputNames(out.map((f) => f.name)));
}

/** The distinct rows of `plan`. */
function distinct(plan: LogicalPlan): LogicalPlan {
  const fs = plan.schema.fields;
  return aggregate(plan, fs.map((f, i) => columnRef(i, f)), fs.map((f) => f.name), []);
}
