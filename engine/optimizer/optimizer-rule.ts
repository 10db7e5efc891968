import type { Catalog } from '../logical/catalog.js';
import type { LogicalPlan } from '../logical/plan.js';

/** Switches of optimizer rules, from the session's configuration (`SET` keys in sql-statements.ts). */
export interface OptimizerOptions {
  /**
   * Reorder trees of inner joins by estimated rows (`table.optimizer.join-reorder-enabled`;
   * default true, unlike Flink): false keeps the joins in the order the query wrote them.
   */
  readonly joinReorder?: boolean;
}

/** What rules may consult: the catalog (table sizes for the join build side) and the options. */
export interface OptimizerContext {
  readonly catalog: Catalog;
  readonly options?: OptimizerOptions;
}

/**
 * A logical rewrite: takes a plan, returns an equivalent one (the same rows and output schema).
 * Each rule lives in its own file; optimize.ts runs them in a fixed order.
 */
export interface OptimizerRule {
  readonly name: string;
  apply(plan: LogicalPlan, ctx: OptimizerContext): LogicalPlan;
}
