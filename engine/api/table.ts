import { PlanError } from '../errors.js';
import type { ScalarExpr } from '../logical/expression.js';
import { columnRef } from '../logical/expression-utils.js';
import { resolveColumn } from '../logical/name-resolution.js';
import { aggregate, filter, join, joinSchema, limit, project, sort } from '../logical/plan-builder.js';
import type { LogicalJoinType, LogicalPlan, SortExpr } from '../logical/plan.js';
import { optimize } from '../optimizer/optimize.js';
import { createPhysicalPlan } from '../physical/create-physical-plan.js';
import type { Schema } from '../types/data-type.js';
import { ApiExpression, toExpr, type ExprLike } from './api-expression.js';
import { explainPlan } from './explain.js';
import { formatApiExpr } from './format-api-expression.js';
import { GroupedTable } from './grouped-table.js';
import { planAggregation } from './plan-aggregation.js';
import { bindScalar, containsAggregate, outputName, splitAlias, uniqueNames, type Scope } from './resolve-expression.js';
import type { TableContext } from './table-context.js';
import { TableResult } from './table-result.js';
import { unionPlans } from '../logical/union-plans.js';

/**
 * A relational query, Flink's Table: each method returns a new Table over a bigger logical plan;
 * nothing runs until `execute()`. Names are resolved, types checked and errors raised (PlanError)
 * as each method is called, so a mistake is reported where it is made.
 */
export class Table {
  constructor(
    /** @internal */ readonly ctx: TableContext,
    /** The logical plan this table stands for. */
    readonly plan: LogicalPlan,
    /** How messages name this table ("bids", "the join of bids and persons"). */
    readonly relation: string,
  ) {}

  private get scope(): Scope {
    return { schema: this.plan.schema, relation: this.relation };
  }

  private derive(plan: LogicalPlan, relation = this.relation): Table {
    return new Table(this.ctx, plan, relation);
  }

  /** @internal A table of the same environment and name over another plan (for GroupedTable). */
  withPlan(plan: LogicalPlan): Table {
    return this.derive(plan);
  }

  /** The columns and types of this table. */
  getResolvedSchema(): Schema {
    return this.plan.schema;
  }

  /**
   * Computes one column per item: `select($('a'), $('b').plus(1).as('c'))`; `$('*')` is every
   * column. Items with aggregates make a global aggregate (one row), as in Flink.
   */
  select(...items: ExprLike[]): Table {
    if (items.length === 0) throw new PlanError("select() needs at least one column, e.g. select($('*'))");
    const exprs = items.map(toExpr);
    if (exprs.some(containsAggregate)) {
      if (exprs.some(isStar)) throw new PlanError(`$('*') cannot be selected beside aggregates; name the columns`);
      return this.derive(planAggregation(this.plan, this.relation, [], exprs));
    }
    const bound: ScalarExpr[] = [];
    const names: string[] = [];
    exprs.forEach((e) => {
      if (isStar(e)) {
        this.plan.schema.fields.forEach((f, i) => { bound.push(columnRef(i, f)); names.push(f.name); });
        return;
      }
      bound.push(bindScalar(splitAlias(e).expr, this.scope, 'select()'));
      names.push(outputName(e, names.length));
    });
    return this.derive(project(this.plan, bound, uniqueNames(names, 'select()')));
  }

  /** Keeps the rows where `predicate` is TRUE. */
  filter(predicate: ExprLike): Table {
    return this.derive(filter(this.plan, bindScalar(toExpr(predicate), this.scope, 'filter()')));
  }

  /** The same as {@link filter}. */
  where(predicate: ExprLike): Table {
    return this.filter(predicate);
  }

  /** Groups rows by `keys`; follow with `.select(...)` of keys and aggregates. */
  groupBy(...keys: ExprLike[]): GroupedTable {
    return new GroupedTable(this, keys.map(toExpr));
  }

  /** Removes duplicate rows. */
  distinct(): Table {
    const fields = this.plan.schema.fields;
    return this.derive(aggregate(this.plan, fields.map((f, i) => columnRef(i, f)), fields.map((f) => f.name), []));
  }

  /**
   * Inner join with `right` on `condition` (over both tables' columns; a column name both tables
   * have is ambiguous, rename one side first). Without a condition: every pair, to be narrowed
   * by a following `where(...)`.
   */
  join(right: Table, condition?: ExprLike): Table {
    return this.joinWith(right, 'inner', condition);
  }

  leftOuterJoin(right: Table, condition: ExprLike): Table {
    return this.joinWith(right, 'left', condition);
  }

  rightOuterJoin(right: Table, condition: ExprLike): Table {
    return this.joinWith(right, 'right', condition);
  }

  fullOuterJoin(right: Table, condition: ExprLike): Table {
    return this.joinWith(right, 'full', condition);
  }

  private joinWith(right: Table, type: LogicalJoinType, condition: ExprLike | undefined): Table {
    if (right.ctx !== this.ctx) throw new PlanError('cannot join tables of different TableEnvironments');
    if (condition === undefined && type !== 'inner') throw new PlanError(`an outer join needs a join condition`);
    const relation = `the join of ${this.relation} and ${right.relation}`;
    const scope: Scope = { schema: joinSchema(this.plan.schema, right.plan.schema, type), relation };
    const bound = condition === undefined ? undefined : bindScalar(toExpr(condition), scope, 'a join condition');
    return this.derive(join(this.plan, right.plan, type, bound), relation);
  }

  /**
   * Sorts by `keys`: `orderBy($('total').desc(), $('auction'))`. NULLs sort first ascending and
   * last descending (Flink's default); `.nullsFirst()` / `.nullsLast()` override.
   */
  orderBy(...keys: ExprLike[]): Table {
    const sortKeys: SortExpr[] = keys.map((k) => {
      const e = toExpr(k);
      const n = e.node;
      const [inner, ascending, nullsFirst] = n.kind === 'sort' ? [n.arg, n.ascending, n.nullsFirst] : [e, true, undefined];
      return { expr: bindScalar(inner, this.scope, 'orderBy()'), ascending, nullsFirst: nullsFirst ?? ascending };
    });
    return this.derive(sort(this.plan, sortKeys));
  }

  /** The first `fetch` rows; with two arguments, `fetch` rows after skipping `offset`. */
  limit(fetch: number): Table;
  limit(offset: number, fetch: number): Table;
  limit(a: number, b?: number): Table {
    return this.derive(b === undefined ? limit(this.plan, 0, a) : limit(this.plan, a, b));
  }

  /** Skips the first `n` rows (Flink's offset). */
  offset(n: number): Table {
    return this.derive(limit(this.plan, n));
  }

  /** Keeps the first `n` rows (after an offset, if any: `offset(10).fetch(5)`). */
  fetch(n: number): Table {
    return this.derive(limit(this.plan, 0, n));
  }

  /** The rows of this table and of `other` (same number of columns, compatible types). */
  unionAll(other: Table): Table {
    if (other.ctx !== this.ctx) throw new PlanError('cannot union tables of different TableEnvironments');
    return this.derive(unionPlans(this.plan, other.plan, 'unionAll()'));
  }

  /** The distinct rows of this table and `other`. */
  union(other: Table): Table {
    return this.unionAll(other).distinct();
  }

  /** Appends computed columns: `addColumns($('a').plus(1).as('a1'))`; their names must be new. */
  addColumns(...items: ExprLike[]): Table {
    return this.select(STAR, ...items);
  }

  /** Appends computed columns, replacing existing columns of the same name in place. */
  addOrReplaceColumns(...items: ExprLike[]): Table {
    const fields = this.plan.schema.fields;
    const exprs: ScalarExpr[] = fields.map((f, i) => columnRef(i, f));
    const names = fields.map((f) => f.name);
    items.map(toExpr).forEach((e) => {
      const name = outputName(e, names.length);
      const bound = bindScalar(splitAlias(e).expr, this.scope, 'addOrReplaceColumns()');
      const at = names.indexOf(name);
      if (at >= 0) exprs[at] = bound;
      else { exprs.push(bound); names.push(name); }
    });
    return this.derive(project(this.plan, exprs, names));
  }

  /** Removes the named columns: `dropColumns($('a'), $('b'))`. */
  dropColumns(...columns: ApiExpression[]): Table {
    const drop = new Set(columns.map((c) => this.columnOf(c, 'dropColumns()')));
    const fields = this.plan.schema.fields;
    const kept = fields.map((_, i) => i).filter((i) => !drop.has(i));
    return this.derive(project(this.plan, kept.map((i) => columnRef(i, fields[i]!)), kept.map((i) => fields[i]!.name)));
  }

  /** Renames columns: `renameColumns($('a').as('x'), $('b').as('y'))`. */
  renameColumns(...renames: ApiExpression[]): Table {
    const fields = this.plan.schema.fields;
    const names = fields.map((f) => f.name);
    for (const r of renames) {
      const { name, expr } = splitAlias(r);
      if (name === undefined) throw new PlanError(`renameColumns() takes $('old').as('new'), got ${formatApiExpr(r)}`);
      names[this.columnOf(expr, 'renameColumns()')] = name;
    }
    return this.derive(project(this.plan, fields.map((f, i) => columnRef(i, f)), uniqueNames(names, 'renameColumns()')));
  }

  /** Renames all columns, in order: `as('a', 'b', 'c')`. */
  as(...names: string[]): Table {
    const fields = this.plan.schema.fields;
    if (names.length !== fields.length) {
      throw new PlanError(`as() got ${names.length} names for ${fields.length} columns (${fields.map((f) => f.name).join(', ')})`);
    }
    return this.derive(project(this.plan, fields.map((f, i) => columnRef(i, f)), uniqueNames(names, 'as()')));
  }

  /** The EXPLAIN text: logical plan, optimized logical plan and physical plan. */
  explain(): string {
    return explainPlan(this.plan, this.ctx.catalog, this.ctx.optimizerOptions?.());
  }

  /** Plans the query (optimizer, physical planner) and returns its result, which runs when read. */
  execute(): TableResult {
    const physical = createPhysicalPlan(optimize(this.plan, this.ctx.catalog, this.ctx.optimizerOptions?.()));
    return new TableResult(this.ctx.runner, physical, this.plan.schema, this.ctx.jobOptions?.() ?? {});
  }

  private columnOf(e: ApiExpression, context: string): number {
    if (e.node.kind !== 'column') throw new PlanError(`${context} takes column references such as $('a'), got ${formatApiExpr(e)}`);
    return resolveColumn(this.plan.schema, e.node.name, this.relation).index;
  }
}

function isStar(e: ApiExpression): boolean {
  return e.node.kind === 'column' && e.node.name === '*';
}

const STAR = new ApiExpression({ kind: 'column', name: '*' });
