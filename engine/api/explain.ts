import type { Catalog } from '../logical/catalog.js';
import { formatLogicalPlan } from '../logical/format-plan.js';
import type { LogicalPlan } from '../logical/plan.js';
import { optimize } from '../optimizer/optimize.js';
import type { OptimizerOptions } from '../optimizer/optimizer-rule.js';
import { createPhysicalPlan } from '../physical/create-physical-plan.js';
import { formatExecPlan } from '../physical/format-exec-plan.js';

/**
 * EXPLAIN text of a query: the logical plan as the API built it, the plan after the optimizer's
 * rules, and the physical plan the runtime executes; each an indented tree with schemas, stable
 * for golden tests.
 */
export function explainPlan(plan: LogicalPlan, catalog: Catalog, options?: OptimizerOptions): string {
  const optimized = optimize(plan, catalog, options);
  const physical = createPhysicalPlan(optimized);
  return [
    '== Logical Plan ==',
    formatLogicalPlan(plan),
    '',
    '== Optimized Logical Plan ==',
    formatLogicalPlan(optimized),
    '',
    '== Physical Plan ==',
    formatExecPlan(physical),
  ].join('\n');
}
