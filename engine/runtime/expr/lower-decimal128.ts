import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call, ScalarExpr } from '../../logical/expression.js';
import { type DataType, DataTypes, typeToString } from '../../types/data-type.js';
import { emitBinary } from './lower-arith.js';
import { castRegister } from './lower-cast.js';
import { literalBytes, literalNumber } from './literal-pool.js';
import type { Lowering } from './lowering.js';
import { AR, CMP, MODE, OP, ROUND } from './opcodes.js';
import {
  UnsupportedExpressionError, isFloating, isWideDecimal, precisionBound, rangeOf, scaleOf, vmKindOf,
} from './vm-types.js';

/**
 * Lowering of DECIMAL(p > 18), held unscaled in I128 registers (two little-endian words per
 * row): arithmetic with Flink's result types (the catalog derives them; the kernels round HALF_UP
 * and bound the result by 10^precision), conversions to and from every numeric type and STRING,
 * and ROUND/FLOOR/CEIL/SIGN. An operation runs on I128 when its result or an operand is wide;
 * narrow operands are widened first, and a narrow result is narrowed back at the end.
 */

type Context = ReturnType<Lowering['context']>;

/** DECIMAL(38, s): the I128 working type of a value at scale s. */
export function wideAt(s: number): DataType {
  return DataTypes.DECIMAL(38, s);
}

/** Whether arithmetic call `e` runs on I128 registers. */
export function isWideArithmetic(e: Call): boolean {
  return isWideDecimal(e.type) || e.args.some((a) => isWideDecimal(a.type));
}

function emit(lw: Lowering, op: number, kind: VmKind, guard: number, a: number, b: number, c: number, d: number, e: number, ctx: Context): number {
  return lw.b.emit(op, lw.b.newRegister(kind), guard, a, b, c, d, e, ctx);
}

/** An I128 result at the call's type: narrowed to I64 when the type is DECIMAL(p <= 18). */
function asResultKind(lw: Lowering, r: number, t: DataType, ctx: Context): number {
  return isWideDecimal(t) ? r : emit(lw, OP.NARROW_I128, VmKind.I64, -1, r, 0, precisionBound(t), 0, 0, ctx);
}

/** Operand `e` as the operand type of a wide operation (a literal becomes a scalar operand). */
function binaryWithTypes(
  lw: Lowering, opcode: number, dstKind: VmKind, x: ScalarExpr, y: ScalarExpr, tx: DataType, ty: DataType,
  guard: number, c: number, e: number, ctx: Context,
): number {
  const dst = lw.b.newRegister(dstKind);
  const ys = lw.scalarOperand(y, ty);
  if (ys !== undefined) return lw.b.emit(opcode, dst, guard, lw.lowerAs(x, tx, guard), ys, c, MODE.VS, e, ctx);
  const xs = lw.scalarOperand(x, tx);
  if (xs !== undefined) return lw.b.emit(opcode, dst, guard, xs, lw.lowerAs(y, ty, guard), c, MODE.SV, e, ctx);
  const a = lw.lowerAs(x, tx, guard);
  return lw.b.emit(opcode, dst, guard, a, lw.lowerAs(y, ty, guard), c, MODE.VV, e, ctx);
}

/** The I64 view of a narrow exact operand type (integers as DECIMAL(19, 0)). */
function narrowDecimal(t: DataType): DataType {
  return t.name === 'DECIMAL' ? t : DataTypes.DECIMAL(18, 0);
}

/** plus, minus, times, divide, mod when the result or an operand is a wide decimal. */
export function lowerWideArithmetic(lw: Lowering, e: Call, x: ScalarExpr, y: ScalarExpr, guard: number, sub: number, context: Context): number {
  const t = e.type;
  const s = scaleOf(t);
  const p = precisionBound(t);
  const sx = scaleOf(x.type);
  const sy = scaleOf(y.type);
  const ctx = { ...context, scales: [sx, sy] };
  let r: number;
  switch (sub) {
    case AR.ADD: case AR.SUB:
      r = emitBinary(lw, OP.ARITH_I128, VmKind.I128, x, y, wideAt(s), guard, sub, p, { ...context, scales: [s, s] });
      break;
    case AR.MUL: {
      const k = sx + sy - s;
      const narrow = (a: ScalarExpr) => !isWideDecimal(a.type) && (a.type.name === 'DECIMAL' || vmKindOf(a.type) === VmKind.I32 || a.type.name === 'BIGINT');
      if (k === 0 && narrow(x) && narrow(y)) {
        // Two I64 decimals: the exact product always fits 128 bits.
        r = binaryWithTypes(lw, OP.MUL_I64_I128, VmKind.I128, x, y, narrowDecimal(x.type), narrowDecimal(y.type), guard, 0, p, ctx);
      } else if (k >= 0) {
        r = binaryWithTypes(lw, OP.DEC128_MUL, VmKind.I128, x, y, wideAt(sx), wideAt(sy), guard, k, p, ctx);
      } else {
        const raw = binaryWithTypes(lw, OP.DEC128_MUL, VmKind.I128, x, y, wideAt(sx), wideAt(sy), guard, 0, 0, ctx);
        r = emit(lw, OP.RESCALE_I128, VmKind.I128, guard, raw, -k, p, 0, ROUND.HALF_UP, { ...context, scales: [sx + sy] });
      }
      break;
    }
    case AR.DIV:
      r = binaryWithTypes(lw, OP.DEC128_DIV, VmKind.I128, x, y, wideAt(sx), wideAt(sy), guard, s - sx + sy, p, ctx);
      break;
    default: {
      const ms = Math.max(sx, sy);
      r = emitBinary(lw, OP.ARITH_I128, VmKind.I128, x, y, wideAt(ms), guard, AR.MOD, 0, { ...context, scales: [ms, ms] });
      if (ms !== s) r = emit(lw, OP.RESCALE_I128, VmKind.I128, guard, r, s - ms, p, 0, ROUND.HALF_UP, { ...context, scales: [ms] });
    }
  }
  return asResultKind(lw, r, t, ctx);
}

/**
 * CAST between types when either side is held in I128; undefined when neither is (the caller's
 * conversions apply).
 */
export function convertWide(lw: Lowering, r: number, from: DataType, to: DataType, guard: number, tryMode: boolean, ctx: Context): number | undefined {
  if (!isWideDecimal(from) && !isWideDecimal(to)) return undefined;
  const t = tryMode ? 1 : 0;
  if (isWideDecimal(from)) {
    const sf = scaleOf(from);
    switch (to.name) {
      case 'STRING': return emit(lw, OP.CAST_I128_STR, VmKind.STR, -1, r, sf, 0, 0, 0, ctx);
      case 'BOOLEAN': {
        const zero = lw.b.poolOffset(literalBytes(0, VmKind.I128));
        return emit(lw, OP.CMP_I128, VmKind.BOOL, -1, r, zero, CMP.NE, MODE.VS, 0, ctx);
      }
      case 'FLOAT': case 'DOUBLE': {
        const d = emit(lw, OP.CAST_I128_F64, VmKind.F64, -1, r, sf, 0, 0, 0, ctx);
        return to.name === 'FLOAT' ? lw.unary(OP.FROUND, d, VmKind.F64, ctx) : d;
      }
      case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': {
        const whole = sf === 0 ? r : emit(lw, OP.RESCALE_I128, VmKind.I128, guard, r, -sf, 0, t, ROUND.TRUNC, ctx);
        const wctx = { ...ctx, scales: [0] };
        const big = emit(lw, OP.NARROW_I128, VmKind.I64, guard, whole, 0, 0, t, 0, wctx);
        if (to.name === 'BIGINT') return big;
        return emit(lw, OP.CAST_I64_I32, VmKind.I32, guard, big, 0, rangeOf(to), t, 0, wctx);
      }
      case 'DECIMAL': {
        const k = scaleOf(to) - sf;
        const p = precisionBound(to);
        const scaled = emit(lw, OP.RESCALE_I128, VmKind.I128, guard, r, k, p, t, ROUND.HALF_UP, ctx);
        return isWideDecimal(to) ? scaled : emit(lw, OP.NARROW_I128, VmKind.I64, -1, scaled, 0, p, 0, 0, ctx);
      }
    }
    throw new UnsupportedExpressionError(`cannot cast ${typeToString(from)} to ${typeToString(to)}`);
  }
  // A narrow type into DECIMAL(p > 18).
  const st = scaleOf(to);
  const pt = precisionBound(to);
  const fk = vmKindOf(from);
  if (from.name === 'STRING') return emit(lw, OP.CAST_STR_I128, VmKind.I128, guard, r, st, pt, t, 0, ctx);
  if (fk === VmKind.F64) return emit(lw, OP.CAST_F64_I128, VmKind.I128, guard, r, st, pt, t, 0, ctx);
  let wide: number;
  let sf = scaleOf(from);
  if (fk === VmKind.BOOL) {
    const one = emit(lw, OP.CAST_BOOL_TO, VmKind.I64, -1, r, VmKind.I64, 0, 0, 0, ctx);
    wide = emit(lw, OP.WIDEN_I128, VmKind.I128, -1, one, VmKind.I64, 0, 0, 0, ctx);
    sf = 0;
  } else if ((fk === VmKind.I32 || fk === VmKind.I64) && from.name !== 'DATE' && from.name !== 'TIMESTAMP') {
    wide = emit(lw, OP.WIDEN_I128, VmKind.I128, -1, r, fk, 0, 0, 0, ctx);
  } else {
    throw new UnsupportedExpressionError(`cannot cast ${typeToString(from)} to ${typeToString(to)}`);
  }
  const k = st - sf;
  const digits = (x: DataType) => (x.name === 'DECIMAL' ? precisionBound(x) - scaleOf(x) : x.name === 'BIGINT' ? 19 : 10);
  if (k === 0 && fk !== VmKind.BOOL && digits(from) <= pt - st) return wide;
  return emit(lw, OP.RESCALE_I128, VmKind.I128, guard, wide, k, pt, t, ROUND.HALF_UP, ctx);
}

/** round, floor, ceil and sign when the argument or the result is a wide decimal. */
export function lowerWideMath(lw: Lowering, e: Call, guard: number): number {
  const ctx = lw.context(e);
  const x = e.args[0]!;
  const scale = scaleOf(x.type);
  const r = lw.lowerAs(x, wideAt(scale), guard);
  const t = e.type;
  const result = (reg: number, atScale: number) => castRegister(lw, reg, wideAt(atScale), t, guard, false, ctx);
  switch (e.fn) {
    case 'floor': case 'ceil': {
      if (scale === 0) return result(r, 0);
      const whole = emit(lw, OP.RESCALE_I128, VmKind.I128, guard, r, -scale, 0, 0, e.fn === 'floor' ? ROUND.FLOOR : ROUND.CEIL, ctx);
      return result(whole, 0);
    }
    case 'round': {
      const d = e.args[1];
      if (d && (d.kind !== 'literal' || d.value === null)) {
        throw new UnsupportedExpressionError(`ROUND of an exact number needs literal digits: ${lw.text(e)}`);
      }
      const digits = d ? literalNumber(d.value) : 0;
      if (digits >= scale) return result(r, scale);
      const rounded = emit(lw, OP.RESCALE_I128, VmKind.I128, guard, r, digits - scale, 0, 0, ROUND.HALF_UP, ctx);
      return result(rounded, digits);
    }
    case 'sign': {
      if (isFloating(t) || t.name !== 'DECIMAL') throw new UnsupportedExpressionError(`SIGN as ${t.name}: ${lw.text(e)}`);
      const zero = lw.b.poolOffset(literalBytes(0, VmKind.I128));
      const gt = emit(lw, OP.CMP_I128, VmKind.BOOL, -1, r, zero, CMP.GT, MODE.VS, 0, ctx);
      const lt = emit(lw, OP.CMP_I128, VmKind.BOOL, -1, r, zero, CMP.LT, MODE.VS, 0, ctx);
      const g = emit(lw, OP.CAST_BOOL_TO, VmKind.I64, -1, gt, VmKind.I64, 0, 0, 0, ctx);
      const l = emit(lw, OP.CAST_BOOL_TO, VmKind.I64, -1, lt, VmKind.I64, 0, 0, 0, ctx);
      const sign = emit(lw, OP.ARITH_I64, VmKind.I64, -1, g, l, AR.SUB, MODE.VV, 0, ctx);
      return castRegister(lw, sign, DataTypes.BIGINT(), t, guard, false, ctx);
    }
    default:
      throw new UnsupportedExpressionError(`${e.fn} of ${typeToString(x.type)} is not supported: ${lw.text(e)}`);
  }
}
