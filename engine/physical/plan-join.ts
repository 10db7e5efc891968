import { NotImplementedError } from '../errors.js';
import type { ScalarExpr } from '../logical/expression.js';
import { collectColumns, columnRef, conjunction, mapColumns, shiftColumns, splitConjunction } from '../logical/expression-utils.js';
import { joinSchema } from '../logical/plan-builder.js';
import type { Join } from '../logical/plan.js';
import type { ExecNode, HashJoinExec } from './exec-plan.js';
import { PositionalInput } from './positional-input.js';

/** Equi-join keys split out of a join condition, and what remains of it. */
export interface EquiCondition {
  /** Pairs of key expressions: the left one over the left input, the right one over the right input. */
  readonly keys: readonly (readonly [ScalarExpr, ScalarExpr])[];
  /** The conjuncts that are not equi-keys, over left ++ right columns. */
  readonly residual?: ScalarExpr;
}

/**
 * Splits a join condition into equi-join keys (`l = r` conjuncts where one side reads only left
 * columns and the other only right columns) and a residual. The function catalog already cast
 * both sides of each `=` to a common type, so key pairs have equal types.
 */
export function extractEquiKeys(condition: ScalarExpr | undefined, leftWidth: number): EquiCondition {
  const keys: [ScalarExpr, ScalarExpr][] = [];
  const rest: ScalarExpr[] = [];
  const side = (e: ScalarExpr): 'left' | 'right' | 'both' | 'none' => {
    const cols = [...collectColumns(e)];
    if (cols.length === 0) return 'none';
    if (cols.every((c) => c < leftWidth)) return 'left';
    if (cols.every((c) => c >= leftWidth)) return 'right';
    return 'both';
  };
  for (const c of condition ? splitConjunction(condition) : []) {
    if (c.kind === 'call' && c.fn === 'eq') {
      const [a, b] = c.args as [ScalarExpr, ScalarExpr];
      const sa = side(a), sb = side(b);
      if (sa === 'left' && sb === 'right') { keys.push([a, shiftColumns(b, -leftWidth)]); continue; }
      if (sa === 'right' && sb === 'left') { keys.push([b, shiftColumns(a, -leftWidth)]); continue; }
    }
    rest.push(c);
  }
  const residual = conjunction(rest);
  return residual ? { keys, residual } : { keys };
}

/**
 * Plans a Join as a HashJoinExec: key expressions become positions (computed keys, such as a
 * cast to the common type, are projected below the join on their side and dropped above it);
 * the other conjuncts form the residual `condition`. A join without an equi-key is a nested-loop
 * join, which the runtime does not have yet.
 */
export function planJoin(plan: Join, left: ExecNode, right: ExecNode): ExecNode {
  const leftWidth = plan.left.schema.fields.length;
  const { keys, residual } = extractEquiKeys(plan.condition, leftWidth);
  if (keys.length === 0) {
    throw new NotImplementedError(
      'a join without an equality between its two inputs (nested-loop join)',
      'join on at least one condition of the form left_column = right_column',
    );
  }
  const l = new PositionalInput(left);
  const r = new PositionalInput(right);
  const leftKeys = keys.map(([a], i) => l.positionOf(a, `$key${i}`));
  const rightKeys = keys.map(([, b], i) => r.positionOf(b, `$key${i}`));
  const leftExec = l.build();
  const rightExec = r.build();
  const shift = l.extraCount;
  const node: HashJoinExec = {
    op: 'HashJoinExec',
    left: leftExec,
    right: rightExec,
    joinType: plan.joinType,
    leftKeys,
    rightKeys,
    buildSide: plan.buildSide ?? 'right',
    schema: joinSchema(leftExec.schema, rightExec.schema, plan.joinType),
  };
  const join: HashJoinExec = residual
    ? { ...node, condition: shift === 0 ? residual : mapColumns(residual, (c) => (c.index >= leftWidth ? { ...c, index: c.index + shift } : c)) }
    : node;
  if (shift === 0 && r.extraCount === 0) return join;
  // Drop the computed key columns again.
  const fields = join.schema.fields;
  const keep = [...plan.left.schema.fields.map((_, i) => i), ...plan.right.schema.fields.map((_, i) => leftWidth + shift + i)];
  return { op: 'ProjectExec', input: join, exprs: keep.map((i) => columnRef(i, fields[i]!)), schema: plan.schema };
}
