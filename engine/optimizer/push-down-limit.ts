import { limit } from '../logical/plan-builder.js';
import { transformUp, type LogicalPlan } from '../logical/plan.js';
import type { OptimizerRule } from './optimizer-rule.js';

/**
 * Moves a limit below projections: Limit(Project(x)) → Project(Limit(x)). A projection keeps
 * rows one for one, so the result is the same, and the limit then sits directly on what it
 * limits: over a Sort the physical planner makes a top-N (`orderBy(...).select(...).limit(10)`
 * keeps 10 rows in the sort instead of sorting everything), and the projection computes only
 * the rows that are kept.
 */
export const pushDownLimit: OptimizerRule = {
  name: 'push_down_limit',
  apply: (plan) => transformUp(plan, push),
};

function push(plan: LogicalPlan): LogicalPlan {
  if (plan.kind !== 'Limit' || plan.input.kind !== 'Project') return plan;
  const proj = plan.input;
  return { ...proj, input: push(limit(proj.input, plan.offset, plan.fetch)) };
}
