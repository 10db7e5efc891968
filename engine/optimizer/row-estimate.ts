import type { Catalog } from '../logical/catalog.js';
import type { LogicalPlan } from '../logical/plan.js';

/** Rows assumed for a table the catalog does not size. */
const UNKNOWN_TABLE_ROWS = 1000;

/**
 * A rough row count of a plan's output, for choosing a join's build side and the join order:
 * table row counts from the catalog, halved by each filter (and by grouping), capped by limits;
 * a join is as big as its bigger input (a cross join: the product), a semi or anti join filters
 * its left input (halves it, as a filter does), a union is the sum of its inputs, a global
 * aggregate 1.
 */
export function estimateRows(plan: LogicalPlan, catalog: Catalog): number {
  switch (plan.kind) {
    case 'TableScan':
      return catalog.getTable(plan.table)?.rowCount ?? UNKNOWN_TABLE_ROWS;
    case 'Values':
      return plan.rows.length;
    case 'Filter':
      return estimateRows(plan.input, catalog) / 2;
    case 'Project':
    case 'Sort':
      return estimateRows(plan.input, catalog);
    case 'Limit': {
      const rows = Math.max(0, estimateRows(plan.input, catalog) - plan.offset);
      return plan.fetch === undefined ? rows : Math.min(rows, plan.fetch);
    }
    case 'Aggregate':
      return plan.groupExprs.length === 0 ? 1 : Math.max(1, estimateRows(plan.input, catalog) / 2);
    case 'Join': {
      const l = estimateRows(plan.left, catalog), r = estimateRows(plan.right, catalog);
      if (plan.joinType === 'semi' || plan.joinType === 'anti') return l / 2;
      return plan.condition ? Math.max(l, r) : l * r;
    }
    case 'Union':
      return plan.inputs.reduce((n, p) => n + estimateRows(p, catalog), 0);
    case 'Window':
      return estimateRows(plan.input, catalog);
  }
}
