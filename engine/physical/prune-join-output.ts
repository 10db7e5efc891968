import type { ScalarExpr } from '../logical/expression.js';
import { collectColumns, mapColumns } from '../logical/expression-utils.js';
import type { AggregateCall, ExecNode, HashAggregateExec, HashJoinExec } from './exec-plan.js';
import { withJoinProjection } from './plan-join.js';
import { projectExec } from './project-exec.js';

/**
 * Gives every hash join whose consumer reads only some of its columns an output projection, so
 * the join gathers just those (for `SELECT sum(attr) FROM t JOIN d ON t.fk = d.dk` only `attr`,
 * not the key columns the logical plan must keep). Projection push-down already pruned the
 * scans; what it cannot prune are the columns the join itself reads: its keys and residual.
 *
 * Consumers that read columns by position are rewritten to the projected positions: a
 * ProjectExec (with plain column references in the projection's order, so that it becomes an
 * identity and disappears), a HashAggregateExec, and a HashJoinExec above (through its keys,
 * residual and its own projection). Other consumers, and the root, keep every column.
 */
export function pruneJoinOutputs(node: ExecNode): ExecNode {
  switch (node.op) {
    case 'ScanExec':
    case 'ValuesExec':
      return node;
    case 'ProjectExec': {
      const input = node.input;
      if (input.op !== 'HashJoinExec') return { ...node, input: pruneJoinOutputs(input) };
      const read = firstUses(node.exprs);
      const used = read.length === 0 ? [0] : read; // a batch needs a column to carry its rows
      if (used.length === input.schema.fields.length && used.every((c, i) => c === i)) {
        return { ...node, input: pruneJoinOutputs(input) };
      }
      const join = pruneJoinOutputs(withJoinProjection(input, used)) as HashJoinExec;
      const at = positions(used);
      return projectExec(join, node.exprs.map((e) => remap(e, at)), node.schema);
    }
    case 'HashAggregateExec':
      return pruneUnderAggregate(node);
    case 'HashJoinExec':
      return pruneUnderJoin(node);
    case 'FilterExec':
    case 'SortExec':
    case 'LimitExec':
    case 'WindowExec':
      return { ...node, input: pruneJoinOutputs(node.input) };
    case 'UnionExec':
      return { ...node, inputs: node.inputs.map(pruneJoinOutputs) };
    case 'NestedLoopJoinExec':
      return { ...node, left: pruneJoinOutputs(node.left), right: pruneJoinOutputs(node.right) };
  }
}

function pruneUnderAggregate(agg: HashAggregateExec): ExecNode {
  const input = agg.input;
  if (input.op !== 'HashJoinExec') return { ...agg, input: pruneJoinOutputs(input) };
  const read = [
    ...agg.groupBy,
    ...agg.aggregates.flatMap((a) => [a.arg, a.filter].filter((c): c is number => c !== undefined)),
    ...(agg.where ? firstUses([agg.where]) : []),
  ];
  // COUNT(*) alone reads no column, but a batch still needs one to carry its rows.
  const used = read.length === 0 ? [0] : [...new Set(read)].sort((a, b) => a - b);
  if (used.length === input.schema.fields.length) return { ...agg, input: pruneJoinOutputs(input) };
  const at = positions(used);
  const aggregates = agg.aggregates.map((a): AggregateCall => {
    const call: { -readonly [K in keyof AggregateCall]: AggregateCall[K] } = { ...a };
    if (a.arg !== undefined) call.arg = at.get(a.arg)!;
    if (a.filter !== undefined) call.filter = at.get(a.filter)!;
    return call;
  });
  return {
    ...agg,
    input: pruneJoinOutputs(withJoinProjection(input, used)),
    groupBy: agg.groupBy.map((c) => at.get(c)!),
    aggregates,
    ...(agg.where ? { where: remap(agg.where, at) } : {}),
  };
}

/** Prunes the joins below a join: each side keeps its keys, its residual columns and what the join emits of it. */
function pruneUnderJoin(join: HashJoinExec): ExecNode {
  const leftWidth = join.left.schema.fields.length;
  const emitted = join.projection ?? join.schema.fields.map((_, i) => i);
  const leftUsed = new Set(join.leftKeys);
  const rightUsed = new Set(join.rightKeys);
  const residual = join.condition ? collectColumns(join.condition) : new Set<number>();
  for (const c of [...emitted, ...residual]) {
    if (c < leftWidth) leftUsed.add(c);
    else rightUsed.add(c - leftWidth);
  }
  const prune = (side: ExecNode, used: Set<number>): { node: ExecNode; at: Map<number, number> } | undefined => {
    if (side.op !== 'HashJoinExec' || used.size === side.schema.fields.length) return undefined;
    const cols = [...used].sort((a, b) => a - b);
    return { node: withJoinProjection(side, cols), at: positions(cols) };
  };
  const l = prune(join.left, leftUsed);
  const r = prune(join.right, rightUsed);
  if (!l && !r) return { ...join, left: pruneJoinOutputs(join.left), right: pruneJoinOutputs(join.right) };
  const newLeftWidth = l ? l.at.size : leftWidth;
  const mapPos = (c: number): number =>
    c < leftWidth ? (l ? l.at.get(c)! : c) : newLeftWidth + (r ? r.at.get(c - leftWidth)! : c - leftWidth);
  const rebuilt: HashJoinExec = {
    ...join,
    left: pruneJoinOutputs(l ? l.node : join.left),
    right: pruneJoinOutputs(r ? r.node : join.right),
    leftKeys: join.leftKeys.map((c) => (l ? l.at.get(c)! : c)),
    rightKeys: join.rightKeys.map((c) => (r ? r.at.get(c)! : c)),
  };
  const withCondition: HashJoinExec = join.condition
    ? { ...rebuilt, condition: mapColumns(join.condition, (c) => ({ ...c, index: mapPos(c.index) })) }
    : rebuilt;
  // The emitted columns, now at their new positions; the schema (the emitted fields) is unchanged.
  const { projection: _, ...unprojected } = withCondition;
  return withJoinProjection(unprojected, emitted.map(mapPos));
}

/** The distinct input columns `exprs` read, in order of first use. */
function firstUses(exprs: readonly ScalarExpr[]): number[] {
  const seen = new Set<number>();
  const visit = (e: ScalarExpr): void => {
    if (e.kind === 'column') seen.add(e.index);
    else if (e.kind === 'call') for (const a of e.args) visit(a);
  };
  for (const e of exprs) visit(e);
  return [...seen];
}

function positions(columns: readonly number[]): Map<number, number> {
  return new Map(columns.map((c, i) => [c, i]));
}

function remap(e: ScalarExpr, at: Map<number, number>): ScalarExpr {
  return mapColumns(e, (c) => ({ ...c, index: at.get(c.index)! }));
}
