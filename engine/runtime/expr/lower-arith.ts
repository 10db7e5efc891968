import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call, ScalarExpr } from '../../logical/expression.js';
import { type DataType, DataTypes } from '../../types/data-type.js';
import { isWideArithmetic, lowerWideArithmetic } from './lower-decimal128.js';
import type { Lowering } from './lowering.js';
import { AR, MODE, OP, ROUND } from './opcodes.js';
import { UnsupportedExpressionError, isFloating, precisionBound, rangeOf, scaleOf, vmKindOf } from './vm-types.js';

const SUB_OP: Record<string, number> = { plus: AR.ADD, minus: AR.SUB, times: AR.MUL, divide: AR.DIV, mod: AR.MOD };
const SYMBOL: Record<string, string> = { plus: '+', minus: '-', times: '*', divide: '/', mod: '%' };

/** A decimal view of an operand type (integers are DECIMAL(18, 0)). */
function asDecimal(t: DataType): DataType {
  return t.name === 'DECIMAL' ? t : DataTypes.DECIMAL(18, 0);
}

/**
 * Emits `opcode dst <- x (sub) y` with both operands converted to `operandType`, using the
 * scalar-operand forms when one side is a literal.
 */
export function emitBinary(
  lw: Lowering, opcode: number, dstKind: VmKind, x: ScalarExpr, y: ScalarExpr, operandType: DataType,
  guard: number, sub: number, e: number, context: ReturnType<Lowering['context']>,
): number {
  const dst = lw.b.newRegister(dstKind);
  const ys = lw.scalarOperand(y, operandType);
  if (ys !== undefined) {
    return lw.b.emit(opcode, dst, guard, lw.lowerAs(x, operandType, guard), ys, sub, MODE.VS, e, context);
  }
  const xs = lw.scalarOperand(x, operandType);
  if (xs !== undefined) {
    return lw.b.emit(opcode, dst, guard, xs, lw.lowerAs(y, operandType, guard), sub, MODE.SV, e, context);
  }
  const a = lw.lowerAs(x, operandType, guard);
  return lw.b.emit(opcode, dst, guard, a, lw.lowerAs(y, operandType, guard), sub, MODE.VV, e, context);
}

/** RESCALE of an I64 register by 10^k (k < 0 divides with `rounding`), bounded by `precision`. */
export function rescale(lw: Lowering, r: number, k: number, precision: number, guard: number, tryMode: boolean, rounding: number, context: ReturnType<Lowering['context']>): number {
  return lw.b.emit(OP.RESCALE, lw.b.newRegister(VmKind.I64), guard, r, k, precision, tryMode ? 1 : 0, rounding, context);
}

/** plus, minus, times, divide, mod. */
export function lowerArithmetic(lw: Lowering, e: Call, guard: number): number {
  const [x, y] = e.args as [ScalarExpr, ScalarExpr];
  const t = e.type;
  const sub = SUB_OP[e.fn]!;
  const context = lw.context(e, { symbol: SYMBOL[e.fn] });
  if (isFloating(t)) {
    const r = emitBinary(lw, OP.ARITH_F64, VmKind.F64, x, y, DataTypes.DOUBLE(), guard, sub, 0, context);
    return t.name === 'FLOAT' ? lw.unary(OP.FROUND, r, VmKind.F64, context) : r;
  }
  if (t.name === 'BIGINT') return emitBinary(lw, OP.ARITH_I64, VmKind.I64, x, y, t, guard, sub, 0, context);
  if (t.name === 'TINYINT' || t.name === 'SMALLINT' || t.name === 'INT') {
    return emitBinary(lw, OP.ARITH_I32, VmKind.I32, x, y, t, guard, sub, rangeOf(t), context);
  }
  if (t.name === 'DECIMAL' && isWideArithmetic(e)) return lowerWideArithmetic(lw, e, x, y, guard, sub, context);
  if (t.name === 'DECIMAL') return lowerDecimalArithmetic(lw, e, x, y, guard, sub, context);
  throw new UnsupportedExpressionError(`arithmetic on ${t.name} is not supported: ${lw.text(e)}`);
}

function lowerDecimalArithmetic(
  lw: Lowering, e: Call, x: ScalarExpr, y: ScalarExpr, guard: number, sub: number, context: ReturnType<Lowering['context']>,
): number {
  const s = scaleOf(e.type);
  const p = precisionBound(e.type);
  const tx = asDecimal(x.type);
  const ty = asDecimal(y.type);
  const sx = scaleOf(tx);
  const sy = scaleOf(ty);
  const ctx = { ...context, scales: [sx, sy] };
  switch (sub) {
    case AR.ADD: case AR.SUB: {
      const operand = DataTypes.DECIMAL(18, s);
      return emitBinary(lw, OP.ARITH_I64, VmKind.I64, x, y, operand, guard, sub, p, { ...context, scales: [s, s] });
    }
    case AR.MUL: {
      const k = sx + sy - s;
      if (k >= 0) return emitBinaryWithSecondType(lw, OP.DEC_MUL, x, y, tx, ty, guard, k, p, ctx);
      const raw = emitBinaryWithSecondType(lw, OP.DEC_MUL, x, y, tx, ty, guard, 0, 0, ctx);
      return rescale(lw, raw, -k, p, guard, false, ROUND.HALF_UP, ctx);
    }
    case AR.DIV:
      return emitBinaryWithSecondType(lw, OP.DEC_DIV, x, y, tx, ty, guard, s - sx + sy, p, ctx);
    default: {
      const ms = Math.max(sx, sy);
      const operand = DataTypes.DECIMAL(18, ms);
      const r = emitBinary(lw, OP.ARITH_I64, VmKind.I64, x, y, operand, guard, AR.MOD, 0, { ...context, scales: [ms, ms] });
      return ms === s ? r : rescale(lw, r, s - ms, p, guard, false, ROUND.HALF_UP, ctx);
    }
  }
}

/** Like emitBinary, but the operands keep their own types (DEC_MUL/DEC_DIV handle the scales). */
function emitBinaryWithSecondType(
  lw: Lowering, opcode: number, x: ScalarExpr, y: ScalarExpr, tx: DataType, ty: DataType, guard: number,
  k: number, p: number, context: ReturnType<Lowering['context']>,
): number {
  const dst = lw.b.newRegister(VmKind.I64);
  const ys = lw.scalarOperand(y, ty);
  if (ys !== undefined) return lw.b.emit(opcode, dst, guard, lw.lowerAs(x, tx, guard), ys, k, MODE.VS, p, context);
  const xs = lw.scalarOperand(x, tx);
  if (xs !== undefined) return lw.b.emit(opcode, dst, guard, xs, lw.lowerAs(y, ty, guard), k, MODE.SV, p, context);
  const a = lw.lowerAs(x, tx, guard);
  return lw.b.emit(opcode, dst, guard, a, lw.lowerAs(y, ty, guard), k, MODE.VV, p, context);
}

/** negate, abs. */
export function lowerUnaryArithmetic(lw: Lowering, e: Call, guard: number): number {
  const t = e.type;
  const abs = e.fn === 'abs';
  const context = lw.context(e, { symbol: abs ? 'ABS' : '-', scales: [scaleOf(t)] });
  const a = lw.lowerAs(e.args[0]!, t, guard);
  switch (vmKindOf(t)) {
    case VmKind.I32:
      return lw.b.emit(abs ? OP.ABS_I32 : OP.NEG_I32, lw.b.newRegister(VmKind.I32), guard, a, 0, 0, 0, rangeOf(t), context);
    case VmKind.I64:
      return lw.b.emit(abs ? OP.ABS_I64 : OP.NEG_I64, lw.b.newRegister(VmKind.I64), guard, a, 0, 0, 0, 0, context);
    case VmKind.F64:
      return lw.b.emit(abs ? OP.ABS_F64 : OP.NEG_F64, lw.b.newRegister(VmKind.F64), guard, a, 0, 0, 0, 0, context);
    case VmKind.I128:
      return lw.b.emit(abs ? OP.ABS_I128 : OP.NEG_I128, lw.b.newRegister(VmKind.I128), guard, a, 0, 0, 0, 0, context);
    default:
      throw new UnsupportedExpressionError(`${e.fn} of ${t.name} is not supported: ${lw.text(e)}`);
  }
}
