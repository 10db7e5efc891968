import type { ScalarExpr } from '../logical/expression.js';
import { substituteColumns } from '../logical/expression-utils.js';
import { transformUp, type LogicalPlan, type Project } from '../logical/plan.js';
import type { OptimizerRule } from './optimizer-rule.js';

/**
 * Merges a projection into the projection below it by inlining the lower expressions, and
 * removes projections that change nothing (each input column once, in order, same names).
 * It declines to merge when that would compute a non-trivial lower expression more than once
 * (`(a * b) AS x` used twice above), since the merged projection would then do more work.
 */
export const mergeProjections: OptimizerRule = {
  name: 'merge_projections',
  apply: (plan) => transformUp(plan, merge),
};

function merge(plan: LogicalPlan): LogicalPlan {
  if (plan.kind !== 'Project') return plan;
  if (isIdentity(plan)) return plan.input;
  const lower = plan.input;
  if (lower.kind !== 'Project') return plan;
  const uses = new Map<number, number>();
  for (const e of plan.exprs) countUses(e, uses);
  const trivial = (e: ScalarExpr) => e.kind !== 'call';
  if ([...uses].some(([i, n]) => n > 1 && !trivial(lower.exprs[i]!))) return plan;
  const merged: Project = { ...plan, input: lower.input, exprs: plan.exprs.map((e) => substituteColumns(e, lower.exprs)) };
  return isIdentity(merged) ? merged.input : merged;
}

/** Whether a projection passes its input through unchanged. */
export function isIdentity(p: Project): boolean {
  const input = p.input.schema.fields;
  return p.exprs.length === input.length &&
    p.exprs.every((e, i) => e.kind === 'column' && e.index === i && p.schema.fields[i]!.name === input[i]!.name);
}

function countUses(e: ScalarExpr, uses: Map<number, number>): void {
  if (e.kind === 'column') uses.set(e.index, (uses.get(e.index) ?? 0) + 1);
  else if (e.kind === 'call') for (const a of e.args) countUses(a, uses);
}

