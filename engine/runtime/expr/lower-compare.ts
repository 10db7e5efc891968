import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call, ScalarExpr } from '../../logical/expression.js';
import { type DataType, DataTypes } from '../../types/data-type.js';
import type { Lowering } from './lowering.js';
import { CMP, MODE, OP } from './opcodes.js';
import {
  UnsupportedExpressionError, isFloating, isIntegerName, isWideDecimal, scaleOf, timestampPrecision, vmKindOf,
} from './vm-types.js';

const CMP_OF: Record<string, number> = {
  eq: CMP.EQ, ne: CMP.NE, lt: CMP.LT, le: CMP.LE, gt: CMP.GT, ge: CMP.GE,
  is_distinct_from: CMP.DISTINCT, is_not_distinct_from: CMP.NOT_DISTINCT,
};

/** The comparison that holds with the operands swapped (a < b ⇔ b > a). */
const FLIPPED: Record<number, number> = {
  [CMP.EQ]: CMP.EQ, [CMP.NE]: CMP.NE, [CMP.LT]: CMP.GT, [CMP.LE]: CMP.GE, [CMP.GT]: CMP.LT, [CMP.GE]: CMP.LE,
  [CMP.DISTINCT]: CMP.DISTINCT, [CMP.NOT_DISTINCT]: CMP.NOT_DISTINCT,
};

const OPCODE_OF_KIND: Record<number, number> = {
  [VmKind.BOOL]: OP.CMP_BOOL, [VmKind.I32]: OP.CMP_I32, [VmKind.I64]: OP.CMP_I64, [VmKind.F64]: OP.CMP_F64, [VmKind.STR]: OP.CMP_STR,
  [VmKind.I128]: OP.CMP_I128,
};

/**
 * The type two operands are compared in. The planner normally makes them equal; this also
 * aligns decimal scales, integer widths, timestamp precisions and DATE against TIMESTAMP.
 */
export function comparisonType(a: DataType, b: DataType): DataType {
  if (a.name === 'NULL') return b;
  if (b.name === 'NULL') return a;
  if (a.name === b.name && a.scale === b.scale && a.precision === b.precision) return a;
  if (isFloating(a) || isFloating(b)) return DataTypes.DOUBLE();
  const numeric = (t: DataType) => isIntegerName(t) || t.name === 'DECIMAL';
  if (numeric(a) && numeric(b)) {
    if (a.name === 'DECIMAL' || b.name === 'DECIMAL') {
      return DataTypes.DECIMAL(isWideDecimal(a) || isWideDecimal(b) ? 38 : 18, Math.max(scaleOf(a), scaleOf(b)));
    }
    return a.name === 'BIGINT' || b.name === 'BIGINT' ? DataTypes.BIGINT() : DataTypes.INT();
  }
  if ((a.name === 'TIMESTAMP' || a.name === 'DATE') && (b.name === 'TIMESTAMP' || b.name === 'DATE')) {
    const p = Math.max(a.name === 'TIMESTAMP' ? timestampPrecision(a) : 3, b.name === 'TIMESTAMP' ? timestampPrecision(b) : 3);
    return DataTypes.TIMESTAMP(p as 3 | 6);
  }
  if (a.name === b.name) return a;
  throw new UnsupportedExpressionError(`cannot compare ${a.name} with ${b.name}`);
}

/** Emits the comparison `x (cmp) y` into a BOOL register. */
export function emitComparison(lw: Lowering, cmp: number, x: ScalarExpr, y: ScalarExpr, guard: number, context: ReturnType<Lowering['context']>): number {
  const t = comparisonType(x.type, y.type);
  const opcode = OPCODE_OF_KIND[vmKindOf(t)]!;
  const dst = lw.b.newRegister(VmKind.BOOL);
  const ys = lw.scalarOperand(y, t);
  if (ys !== undefined) return lw.b.emit(opcode, dst, guard, lw.lowerAs(x, t, guard), ys, cmp, MODE.VS, 0, context);
  const xs = lw.scalarOperand(x, t);
  if (xs !== undefined) return lw.b.emit(opcode, dst, guard, lw.lowerAs(y, t, guard), xs, FLIPPED[cmp]!, MODE.VS, 0, context);
  const a = lw.lowerAs(x, t, guard);
  return lw.b.emit(opcode, dst, guard, a, lw.lowerAs(y, t, guard), cmp, MODE.VV, 0, context);
}

/** eq, ne, lt, le, gt, ge, is_distinct_from, is_not_distinct_from. */
export function lowerComparison(lw: Lowering, e: Call, guard: number): number {
  const [x, y] = e.args as [ScalarExpr, ScalarExpr];
  return emitComparison(lw, CMP_OF[e.fn]!, x, y, guard, lw.context(e));
}
