import type { ApiExpression, ExprLike } from './api-expression.js';
import { toExpr } from './api-expression.js';
import { planAggregation } from './plan-aggregation.js';
import type { Table } from './table.js';

/**
 * A table grouped by keys (Flink's GroupedTable): `groupBy($('auction')).select($('auction'),
 * $('price').sum().as('total'))`. Select items are group keys, aggregates, and expressions over
 * both.
 */
export class GroupedTable {
  constructor(
    private readonly table: Table,
    private readonly keys: readonly ApiExpression[],
  ) {}

  /** One row per group: the items computed over each group. */
  select(...items: ExprLike[]): Table {
    const plan = planAggregation(this.table.plan, this.table.relation, this.keys, items.map(toExpr));
    return this.table.withPlan(plan);
  }

  /**
   * The group keys followed by `aggregates` (each named with `.as()`), to select from:
   * `groupBy($('k')).aggregate($('v').sum().as('s')).select($('k'), $('s'))`.
   */
  aggregate(...aggregates: ExprLike[]): Table {
    return this.select(...this.keys, ...aggregates);
  }
}
