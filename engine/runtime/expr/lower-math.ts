import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call } from '../../logical/expression.js';
import { type DataType, DataTypes } from '../../types/data-type.js';
import { rescale } from './lower-arith.js';
import { castRegister } from './lower-cast.js';
import { literalBytes, literalNumber } from './literal-pool.js';
import { lowerWideMath } from './lower-decimal128.js';
import type { Lowering } from './lowering.js';
import { MATH, OP, ROUND } from './opcodes.js';
import { UnsupportedExpressionError, isFloating, isWideDecimal, precisionBound, scaleOf, vmKindOf } from './vm-types.js';

const D = DataTypes.DOUBLE();

/** A DOUBLE result as the call's type (FLOAT rounds to single precision). */
function asResult(lw: Lowering, r: number, e: Call, guard: number): number {
  return castRegister(lw, r, D, e.type, guard, false, lw.context(e));
}

/**
 * The I64 register of an exact (integer or decimal) value `r` of type `from` at scale `atScale`,
 * converted to the call's result type (integers through BIGINT, with a range check).
 */
function exactResult(lw: Lowering, r: number, atScale: number, e: Call, guard: number): number {
  const ctx = lw.context(e);
  const t = e.type;
  if (isFloating(t)) return castRegister(lw, r, DataTypes.DECIMAL(18, Math.max(atScale, 0)), t, guard, false, ctx);
  const ts = scaleOf(t);
  const out = ts === atScale ? r : rescale(lw, r, ts - atScale, precisionBound(t), guard, false, ROUND.HALF_UP, ctx);
  return t.name === 'DECIMAL' ? out : castRegister(lw, out, DataTypes.BIGINT(), t, guard, false, ctx);
}

/** An exact argument as I64 (integers widened). */
function exactArg(lw: Lowering, e: Call, guard: number): { r: number; scale: number } {
  const a = e.args[0]!;
  const r = a.type.name === 'DECIMAL' || a.type.name === 'BIGINT' ? lw.lower(a, guard) : lw.lowerAs(a, DataTypes.BIGINT(), guard);
  return { r, scale: scaleOf(a.type) };
}

/** round, floor, ceil, power, sqrt, ln, exp, sign. */
export function lowerMath(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  const x = e.args[0]!;
  const floating = isFloating(x.type) || ['power', 'sqrt', 'ln', 'exp'].includes(e.fn);
  if (floating) {
    const a = lw.lowerAs(x, D, guard);
    const math = (fn: number) => lw.b.emit(OP.MATH_F64, lw.b.newRegister(VmKind.F64), -1, a, fn, 0, 0, 0, context);
    switch (e.fn) {
      case 'sqrt': return asResult(lw, math(MATH.SQRT), e, guard);
      case 'ln': return asResult(lw, math(MATH.LN), e, guard);
      case 'exp': return asResult(lw, math(MATH.EXP), e, guard);
      case 'floor': return asResult(lw, math(MATH.FLOOR), e, guard);
      case 'ceil': return asResult(lw, math(MATH.CEIL), e, guard);
      case 'sign': return asResult(lw, math(MATH.SIGN), e, guard);
      case 'power': {
        const b = lw.lowerAs(e.args[1]!, D, guard);
        return asResult(lw, lw.b.emit(OP.POWER, lw.b.newRegister(VmKind.F64), -1, a, b, 0, 0, 0, context), e, guard);
      }
      default: {
        const digits = e.args[1] ? lw.lowerAs(e.args[1], DataTypes.INT(), guard) : lw.b.constant(VmKind.I32, literalBytes(0, VmKind.I32), '0');
        return asResult(lw, lw.b.emit(OP.ROUND_F64, lw.b.newRegister(VmKind.F64), -1, a, digits, 0, 0, 0, context), e, guard);
      }
    }
  }
  if (isWideDecimal(x.type) || isWideDecimal(e.type)) return lowerWideMath(lw, e, guard);
  const { r, scale } = exactArg(lw, e, guard);
  switch (e.fn) {
    case 'floor': case 'ceil': {
      if (scale === 0) return exactResult(lw, r, 0, e, guard);
      const whole = rescale(lw, r, -scale, 0, guard, false, e.fn === 'floor' ? ROUND.FLOOR : ROUND.CEIL, context);
      return exactResult(lw, whole, 0, e, guard);
    }
    case 'sign': {
      const t: DataType = e.type;
      const kind = vmKindOf(t);
      if (kind !== VmKind.I32 && kind !== VmKind.I64) throw new UnsupportedExpressionError(`SIGN as ${t.name}: ${lw.text(e)}`);
      return lw.b.emit(OP.SIGN_INT, lw.b.newRegister(kind), -1, r, VmKind.I64, kind, scaleOf(t), 0, context);
    }
    default: {
      const d = e.args[1];
      if (d && (d.kind !== 'literal' || d.value === null)) {
        throw new UnsupportedExpressionError(`ROUND of an exact number needs literal digits: ${lw.text(e)}`);
      }
      const digits = d ? literalNumber(d.value) : 0;
      if (digits >= scale) return exactResult(lw, r, scale, e, guard);
      return exactResult(lw, rescale(lw, r, digits - scale, 0, guard, false, ROUND.HALF_UP, context), digits, e, guard);
    }
  }
}
