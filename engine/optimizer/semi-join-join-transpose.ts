import { collectColumns, mapColumns, shiftColumns } from '../logical/expression-utils.js';
import { join } from '../logical/plan-builder.js';
import { transformUp, type Join, type LogicalPlan } from '../logical/plan.js';
import type { OptimizerRule } from './optimizer-rule.js';

/**
 * Pushes a semi or anti join below the join under it, onto the input that holds every left
 * column its condition reads (Calcite's SemiJoinJoinTransposeRule):
 *
 *     Semi(Inner(A, B, c), R, p)  →  Inner(Semi(A, R, p), B, c)    when p reads no column of B
 *
 * Whether a row (a, b) of A ⋈ B has a match in R then depends on `a` alone, so filtering A first
 * keeps exactly the same rows with the same multiplicities, and the semi join probes the rows of
 * A instead of the (usually many more) rows of the join; TPC-H Q18's `o_orderkey IN (subquery)`
 * filters `orders` before it meets `customer` and `lineitem`. The same holds for anti joins (a
 * row is kept when `a` has no match) and for the preserved side of an outer join (every row a
 * LEFT join emits for `a` carries `a`), never for a padded side, whose NULLs would then be
 * tested instead of being kept. Conditions that read no left column at all (an uncorrelated
 * EXISTS) stay where they are: they keep all rows or none, and pushing them gains nothing.
 * Applied bottom-up and repeated, so a semi join sinks through a whole chain of joins.
 */
export const semiJoinJoinTranspose: OptimizerRule = {
  name: 'semi_join_join_transpose',
  apply: (plan) => transformUp(plan, transpose),
};

function transpose(plan: LogicalPlan): LogicalPlan {
  if (plan.kind !== 'Join' || (plan.joinType !== 'semi' && plan.joinType !== 'anti') || !plan.condition) return plan;
  const below = plan.left;
  if (below.kind !== 'Join' || !['inner', 'left', 'right'].includes(below.joinType)) return plan;
  const width = below.schema.fields.length;
  const aWidth = below.left.schema.fields.length;
  const leftRefs = [...collectColumns(plan.condition)].filter((c) => c < width);
  if (leftRefs.length === 0) return plan;
  const side = leftRefs.every((c) => c < aWidth) ? 'left' : leftRefs.every((c) => c >= aWidth) ? 'right' : undefined;
  if (side === undefined) return plan;
  if ((side === 'left' && below.joinType === 'right') || (side === 'right' && below.joinType === 'left')) return plan;
  const target = side === 'left' ? below.left : below.right;
  // The condition over target ++ R: R's columns sit after the target's instead of after A ++ B.
  const targetWidth = target.schema.fields.length;
  const condition = side === 'left'
    ? mapColumns(plan.condition, (c) => (c.index >= width ? { ...c, index: c.index - width + targetWidth } : c))
    : shiftColumns(plan.condition, -aWidth);
  const semi = keepBuildSide(join(target, plan.right, plan.joinType, condition), plan);
  // Repeat below: the target may itself be a join the semi join can sink into.
  const pushed = transpose(semi);
  const rebuilt = side === 'left'
    ? join(pushed, below.right, below.joinType, below.condition)
    : join(below.left, pushed, below.joinType, below.condition);
  return keepBuildSide(rebuilt, below);
}

function keepBuildSide(node: Join, from: Join): Join {
  return from.buildSide ? { ...node, buildSide: from.buildSide } : node;
}
