import type { Catalog } from '../logical/catalog.js';
import type { LogicalPlan } from '../logical/plan.js';
import { chooseJoinBuildSide } from './choose-join-build-side.js';
import { constantFolding } from './constant-folding.js';
import { mergeFilters } from './merge-filters.js';
import { mergeProjections } from './merge-projections.js';
import type { OptimizerOptions, OptimizerRule } from './optimizer-rule.js';
import { pushDownFilter } from './push-down-filter.js';
import { pushDownLimit } from './push-down-limit.js';
import { pushDownProjection } from './push-down-projection.js';
import { reorderJoins } from './reorder-joins.js';
import { semiJoinJoinTranspose } from './semi-join-join-transpose.js';

/**
 * The rules in the order they run, and why that order:
 * 1. constant folding first, so the rules after it see literal TRUE/FALSE (filters removed or
 *    turned into empty relations) and implicit casts of literals already evaluated;
 * 2. merge filters, so push-down sees all conjuncts of stacked filters at once;
 * 3. predicate push-down, before anything prunes columns: it moves predicates below projections
 *    and into joins (a WHERE over a cross join becomes its condition, where equi-keys are found);
 * 4. constant folding again: inlining projected expressions into pushed predicates can make
 *    new constant sub-expressions;
 * 5. semi/anti joins sink below the joins under them, once push-down has moved the WHERE
 *    conjuncts into the join conditions (which tell where each column comes from);
 * 6. join reordering over those conditions, with the semi joins already inside its inputs (their
 *    estimates are then smaller), before pruning puts projections between the joins;
 * 7. merge projections, so that pruning sees one projection where the API stacked several
 *    (and the one reordering puts on top of a join tree merges into the one above it);
 * 8. projection push-down (column pruning) once filters are in their final place, since the
 *    columns a filter reads depend on where it sits;
 * 9. limit push-down below the projections that remain, so a limit meets the sort under it
 *    (a top-N) and projections compute kept rows only; then
 * 10. merge projections again (identity projections vanish, pruning and 9 leave some);
 * 11. the join build side last, as it depends on the final filters (each halves an estimate).
 */
export const RULES: readonly OptimizerRule[] = [
  constantFolding,
  mergeFilters,
  pushDownFilter,
  constantFolding,
  semiJoinJoinTranspose,
  reorderJoins,
  mergeProjections,
  pushDownProjection,
  pushDownLimit,
  mergeProjections,
  chooseJoinBuildSide,
];

/**
 * Rewrites a logical plan into an equivalent one that runs faster (same rows, same output
 * schema). `options` switch rules off (the session's `SET` keys; all on by default).
 */
export function optimize(plan: LogicalPlan, catalog: Catalog, options: OptimizerOptions = {}): LogicalPlan {
  return RULES.reduce((p, rule) => rule.apply(p, { catalog, options }), plan);
}
