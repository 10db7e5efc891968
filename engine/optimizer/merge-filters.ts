import { conjunction } from '../logical/expression-utils.js';
import { filter } from '../logical/plan-builder.js';
import { transformUp, type LogicalPlan } from '../logical/plan.js';
import type { OptimizerRule } from './optimizer-rule.js';

/**
 * Merges adjacent filters into one: Filter(Filter(x, p), q) → Filter(x, p AND q). One filter
 * evaluates its conjunction in one pass over the batch (one WASM call instead of two), and the
 * push-down rule then sees every conjunct of a node at once.
 */
export const mergeFilters: OptimizerRule = {
  name: 'merge_filters',
  apply: (plan) => transformUp(plan, merge),
};

function merge(plan: LogicalPlan): LogicalPlan {
  if (plan.kind !== 'Filter' || plan.input.kind !== 'Filter') return plan;
  // transformUp has already merged the input's own chain, so one step suffices.
  return filter(plan.input.input, conjunction([plan.input.predicate, plan.predicate])!);
}
