import type { Catalog } from '../logical/catalog.js';
import type { LogicalPlan } from '../logical/plan.js';

/** What rules may consult: the catalog (table sizes for the join build side). */
export interface OptimizerContext {
  readonly catalog: Catalog;
}

/**
 * A logical rewrite: takes a plan, returns an equivalent one (the same rows and output schema).
 * Each rule lives in its own file; optimize.ts runs them in a fixed order.
 */
export interface OptimizerRule {
  readonly name: string;
  apply(plan: LogicalPlan, ctx: OptimizerContext): LogicalPlan;
}
