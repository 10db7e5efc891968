import type { ScalarExpr } from '../logical/expression.js';
import { collectColumns, conjunction, mapColumns, shiftColumns, splitConjunction } from '../logical/expression-utils.js';
import { joinSchema } from '../logical/plan-builder.js';
import type { Join } from '../logical/plan.js';
import type { Schema } from '../types/data-type.js';
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
 * the other conjuncts form the residual `condition`. A join without an equi-key is a
 * NestedLoopJoinExec.
 */
export function planJoin(plan: Join, left: ExecNode, right: ExecNode): ExecNode {
  const leftWidth = plan.left.schema.fields.length;
  const { keys, residual } = extractEquiKeys(plan.condition, leftWidth);
  if (keys.length === 0) {
    const node = { op: 'NestedLoopJoinExec' as const, left, right, joinType: plan.joinType, schema: joinSchema(left.schema, right.schema, plan.joinType) };
    return plan.condition ? { ...node, condition: plan.condition } : node;
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
  // Drop the computed key columns again: the join does not emit them (semi/anti emit the left only).
  const semi = plan.joinType === 'semi' || plan.joinType === 'anti';
  if (semi && shift === 0) return join;
  const keep = [
    ...plan.left.schema.fields.map((_, i) => i),
    ...(semi ? [] : plan.right.schema.fields.map((_, i) => leftWidth + shift + i)),
  ];
  return withJoinProjection(join, keep);
}

/**
 * The schema a join emits before its projection: left ++ right (sides padded to nullable by outer
 * joins), or the left side alone for semi/anti.
 */
export function joinOutputSchema(join: HashJoinExec): Schema {
  if (join.joinType === 'semi' || join.joinType === 'anti') return join.left.schema;
  return joinSchema(join.left.schema, join.right.schema, join.joinType);
}

/**
 * `join` emitting only `columns` (positions of its current output, in that order): an existing
 * projection is composed with the new one, so positions always refer to the current schema.
 */
export function withJoinProjection(join: HashJoinExec, columns: readonly number[]): HashJoinExec {
  const full = joinOutputSchema(join).fields;
  const projection = join.projection ? columns.map((i) => join.projection![i]!) : [...columns];
  for (const i of projection) {
    if (!full[i]) throw new Error(`join projection: position ${i} is outside the join's ${full.length} output columns`);
  }
  return { ...join, projection, schema: { fields: projection.map((i) => full[i]!) } };
}
