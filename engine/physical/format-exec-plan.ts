import type { ScalarExpr } from '../logical/expression.js';
import { mapColumns } from '../logical/expression-utils.js';
import { formatExpr } from '../logical/format-expression.js';
import { formatSchema, formatSortKey, formatWindowCall } from '../logical/format-plan.js';
import { makeLiteral } from '../logical/literal.js';
import type { Schema } from '../types/data-type.js';
import type { AggregateCall, ExecNode } from './exec-plan.js';
import { joinOutputSchema } from './plan-join.js';

/**
 * Renders a physical plan as an indented tree, one node per line with its output schema. Column
 * positions show as `name@position` (in the node's input), as DataFusion prints them, so a reader
 * can check the positional wiring:
 *   FilterExec: (price@1 > 100) [auction: INT, price: DOUBLE]
 *     ScanExec: bids, columns=[auction@0, price@2] [auction: INT, price: DOUBLE]
 */
export function formatExecPlan(plan: ExecNode): string {
  const lines: string[] = [];
  const visit = (p: ExecNode, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${describe(p)} ${formatSchema(p.schema)}`);
    for (const input of inputsOfExec(p)) visit(input, depth + 1);
  };
  visit(plan, 0);
  return lines.join('\n');
}

/** The direct inputs of a physical node, left to right. */
export function inputsOfExec(p: ExecNode): readonly ExecNode[] {
  switch (p.op) {
    case 'ScanExec': case 'ValuesExec': return [];
    case 'HashJoinExec': case 'NestedLoopJoinExec': return [p.left, p.right];
    case 'UnionExec': return p.inputs;
    default: return [p.input];
  }
}

/** An expression with its column references as `name@position`. */
export function formatPositional(e: ScalarExpr): string {
  return formatExpr(mapColumns(e, (c) => ({ ...c, name: `${c.name}@${c.index}` })));
}

function at(schema: Schema, i: number): string {
  return `${schema.fields[i]?.name ?? '?'}@${i}`;
}

function formatCall(a: AggregateCall, input: Schema): string {
  const fn = a.fn === 'count_star' || a.fn === 'count_distinct' ? 'COUNT' : a.fn.toUpperCase();
  const arg = a.arg === undefined ? '*' : `${a.fn === 'count_distinct' ? 'DISTINCT ' : ''}${at(input, a.arg)}`;
  const filter = a.filter === undefined ? '' : ` FILTER (WHERE ${at(input, a.filter)})`;
  return `${fn}(${arg})${filter} AS ${a.name}`;
}

function describe(p: ExecNode): string {
  switch (p.op) {
    case 'ScanExec':
      return `ScanExec: ${p.table}, columns=[${p.columns.map((c, i) => `${p.schema.fields[i]!.name}@${c}`).join(', ')}]`;
    case 'ValuesExec': {
      if (p.rows.length === 0) return 'ValuesExec: (empty)';
      const rows = p.rows.slice(0, 5).map((r) => `(${r.map((v, i) => formatExpr(makeLiteral(v, p.schema.fields[i]!.type))).join(', ')})`);
      return `ValuesExec: ${rows.join(', ')}${p.rows.length > 5 ? `, ... ${p.rows.length} rows` : ''}`;
    }
    case 'FilterExec':
      return `FilterExec: ${formatPositional(p.predicate)}`;
    case 'ProjectExec':
      return `ProjectExec: ${p.exprs.map((e, i) => {
        const text = formatPositional(e);
        const name = p.schema.fields[i]!.name;
        return e.kind === 'column' && e.name === name ? text : `${text} AS ${name}`;
      }).join(', ')}`;
    case 'HashAggregateExec': {
      const input = p.input.schema;
      return `HashAggregateExec: mode=${p.mode}, groupBy=[${p.groupBy.map((i) => at(input, i)).join(', ')}], ` +
        `aggregates=[${p.aggregates.map((a) => formatCall(a, input)).join(', ')}]` +
        (p.where ? `, where=${formatPositional(p.where)}` : '');
    }
    case 'HashJoinExec': {
      const on = p.leftKeys.map((l, i) => `${at(p.left.schema, l)} = ${at(p.right.schema, p.rightKeys[i]!)}`);
      const cond = p.condition ? `, condition=${formatPositional(p.condition)}` : '';
      const joined = joinOutputSchema(p);
      const proj = p.projection ? `, projection=[${p.projection.map((i) => at(joined, i)).join(', ')}]` : '';
      return `HashJoinExec: type=${p.joinType}, on=[${on.join(', ')}]${cond}, build=${p.buildSide}${proj}`;
    }
    case 'SortExec': {
      const keys = p.keys.map((k) => formatSortKey(at(p.input.schema, k.index), k));
      return `SortExec: ${keys.join(', ')}${p.fetch === undefined ? '' : `, fetch=${p.fetch}`}`;
    }
    case 'LimitExec':
      return `LimitExec: offset=${p.offset}, fetch=${p.fetch ?? 'all'}`;
    case 'UnionExec':
      return `UnionExec: ${p.inputs.length} inputs`;
    case 'NestedLoopJoinExec':
      return `NestedLoopJoinExec: type=${p.joinType}${p.condition ? `, condition=${formatPositional(p.condition)}` : ''}`;
    case 'WindowExec': {
      const f = p.input.schema.fields;
      const col = (i: number) => `${f[i]!.name}@${i}`;
      const calls = p.calls.map((c) => `${formatWindowCall(c, c.args.map(col))} AS ${c.name}`);
      return `WindowExec: partitionBy=[${p.partitionBy.map(col).join(', ')}], ` +
        `orderBy=[${p.orderBy.map((k) => formatSortKey(col(k.index), k)).join(', ')}], calls=[${calls.join(', ')}]`;
    }
  }
}
