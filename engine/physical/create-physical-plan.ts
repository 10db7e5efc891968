import type { ColumnRef } from '../logical/expression.js';
import type { LogicalPlan } from '../logical/plan.js';
import type { ExecNode } from './exec-plan.js';
import { planAggregate } from './plan-aggregate.js';
import { planJoin } from './plan-join.js';
import { planSort } from './plan-sort.js';
import { pruneJoinOutputs } from './prune-join-output.js';
import { projectExec } from './project-exec.js';

/**
 * Turns an (optimized) logical plan into the physical plan the runtime executes: exactly the
 * JSON-safe `…Exec` nodes of exec-plan.ts, one `plan<Node>` per logical node kind. The physical
 * planner makes everything positional: aggregate arguments and group keys become columns of a
 * ProjectExec below the HashAggregateExec, join keys become positions (with casts projected below
 * the join), sort keys become positions, and a Limit over a Sort becomes a top-N SortExec.
 * Finally each join emits only the columns its consumer reads (prune-join-output.ts).
 */
export function createPhysicalPlan(plan: LogicalPlan): ExecNode {
  return pruneJoinOutputs(planNode(plan));
}

function planNode(plan: LogicalPlan): ExecNode {
  switch (plan.kind) {
    case 'TableScan':
      return { op: 'ScanExec', table: plan.table, columns: [...plan.columns], schema: plan.schema };
    case 'Values':
      return { op: 'ValuesExec', rows: plan.rows.map((r) => [...r]), schema: plan.schema };
    case 'Filter':
      return { op: 'FilterExec', input: planNode(plan.input), predicate: plan.predicate, schema: plan.schema };
    case 'Project':
      return projectExec(planNode(plan.input), plan.exprs, plan.schema);
    case 'Aggregate':
      return planAggregate(plan, planNode(plan.input));
    case 'Join':
      return planJoin(plan, planNode(plan.left), planNode(plan.right));
    case 'Sort':
      return planSort(plan, planNode(plan.input));
    case 'Limit': {
      if (plan.input.kind === 'Sort' && plan.fetch !== undefined) {
        // Top-N: the sort keeps only offset + fetch rows; the limit then skips the offset.
        const topN = planSort(plan.input, planNode(plan.input.input), plan.offset + plan.fetch);
        if (plan.offset === 0) return topN;
        return { op: 'LimitExec', input: topN, offset: plan.offset, fetch: plan.fetch, schema: plan.schema };
      }
      const input = planNode(plan.input);
      const node = { op: 'LimitExec' as const, input, offset: plan.offset, schema: plan.schema };
      return plan.fetch === undefined ? node : { ...node, fetch: plan.fetch };
    }
    case 'Union':
      return { op: 'UnionExec', inputs: plan.inputs.map(createPhysicalPlan), schema: plan.schema };
    case 'Window':
      return {
        op: 'WindowExec',
        input: planNode(plan.input),
        partitionBy: plan.partitionBy.map((c) => c.index),
        orderBy: plan.orderBy.map((k) => ({ index: (k.expr as ColumnRef).index, ascending: k.ascending, nullsFirst: k.nullsFirst })),
        calls: plan.calls.map((c) => ({
          fn: c.fn, args: c.args.map((a) => a.index), frame: c.frame, name: c.name, ...(c.offset !== undefined ? { offset: c.offset } : {}),
        })),
        schema: plan.schema,
      };
  }
}
