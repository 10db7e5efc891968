import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call, Literal } from '../../logical/expression.js';
import { type DataType, typeToString } from '../../types/data-type.js';
import { castFromString, castToString } from './lower-cast-string.js';
import { convertWide } from './lower-decimal128.js';
import { literalBigInt, literalBytes, literalNumber } from './literal-pool.js';
import type { Lowering } from './lowering.js';
import { AR, MODE, OP, ROUND } from './opcodes.js';
import {
  UnsupportedExpressionError, isFloating, isIntegerName, isWideDecimal, precisionBound, rangeOf, scaleOf, timestampPrecision,
  vmKindOf,
} from './vm-types.js';

type Context = ReturnType<Lowering['context']>;

const INT_DIGITS: Record<string, number> = { TINYINT: 3, SMALLINT: 5, INT: 10, BIGINT: 19 };

/** Digits before the decimal point a type can hold (integers and decimals). */
function integerDigits(t: DataType): number {
  return t.name === 'DECIMAL' ? (t.precision ?? 18) - (t.scale ?? 0) : INT_DIGITS[t.name] ?? 19;
}

/** Whether values of `from` are held as values of `to` without any conversion. */
export function sameRepresentation(from: DataType, to: DataType): boolean {
  if (from.name === to.name) {
    switch (from.name) {
      case 'DECIMAL':
        return from.scale === to.scale && (to.precision ?? 18) >= (from.precision ?? 18) && isWideDecimal(from) === isWideDecimal(to);
      case 'TIMESTAMP': return timestampPrecision(from) === timestampPrecision(to);
      default: return true;
    }
  }
  const i32 = ['TINYINT', 'SMALLINT', 'INT'];
  if (i32.includes(from.name) && i32.includes(to.name)) return integerDigits(to) >= integerDigits(from);
  if (from.name === 'FLOAT' && to.name === 'DOUBLE') return true;
  if (from.name === 'BIGINT' && to.name === 'DECIMAL') return to.scale === 0 && (to.precision ?? 18) >= 18 && !isWideDecimal(to);
  return false;
}

/** Whether CAST(from AS to) can fail on some value (and so needs a guard). */
export function castCanFail(from: DataType, to: DataType): boolean {
  if (to.name === 'STRING' || from.name === 'NULL' || from.name === 'BOOLEAN' || sameRepresentation(from, to)) return false;
  if (to.name === 'BOOLEAN') return from.name === 'STRING';
  if (isFloating(to)) return from.name === 'STRING';
  const numeric = (t: DataType) => isIntegerName(t) || t.name === 'DECIMAL';
  if (numeric(from) && numeric(to)) {
    // Narrower integer part, or rounding at a smaller scale that can carry into a full integer part.
    return integerDigits(to) < integerDigits(from) ||
      (to.name === 'DECIMAL' && scaleOf(to) < scaleOf(from) && integerDigits(to) <= integerDigits(from));
  }
  if (from.name === 'TIMESTAMP' && to.name === 'DATE') return false;
  if (from.name === 'DATE' && to.name === 'TIMESTAMP') return false;
  return true;
}

/** cast and try_cast. */
export function lowerCast(lw: Lowering, e: Call, guard: number): number {
  const arg = e.args[0]!;
  const tryMode = e.fn === 'try_cast';
  const context = lw.context(e, { target: typeToString(e.type), scales: [scaleOf(arg.type)] });
  if (arg.kind === 'literal' && !tryMode) {
    const bytes = literalAs(arg, e.type);
    if (bytes !== undefined) return lw.b.constant(vmKindOf(e.type), bytes, lw.text(e));
  }
  return castRegister(lw, lw.lower(arg, guard), arg.type, e.type, guard, tryMode, context);
}

/**
 * Register `r` (of type `from`) converted to `to`. Shared when the same conversion was asked
 * before (under the same guard when it can fail).
 */
export function castRegister(lw: Lowering, r: number, from: DataType, to: DataType, guard: number, tryMode: boolean, context: Context): number {
  if (from.name === 'NULL') return lw.nullOf(to);
  if (sameRepresentation(from, to)) return r;
  const fails = !tryMode && castCanFail(from, to);
  const key = `cast:${r}:${typeToString(to)}:${tryMode ? 'try' : ''}:${fails ? guard : ''}`;
  const hit = lw.b.memo.get(key);
  if (hit !== undefined) return hit;
  const out = convert(lw, r, from, to, fails ? guard : -1, tryMode, context);
  lw.b.memo.set(key, out);
  return out;
}

function emit(lw: Lowering, op: number, kind: VmKind, guard: number, a: number, b: number, c: number, d: number, e: number, context: Context): number {
  return lw.b.emit(op, lw.b.newRegister(kind), guard, a, b, c, d, e, context);
}

function convert(lw: Lowering, r: number, from: DataType, to: DataType, guard: number, tryMode: boolean, ctx: Context): number {
  const t = tryMode ? 1 : 0;
  const wide = convertWide(lw, r, from, to, guard, tryMode, ctx);
  if (wide !== undefined) return wide;
  if (from.name === 'STRING') return castFromString(lw, r, to, guard, tryMode, ctx);
  if (to.name === 'STRING') return castToString(lw, r, from, ctx);
  const fk = vmKindOf(from);
  switch (to.name) {
    case 'BOOLEAN':
      if (fk === VmKind.I32 || fk === VmKind.I64 || fk === VmKind.F64) return emit(lw, OP.CAST_TO_BOOL, VmKind.BOOL, -1, r, fk, 0, 0, 0, ctx);
      break;
    case 'TINYINT': case 'SMALLINT': case 'INT': {
      if (fk === VmKind.BOOL) return emit(lw, OP.CAST_BOOL_TO, VmKind.I32, -1, r, VmKind.I32, 0, 0, 0, ctx);
      if (fk === VmKind.F64) return emit(lw, OP.CAST_F64_INT, VmKind.I32, guard, r, VmKind.I32, rangeOf(to), t, 0, ctx);
      if (from.name === 'DATE' || from.name === 'TIMESTAMP') break;
      if (fk === VmKind.I32) return emit(lw, OP.CAST_RANGE_I32, VmKind.I32, guard, r, 0, rangeOf(to), t, 0, ctx);
      const whole = from.name === 'DECIMAL' ? rescaleOp(lw, r, -scaleOf(from), 0, guard, t, ROUND.TRUNC, ctx) : r;
      return emit(lw, OP.CAST_I64_I32, VmKind.I32, guard, whole, 0, rangeOf(to), t, 0, ctx);
    }
    case 'BIGINT': case 'DECIMAL': {
      const s = scaleOf(to);
      const p = precisionBound(to);
      if (fk === VmKind.BOOL) return emit(lw, OP.CAST_BOOL_TO, VmKind.I64, -1, r, VmKind.I64, s, 0, 0, ctx);
      if (fk === VmKind.F64) {
        if (to.name === 'BIGINT') return emit(lw, OP.CAST_F64_INT, VmKind.I64, guard, r, VmKind.I64, 0, t, 0, ctx);
        return emit(lw, OP.CAST_F64_DEC, VmKind.I64, guard, r, s, p, t, 0, ctx);
      }
      if (from.name === 'DATE' || from.name === 'TIMESTAMP') break;
      const wide = fk === VmKind.I32 ? emit(lw, OP.CAST_I32_I64, VmKind.I64, -1, r, 0, 0, 0, 0, ctx) : r;
      const k = s - scaleOf(from);
      const rounding = to.name === 'BIGINT' ? ROUND.TRUNC : ROUND.HALF_UP;
      if (k === 0 && p === 0) return wide;
      return rescaleOp(lw, wide, k, p, guard, t, rounding, ctx);
    }
    case 'FLOAT': case 'DOUBLE': {
      let d: number;
      if (fk === VmKind.F64) d = r;
      else if (fk === VmKind.BOOL || fk === VmKind.I32 || fk === VmKind.I64) {
        if (from.name === 'DATE' || from.name === 'TIMESTAMP') break;
        d = emit(lw, OP.CAST_TO_F64, VmKind.F64, -1, r, fk, scaleOf(from), 0, 0, ctx);
      } else break;
      return to.name === 'FLOAT' ? lw.unary(OP.FROUND, d, VmKind.F64, ctx) : d;
    }
    case 'DATE':
      if (from.name === 'TIMESTAMP') return emit(lw, OP.TS_TO_DATE, VmKind.I32, -1, r, timestampPrecision(from), 0, 0, 0, ctx);
      break;
    case 'TIMESTAMP': {
      const p = timestampPrecision(to);
      if (from.name === 'TIMESTAMP') {
        const k = p - timestampPrecision(from);
        return rescaleOp(lw, r, k, 0, guard, t, ROUND.FLOOR, ctx);
      }
      if (from.name === 'DATE') {
        const wide = emit(lw, OP.CAST_I32_I64, VmKind.I64, -1, r, 0, 0, 0, 0, ctx);
        const perDay = lw.b.poolOffset(literalBytes(p === 6 ? '86400000000' : '86400000', VmKind.I64));
        return emit(lw, OP.ARITH_I64, VmKind.I64, guard, wide, perDay, AR.MUL, MODE.VS, 0, ctx);
      }
      break;
    }
  }
  throw new UnsupportedExpressionError(`cannot cast ${typeToString(from)} to ${typeToString(to)}`);
}

function rescaleOp(lw: Lowering, r: number, k: number, precision: number, guard: number, t: number, rounding: number, ctx: Context): number {
  return emit(lw, OP.RESCALE, VmKind.I64, guard, r, k, precision, t, rounding, ctx);
}

/**
 * The constant-pool bytes of literal `e` converted to `type` at compile time, null for a NULL
 * literal, or undefined when the conversion is left to run time (it may fail, or is not simple).
 */
export function literalAs(e: Literal, type: DataType): Uint8Array | null | undefined {
  if (e.value === null) return null;
  const from = e.type;
  const kind = vmKindOf(type);
  if (sameRepresentation(from, type)) return literalBytes(e.value, kind);
  const numeric = (t: DataType) => isIntegerName(t) || t.name === 'DECIMAL';
  if (numeric(from) && numeric(type)) {
    const k = scaleOf(type) - scaleOf(from);
    if (k < 0) return undefined;
    const v = literalBigInt(e.value) * 10n ** BigInt(k);
    const limit = 10n ** BigInt(integerDigits(type) + scaleOf(type));
    if (v >= limit || v <= -limit) return undefined;
    if (kind === VmKind.I32) return literalBytes(Number(v), kind);
    return literalBytes(v.toString(), kind);
  }
  if (numeric(from) && isFloating(type)) {
    const v = from.name === 'DECIMAL' ? Number(literalBigInt(e.value)) / 10 ** scaleOf(from) : literalNumber(e.value);
    return literalBytes(type.name === 'FLOAT' ? Math.fround(v) : v, kind);
  }
  if (from.name === 'FLOAT' && type.name === 'DOUBLE') return literalBytes(e.value, kind);
  if (from.name === 'TIMESTAMP' && type.name === 'TIMESTAMP' && timestampPrecision(type) > timestampPrecision(from)) {
    return literalBytes((literalBigInt(e.value) * 1000n).toString(), kind);
  }
  if (from.name === 'DATE' && type.name === 'TIMESTAMP') {
    const perDay = timestampPrecision(type) === 6 ? 86400000000n : 86400000n;
    return literalBytes((BigInt(literalNumber(e.value)) * perDay).toString(), kind);
  }
  return undefined;
}
