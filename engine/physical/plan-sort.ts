import { columnRef } from '../logical/expression-utils.js';
import type { Sort } from '../logical/plan.js';
import type { ExecNode, SortExec } from './exec-plan.js';
import { PositionalInput } from './positional-input.js';

/**
 * Plans a Sort as a SortExec over positions; `fetch` makes it a top-N. Keys that are not plain
 * columns are computed by a ProjectExec below and dropped by one above.
 */
export function planSort(plan: Sort, input: ExecNode, fetch?: number): ExecNode {
  const positional = new PositionalInput(input);
  const keys = plan.keys.map((k, i) => ({
    index: positional.positionOf(k.expr, `$sort${i}`),
    ascending: k.ascending,
    nullsFirst: k.nullsFirst,
  }));
  const sortInput = positional.build();
  const node: SortExec = { op: 'SortExec', input: sortInput, keys, schema: sortInput.schema };
  const sort: SortExec = fetch === undefined ? node : { ...node, fetch };
  if (positional.extraCount === 0) return sort;
  const fields = plan.schema.fields;
  return { op: 'ProjectExec', input: sort, exprs: fields.map((f, i) => columnRef(i, f)), schema: plan.schema };
}
