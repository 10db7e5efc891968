import { NotImplementedError } from '../../errors.js';
import type { ScalarExpr } from '../../logical/expression.js';
import { columnRef, conjunction } from '../../logical/expression-utils.js';
import { resolveCall } from '../../logical/function-catalog.js';
import { nearestName } from '../../logical/name-resolution.js';
import { join, joinSchema, project } from '../../logical/plan-builder.js';
import type { LogicalJoinType, LogicalPlan } from '../../logical/plan.js';
import type { Identifier, Query, TableAlias, TableRef } from '../ast.js';
import { bindExpr } from './bind-expression.js';
import { isWindowTvf, planWindowTvf } from './plan-window-tvf.js';
import type { PlannerContext } from './planner-context.js';
import { SqlScope, type ScopeColumn } from './sql-scope.js';
import { at, SqlValidationError } from './sql-validation-error.js';

/** A planned FROM item: its plan and the names its columns go by. */
export interface PlannedRelation {
  readonly plan: LogicalPlan;
  readonly scope: SqlScope;
}

/** Plans a query nested in FROM (a derived table); provided by plan-query.ts to avoid an import cycle. */
export type QueryPlanner = (query: Query, ctx: PlannerContext) => LogicalPlan;

/** Plans one item of FROM: a table, a view, a CTE, a derived table or a join tree. */
export function planFrom(ref: TableRef, ctx: PlannerContext, planQuery: QueryPlanner): PlannedRelation {
  switch (ref.kind) {
    case 'named_table': {
      const name = ref.name.parts.map((p) => p.value).join('.');
      if (ref.forSystemTimeAsOf) {
        throw new SqlValidationError(new NotImplementedError('FOR SYSTEM_TIME AS OF (temporal joins)').message, ref.span);
      }
      const rel = ctx.relation(name);
      if (!rel) {
        const names = ctx.names();
        const near = nearestName(name, names);
        const hint = near ? `; did you mean '${near}'?` : names.length ? `; known tables: ${names.sort().join(', ')}` : '; no table is registered';
        throw new SqlValidationError(`table '${name}' not found${hint}`, ref.name.span);
      }
      return aliased(rel.plan, ref.alias, ref.name.parts[ref.name.parts.length - 1]!.value);
    }
    case 'derived_table': {
      if (ref.lateral) throw new SqlValidationError(new NotImplementedError('LATERAL subqueries').message, ref.span);
      const plan = planQuery(ref.query, ctx);
      return aliased(plan, ref.alias, ref.alias?.name.value ?? 'the subquery');
    }
    case 'table_function':
      if (isWindowTvf(ref.call)) return planWindowTvf(ref, ctx);
      throw new SqlValidationError(new NotImplementedError(`the table function ${ref.call.name.parts.map((p) => p.value).join('.')} in FROM`).message, ref.span);
    case 'unnest':
      throw new SqlValidationError(new NotImplementedError('UNNEST').message, ref.span);
    case 'join':
      return planJoin(ref, ctx, planQuery);
  }
}

/** A relation under its alias (`AS o`, `AS o(id, amount)`), or its own name. */
function aliased(plan: LogicalPlan, alias: TableAlias | undefined, defaultName: string): PlannedRelation {
  const qualifier = alias?.name.value ?? defaultName;
  if (!alias || alias.columns.length === 0) return { plan, scope: SqlScope.of(plan.schema.fields, qualifier, qualifier) };
  const fields = plan.schema.fields;
  if (alias.columns.length !== fields.length) {
    throw new SqlValidationError(`the alias ${qualifier} names ${alias.columns.length} columns but the relation has ${fields.length}`, alias.span);
  }
  const names = alias.columns.map((c) => c.value);
  const renamed = project(plan, fields.map((f, i) => columnRef(i, f)), names);
  return { plan: renamed, scope: SqlScope.of(renamed.schema.fields, qualifier, qualifier) };
}

function planJoin(ref: TableRef & { kind: 'join' }, ctx: PlannerContext, planQuery: QueryPlanner): PlannedRelation {
  const left = planFrom(ref.left, ctx, planQuery);
  const right = planFrom(ref.right, ctx, planQuery);
  const relation = `the join of ${left.scope.relation} and ${right.scope.relation}`;
  const scope = left.scope.concat(right.scope, relation);
  const type: LogicalJoinType = ref.type === 'cross' ? 'inner' : ref.type;
  if (ref.using.length > 0) return planUsingJoin(ref, left, right, type, ctx);
  let condition: ScalarExpr | undefined;
  if (ref.on) {
    condition = bindExpr(ref.on, { sql: ctx.sql, scope, clause: 'a join condition', now: ctx.now });
    if (condition.type.name !== 'BOOLEAN') {
      throw new SqlValidationError(`a join condition must be BOOLEAN, but it is ${condition.type.name}`, ref.on.span);
    }
  } else if (ref.type !== 'cross') {
    throw new SqlValidationError(`a ${ref.type.toUpperCase()} JOIN needs ON or USING`, ref.span);
  }
  const plan = join(left.plan, right.plan, type, condition);
  // Above the join, the side an outer join pads with NULLs is nullable.
  const padded = new SqlScope(scope.columns.map((c, i) => ({ ...c, field: plan.schema.fields[i]! })), relation);
  return { plan, scope: padded };
}

/**
 * `JOIN … USING (c, …)`: an equi-join on the named columns, whose output lists each USING column
 * once (from the side the join preserves; COALESCE of both for a FULL join), then the other
 * columns of both sides. The original columns stay reachable qualified (`o.c`).
 */
function planUsingJoin(
  ref: TableRef & { kind: 'join' },
  left: PlannedRelation,
  right: PlannedRelation,
  type: LogicalJoinType,
  ctx: PlannerContext,
): PlannedRelation {
  const width = left.plan.schema.fields.length;
  const pairs = ref.using.map((id: Identifier) => {
    const ref1 = { kind: 'column_ref' as const, parts: [id], span: id.span };
    const l = left.scope.tryResolve(ref1);
    const r = right.scope.tryResolve(ref1);
    if (!l || !r) throw new SqlValidationError(`USING column '${id.value}' must appear on both sides of the join`, id.span);
    return { id, l: l.index, r: r.index };
  });
  const f = joinSchema(left.plan.schema, right.plan.schema, type).fields;
  const text = ctx.sql.slice(ref.span.start, ref.span.end);
  const condition = at(ref.span, () =>
    conjunction(pairs.map((p) => resolveCall('eq', [columnRef(p.l, f[p.l]!), columnRef(width + p.r, f[width + p.r]!)], text))),
  );
  const plan = join(left.plan, right.plan, type, condition);
  const merged = pairs.map((p) => {
    const l = columnRef(p.l, f[p.l]!), r = columnRef(width + p.r, f[width + p.r]!);
    if (type === 'full') return at(ref.span, () => resolveCall('coalesce', [l, r], text));
    return type === 'right' ? r : l;
  });
  const usingLeft = new Set(pairs.map((p) => p.l)), usingRight = new Set(pairs.map((p) => width + p.r));
  const exprs = [...merged, ...f.map((field, i) => columnRef(i, field))];
  const names = [...pairs.map((p) => p.id.value), ...f.map((x) => x.name)];
  const columns: ScopeColumn[] = [
    ...pairs.map((p, k) => ({ field: { name: p.id.value, type: merged[k]!.type } })),
    ...[...left.scope.columns, ...right.scope.columns].map((c, i) => ({
      ...c,
      field: f[i]!,
      ...(usingLeft.has(i) || usingRight.has(i) ? { hidden: true } : {}),
    })),
  ];
  const out = project(plan, exprs, names);
  return { plan: out, scope: new SqlScope(columns, `the join of ${left.scope.relation} and ${right.scope.relation}`) };
}
