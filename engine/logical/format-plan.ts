import { typeToString, type Schema } from '../types/data-type.js';
import type { ScalarExpr } from './expression.js';
import { formatExpr } from './format-expression.js';
import { makeLiteral } from './literal.js';
import { inputsOf, type AggregateExpr, type FrameBound, type LogicalPlan, type SortExpr, type WindowCall } from './plan.js';

/**
 * Renders a logical plan as an indented tree, one node per line with its output schema:
 *   Filter: (price > 100) [auction: INT, price: DOUBLE]
 *     TableScan: bids [auction: INT, price: DOUBLE]
 * Stable text (golden EXPLAIN tests compare it verbatim).
 */
export function formatLogicalPlan(plan: LogicalPlan): string {
  const lines: string[] = [];
  const visit = (p: LogicalPlan, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${describeNode(p)} ${formatSchema(p.schema)}`);
    for (const input of inputsOf(p)) visit(input, depth + 1);
  };
  visit(plan, 0);
  return lines.join('\n');
}

/** `[name: TYPE, ...]`, the schema as EXPLAIN prints it. */
export function formatSchema(schema: Schema): string {
  return `[${schema.fields.map((f) => `${f.name}: ${typeToString(f.type)}`).join(', ')}]`;
}

/** An aggregate call as SQL: `COUNT(*)`, `COUNT(DISTINCT x)`, `SUM(x) FILTER (WHERE p)`. */
export function formatAggregate(a: AggregateExpr, argText?: string, filterText?: string): string {
  const arg = argText ?? (a.arg ? formatExpr(a.arg) : '*');
  const fn = a.fn === 'count_star' || a.fn === 'count_distinct' ? 'COUNT' : a.fn.toUpperCase();
  const distinct = a.distinct || a.fn === 'count_distinct' ? 'DISTINCT ' : '';
  const filter = filterText ?? (a.filter ? formatExpr(a.filter) : undefined);
  return `${fn}(${distinct}${arg})${filter ? ` FILTER (WHERE ${filter})` : ''}`;
}

/** `expr AS name`, or just the expression when it already prints as its name. */
export function formatNamed(e: ScalarExpr, name: string): string {
  const text = formatExpr(e);
  return text === name ? text : `${text} AS ${name}`;
}

/** A sort key as SQL: `price DESC NULLS LAST`. */
export function formatSortKey(text: string, k: Pick<SortExpr, 'ascending' | 'nullsFirst'>): string {
  return `${text} ${k.ascending ? 'ASC' : 'DESC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`;
}

function describeNode(p: LogicalPlan): string {
  switch (p.kind) {
    case 'TableScan':
      return `TableScan: ${p.table}`;
    case 'Values': {
      if (p.rows.length === 0) return 'Values: (empty)';
      const rows = p.rows.slice(0, 5).map((r) => `(${r.map((v, i) => formatExpr(makeLiteral(v, p.schema.fields[i]!.type))).join(', ')})`);
      return `Values: ${rows.join(', ')}${p.rows.length > 5 ? `, ... ${p.rows.length} rows` : ''}`;
    }
    case 'Filter':
      return `Filter: ${formatExpr(p.predicate)}`;
    case 'Project':
      return `Project: ${p.exprs.map((e, i) => formatNamed(e, p.schema.fields[i]!.name)).join(', ')}`;
    case 'Aggregate': {
      const groups = p.groupExprs.map((e, i) => formatNamed(e, p.schema.fields[i]!.name));
      const aggs = p.aggregates.map((a) => `${formatAggregate(a)} AS ${a.name}`);
      return `Aggregate: groupBy=[${groups.join(', ')}], aggregates=[${aggs.join(', ')}]`;
    }
    case 'Join': {
      const parts = [`type=${p.joinType}`];
      if (p.condition) parts.push(`condition=${formatExpr(p.condition)}`);
      if (p.buildSide) parts.push(`build=${p.buildSide}`);
      return `Join: ${parts.join(', ')}`;
    }
    case 'Sort':
      return `Sort: ${p.keys.map((k) => formatSortKey(formatExpr(k.expr), k)).join(', ')}`;
    case 'Limit':
      return `Limit: offset=${p.offset}, fetch=${p.fetch ?? 'all'}`;
    case 'Union':
      return `Union: ${p.inputs.length} inputs`;
    case 'Window': {
      const calls = p.calls.map((c) => `${formatWindowCall(c, c.args.map((a) => formatExpr(a)))} AS ${c.name}`);
      return `Window: partitionBy=[${p.partitionBy.map((e) => formatExpr(e)).join(', ')}], ` +
        `orderBy=[${p.orderBy.map((k) => formatSortKey(formatExpr(k.expr), k)).join(', ')}], calls=[${calls.join(', ')}]`;
    }
  }
}

/** A window call as SQL with its frame: `SUM(v) ROWS BETWEEN 2 PRECEDING AND CURRENT ROW`. */
export function formatWindowCall(c: Pick<WindowCall, 'fn' | 'offset' | 'frame'>, args: readonly string[]): string {
  const ranking = c.fn === 'row_number' || c.fn === 'rank' || c.fn === 'dense_rank';
  const shown = c.fn === 'lag' || c.fn === 'lead' ? [args[0]!, String(c.offset ?? 1), ...args.slice(1)] : c.fn === 'count_star' ? ['*'] : args;
  const name = c.fn === 'count_star' ? 'COUNT' : c.fn.toUpperCase();
  const bound = (b: FrameBound) =>
    b.kind === 'preceding' || b.kind === 'following' ? `${b.offset} ${b.kind.toUpperCase()}` : b.kind.replace('_', ' ').toUpperCase();
  return ranking || c.fn === 'lag' || c.fn === 'lead'
    ? `${name}(${shown.join(', ')})`
    : `${name}(${shown.join(', ')}) ${c.frame.units.toUpperCase()} BETWEEN ${bound(c.frame.start)} AND ${bound(c.frame.end)}`;
}
