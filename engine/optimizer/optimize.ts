import type { Catalog } from '../logical/catalog.js';
import type { LogicalPlan } from '../logical/plan.js';
import { chooseJoinBuildSide } from './choose-join-build-side.js';
import { constantFolding } from './constant-folding.js';
import { mergeFilters } from './merge-filters.js';
import { mergeProjections } from './merge-projections.js';
import type { OptimizerRule } from './optimizer-rule.js';
import { pushDownFilter } from './push-down-filter.js';
import { pushDownLimit } from './push-down-limit.js';
import { pushDownProjection } from './push-down-projection.js';

/**
 * The rules in the order they run, and why that order:
 * 1. constant folding first, so the rules after it see literal TRUE/FALSE (filters removed or
 *    turned into empty relations) and implicit casts of literals already evaluated;
 * 2. merge filters, so push-down sees all conjuncts of stacked filters at once;
 * 3. predicate push-down, before anything prunes columns: it moves predicates below projections
 *    and into joins (a WHERE over a cross join becomes its condition, where equi-keys are found);
 * 4. constant folding again: inlining projected expressions into pushed predicates can make
 *    new constant sub-expressions;
 * 5. merge projections, so that pruning sees one projection where the API stacked several;
 * 6. projection push-down (column pruning) once filters are in their final place, since the
 *    columns a filter reads depend on where it sits;
 * 7. limit push-down below the projections that remain, so a limit meets the sort under it
 *    (a top-N) and projections compute kept rows only; then
 * 8. merge projections again (identity projections vanish, pruning and 7 leave some);
 * 9. the join build side last, as it depends on the final filters (each halves an estimate).
 */
export const RULES: readonly OptimizerRule[] = [
  constantFolding,
  mergeFilters,
  pushDownFilter,
  constantFolding,
  mergeProjections,
  pushDownProjection,
  pushDownLimit,
  mergeProjections,
  chooseJoinBuildSide,
];

/** Rewrites a logical plan into an equivalent one that runs faster (same rows, same output schema). */
export function optimize(plan: LogicalPlan, catalog: Catalog): LogicalPlan {
  return RULES.reduce((p, rule) => rule.apply(p, { catalog }), plan);
}
