import type { ExecNode } from '../physical/exec-plan.js';
import { OperatorInput } from './operator-input.js';
import { FilterOperator } from './operators/filter-operator.js';
import { HashAggregateOperator } from './operators/hash-aggregate-operator.js';
import { HashJoinOperator } from './operators/hash-join-operator.js';
import { LimitOperator } from './operators/limit-operator.js';
import { NestedLoopJoinOperator } from './operators/nested-loop-join-operator.js';
import { ProjectOperator } from './operators/project-operator.js';
import { SortOperator } from './operators/sort-operator.js';
import { UnionOperator } from './operators/union-operator.js';
import { WindowOperator } from './operators/window-operator.js';
import type { RuntimeContext } from './runtime-context.js';
import { ConnectorSource } from './sources/connector-source.js';
import { ScanSource } from './sources/scan-source.js';
import type { SourceTask } from './sources/source-task.js';
import { ValuesSource } from './sources/values-source.js';
import type { Output, StreamOperator } from './stream-operator.js';

/**
 * The runtime form of a physical plan in one task: operators wired by direct calls (chaining)
 * and the sources that drive them, in the order BATCH mode runs them.
 */
export interface Task {
  /** Sources in run order: a join's build side is driven to its end before its probe side. */
  readonly sources: readonly SourceTask[];
  readonly operators: readonly StreamOperator[];
}

/** Creates the operators of `plan`, its root pushing into `output`. */
export function buildTask(ctx: RuntimeContext, plan: ExecNode, output: Output): Task {
  const operators: StreamOperator[] = [];
  const add = <T extends StreamOperator>(op: T): T => {
    operators.push(op);
    return op;
  };
  const visit = (node: ExecNode, out: Output): SourceTask[] => {
    switch (node.op) {
      case 'ScanExec': {
        const source = ctx.sources.get(node.table);
        return [source ? new ConnectorSource(ctx, source, node, out) : new ScanSource(ctx, node, out)];
      }
      case 'ValuesExec':
        return [new ValuesSource(ctx, node, out)];
      case 'FilterExec':
        return visit(node.input, new OperatorInput(add(new FilterOperator(ctx, out, node)), 0));
      case 'ProjectExec':
        return visit(node.input, new OperatorInput(add(new ProjectOperator(ctx, out, node)), 0));
      case 'LimitExec':
        return visit(node.input, new OperatorInput(add(new LimitOperator(ctx, out, node)), 0));
      case 'SortExec':
        return visit(node.input, new OperatorInput(add(new SortOperator(ctx, out, node)), 0));
      case 'HashAggregateExec':
        return visit(node.input, new OperatorInput(add(new HashAggregateOperator(ctx, out, node)), 0));
      case 'HashJoinExec': {
        const join = add(new HashJoinOperator(ctx, out, node));
        const left = visit(node.left, new OperatorInput(join, 0));
        const right = visit(node.right, new OperatorInput(join, 1));
        return node.buildSide === 'left' ? [...left, ...right] : [...right, ...left];
      }
      case 'NestedLoopJoinExec': {
        const join = add(new NestedLoopJoinOperator(ctx, out, node));
        const left = visit(node.left, new OperatorInput(join, 0));
        const right = visit(node.right, new OperatorInput(join, 1));
        return [...right, ...left];
      }
      case 'WindowExec':
        return visit(node.input, new OperatorInput(add(new WindowOperator(ctx, out, node)), 0));
      case 'UnionExec': {
        const union = add(new UnionOperator(ctx, out, node.inputs.length));
        return node.inputs.flatMap((input, i) => visit(input, new OperatorInput(union, i)));
      }
    }
  };
  try {
    return { sources: visit(plan, output), operators };
  } catch (e) {
    for (const op of operators) op.close();
    throw e;
  }
}
