import { transformUp } from '../logical/plan.js';
import type { OptimizerRule } from './optimizer-rule.js';
import { estimateRows } from './row-estimate.js';

/**
 * Chooses each join's build side: the input with fewer estimated rows (row-estimate.ts) is read
 * into the hash table, the bigger one streams past it; on a tie the right input builds. Runs
 * last, once filters and projections have settled, since both change the estimates.
 */
export const chooseJoinBuildSide: OptimizerRule = {
  name: 'choose_join_build_side',
  apply: (plan, ctx) =>
    transformUp(plan, (node) => {
      if (node.kind !== 'Join') return node;
      const left = estimateRows(node.left, ctx.catalog);
      const right = estimateRows(node.right, ctx.catalog);
      const buildSide = left < right ? 'left' : 'right';
      return node.buildSide === buildSide ? node : { ...node, buildSide };
    }),
};
