import { transformUp, type LogicalPlan } from '../logical/plan.js';
import type { OptimizerRule } from './optimizer-rule.js';
import { estimateRows } from './row-estimate.js';

/** How many times the other input's estimate a reduced input's estimate may be and still build. */
export const REDUCED_INPUT_ALLOWANCE = 2;

/**
 * Chooses each join's build side: the input with fewer estimated rows (row-estimate.ts) is read
 * into the hash table, the bigger one streams past it; on a tie the right input builds. Estimates
 * are rough, so when exactly one input is reduced (under its projections a filter, an aggregate,
 * a semi join or a limit: what a HAVING subquery becomes) and its estimate is at most
 * {@link REDUCED_INPUT_ALLOWANCE} times the other's, the reduced input builds: a predicate
 * usually keeps far fewer rows than the halving the estimate assumes (TPC-H Q18's subquery keeps
 * 57 of 1.5M orders, estimated as many as `orders` itself). Runs last, once filters and
 * projections have settled, since both change the estimates.
 */
export const chooseJoinBuildSide: OptimizerRule = {
  name: 'choose_join_build_side',
  apply: (plan, ctx) =>
    transformUp(plan, (node) => {
      if (node.kind !== 'Join') return node;
      const left = estimateRows(node.left, ctx.catalog);
      const right = estimateRows(node.right, ctx.catalog);
      const buildSide = buildsLeft(left, right, isReduced(node.left), isReduced(node.right)) ? 'left' : 'right';
      return node.buildSide === buildSide ? node : { ...node, buildSide };
    }),
};

function buildsLeft(left: number, right: number, leftReduced: boolean, rightReduced: boolean): boolean {
  if (leftReduced && !rightReduced) return left <= right * REDUCED_INPUT_ALLOWANCE;
  if (rightReduced && !leftReduced) return right > left * REDUCED_INPUT_ALLOWANCE;
  return left < right;
}

/** Whether `plan` (under its projections) keeps fewer rows than it reads. */
function isReduced(plan: LogicalPlan): boolean {
  switch (plan.kind) {
    case 'Project':
      return isReduced(plan.input);
    case 'Filter':
    case 'Aggregate':
    case 'Limit':
      return true;
    case 'Join':
      return plan.joinType === 'semi' || plan.joinType === 'anti';
    default:
      return false;
  }
}
