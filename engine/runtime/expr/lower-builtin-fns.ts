import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { BuiltinFunction } from '../../logical/builtin-functions.js';
import { DEFAULT_TIMESTAMP_PATTERN, encodeDateTimePattern, parseDateTimePattern } from '../../logical/datetime-pattern.js';
import type { Call } from '../../logical/expression.js';
import { DataTypes } from '../../types/data-type.js';
import { rescale } from './lower-arith.js';
import { castRegister } from './lower-cast.js';
import { constantString, lowerStringFunction, wordBytes } from './lower-string-fns.js';
import { literalBytes } from './literal-pool.js';
import type { Lowering } from './lowering.js';
import { AR, CMP, MODE, OP, ROUND } from './opcodes.js';
import { UnsupportedExpressionError, isFloating, precisionBound, scaleOf, timestampPrecision, vmKindOf } from './vm-types.js';

const D = DataTypes.DOUBLE();
const MATH_FN: Partial<Record<BuiltinFunction, number>> = {
  log10: 0, log2: 1, sin: 2, cos: 3, tan: 4, asin: 5, acos: 6, atan: 7, degrees: 8, radians: 9, atan2: 10, log: 11,
};
const DIFF_UNIT: Partial<Record<BuiltinFunction, number>> = {
  timestampdiff_second: 0, timestampdiff_minute: 1, timestampdiff_hour: 2, timestampdiff_day: 3,
  timestampdiff_week: 4, timestampdiff_month: 5, timestampdiff_quarter: 6, timestampdiff_year: 7,
};
const CMP_OP: Partial<Record<VmKind, number>> = {
  [VmKind.BOOL]: OP.CMP_BOOL, [VmKind.I32]: OP.CMP_I32, [VmKind.I64]: OP.CMP_I64, [VmKind.F64]: OP.CMP_F64, [VmKind.STR]: OP.CMP_STR,
};
const WIDTH: Partial<Record<VmKind, number>> = { [VmKind.BOOL]: 1, [VmKind.I32]: 4, [VmKind.I64]: 8, [VmKind.F64]: 8, [VmKind.STR]: 8 };

/** Whether the call's own instructions can raise (overflow of ×1000, a difference beyond INT, a decimal rescale). */
export function builtinCanFail(e: Call): boolean {
  if (e.fn === 'from_unixtime' || e.fn in DIFF_UNIT) return true;
  return e.fn === 'truncate' && !isFloating(e.type);
}

/** GREATEST / LEAST: pairwise compare-and-select, NULL when any argument is NULL. */
function lowerGreatestLeast(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  const kind = vmKindOf(e.type);
  const cmp = CMP_OP[kind];
  if (cmp === undefined) throw new UnsupportedExpressionError(`${e.fn.toUpperCase()} of ${e.type.name}: ${lw.text(e)}`);
  const regs = e.args.map((a) => lw.lower(a, guard));
  let acc = regs[0]!;
  let anyNull = -1;
  for (const r of regs) {
    const isNull = lw.unary(OP.IS_NULL, r, VmKind.BOOL, context);
    anyNull = anyNull < 0 ? isNull : lw.b.emit(OP.OR, lw.b.newRegister(VmKind.BOOL), -1, anyNull, isNull, 0, 0, 0, context);
  }
  for (const r of regs.slice(1)) {
    const better = lw.b.emit(cmp, lw.b.newRegister(VmKind.BOOL), -1, r, acc, e.fn === 'greatest' ? CMP.GT : CMP.LT, MODE.VV, 0, context);
    const take = lw.unary(OP.IS_TRUE, better, VmKind.BOOL, context);
    acc = lw.b.emit(OP.SELECT, lw.b.newRegister(kind), -1, take, r, acc, WIDTH[kind]!, 0, context);
  }
  return lw.b.emit(OP.SELECT, lw.b.newRegister(kind), -1, anyNull, lw.nullOf(e.type), acc, WIDTH[kind]!, 0, context);
}

/** TRUNCATE(x[, digits]): doubles on their shortest decimal form; exact numbers by a truncating rescale. */
function lowerTruncate(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  const x = e.args[0]!;
  const digitsArg = e.args[1];
  if (isFloating(x.type)) {
    const digits = digitsArg ? lw.lowerAs(digitsArg, DataTypes.INT(), guard) : lw.b.constant(VmKind.I32, literalBytes(0, VmKind.I32), '0');
    const r = lw.b.emit(OP.TRUNCATE_F64, lw.b.newRegister(VmKind.F64), -1, lw.lowerAs(x, D, guard), digits, 0, 0, 0, context);
    return castRegister(lw, r, D, e.type, guard, false, context);
  }
  if (digitsArg && (digitsArg.kind !== 'literal' || digitsArg.value === null)) {
    throw new UnsupportedExpressionError(`TRUNCATE of an exact number needs literal digits: ${lw.text(e)}`);
  }
  const digits = digitsArg ? Number(digitsArg.value) : 0;
  const scale = scaleOf(x.type);
  const r = x.type.name === 'DECIMAL' || x.type.name === 'BIGINT' ? lw.lower(x, guard) : lw.lowerAs(x, DataTypes.BIGINT(), guard);
  if (digits >= scale) return e.type.name === 'DECIMAL' ? r : castRegister(lw, r, DataTypes.BIGINT(), e.type, guard, false, context);
  const cut = rescale(lw, r, digits - scale, 0, guard, false, ROUND.TRUNC, context);
  const target = scaleOf(e.type);
  const out = target === digits ? cut : rescale(lw, cut, target - digits, precisionBound(e.type), guard, false, ROUND.TRUNC, context);
  return e.type.name === 'DECIMAL' ? out : castRegister(lw, out, DataTypes.BIGINT(), e.type, guard, false, context);
}

/** Pool offset of a date-time pattern. */
function patternOffset(lw: Lowering, pattern: string): number {
  return lw.b.poolOffset(wordBytes(encodeDateTimePattern(parseDateTimePattern(pattern))));
}

/** DATE_PARSE of `r` (STR); mode 0 TIMESTAMP(3), 1 DATE, 2 epoch seconds; flags 1 trailing text, 2 default-form fallback. */
function parse(lw: Lowering, e: Call, r: number, pattern: string | undefined, flags: number, mode: number): number {
  const kind = mode === 1 ? VmKind.I32 : VmKind.I64;
  const off = pattern === undefined ? -1 : patternOffset(lw, pattern);
  return lw.b.emit(OP.DATE_PARSE, lw.b.newRegister(kind), -1, r, off, 0, flags, mode, lw.context(e));
}

/** date_format, to_timestamp, to_date, unix_timestamp, from_unixtime, timestampdiff_*. */
function lowerDateTimeFunction(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  const fmtArg = e.fn in DIFF_UNIT ? undefined : e.args[1];
  const fmt = fmtArg === undefined ? undefined : constantString(lw, e, fmtArg, 'date-time pattern');
  if (fmt === null) return lw.nullOf(e.type);
  const S = DataTypes.STRING();
  switch (e.fn) {
    case 'date_format': {
      const x = e.args[0]!;
      let ts: number, precision: number;
      if (x.type.name === 'STRING') {
        ts = parse(lw, e, lw.lowerAs(x, S, guard), DEFAULT_TIMESTAMP_PATTERN, 1, 0);
        precision = 3;
      } else {
        ts = lw.lower(x, guard);
        precision = timestampPrecision(x.type);
      }
      return lw.b.emit(OP.DATE_FORMAT, lw.b.newRegister(VmKind.STR), -1, ts, patternOffset(lw, fmt!), precision, 0, 0, context);
    }
    case 'to_timestamp': return parse(lw, e, lw.lowerAs(e.args[0]!, S, guard), fmt, fmt === undefined ? 0 : 2, 0);
    case 'to_date': return parse(lw, e, lw.lowerAs(e.args[0]!, S, guard), fmt, fmt === undefined ? 0 : 1, 1);
    case 'unix_timestamp': return parse(lw, e, lw.lowerAs(e.args[0]!, S, guard), fmt ?? DEFAULT_TIMESTAMP_PATTERN, 1, 2);
    case 'from_unixtime': {
      const secs = lw.lowerAs(e.args[0]!, DataTypes.BIGINT(), guard);
      const thousand = lw.b.poolOffset(literalBytes('1000', VmKind.I64));
      const ms = lw.b.emit(OP.ARITH_I64, lw.b.newRegister(VmKind.I64), guard, secs, thousand, AR.MUL, MODE.VS, 0, { ...context, symbol: '*' });
      return lw.b.emit(OP.DATE_FORMAT, lw.b.newRegister(VmKind.STR), -1, ms, patternOffset(lw, fmt ?? DEFAULT_TIMESTAMP_PATTERN), 3, 0, 0, context);
    }
  }
  const t3 = DataTypes.TIMESTAMP(3);
  const a = lw.lowerAs(e.args[0]!, t3, guard);
  const b = lw.lowerAs(e.args[1]!, t3, guard);
  const diff = lw.b.emit(OP.TS_DIFF, lw.b.newRegister(VmKind.I64), -1, a, b, DIFF_UNIT[e.fn as BuiltinFunction]!, 0, 0, context);
  return castRegister(lw, diff, DataTypes.BIGINT(), e.type, guard, false, context);
}

/** Lowers a call of a function of builtin-functions.ts by its family. */
export function lowerBuiltin(lw: Lowering, e: Call, guard: number): number {
  const fn = e.fn as BuiltinFunction;
  const mathFn = MATH_FN[fn];
  if (mathFn !== undefined) {
    const a = lw.lowerAs(e.args[0]!, D, guard);
    const b = e.args[1] ? lw.lowerAs(e.args[1], D, guard) : -1;
    const r = lw.b.emit(OP.MATH_FN, lw.b.newRegister(VmKind.F64), -1, a, b, mathFn, 0, 0, lw.context(e));
    return castRegister(lw, r, D, e.type, guard, false, lw.context(e));
  }
  if (fn === 'greatest' || fn === 'least') return lowerGreatestLeast(lw, e, guard);
  if (fn === 'truncate') return lowerTruncate(lw, e, guard);
  if (fn === 'date_format' || fn === 'to_timestamp' || fn === 'to_date' || fn === 'unix_timestamp' || fn === 'from_unixtime' || fn in DIFF_UNIT) {
    return lowerDateTimeFunction(lw, e, guard);
  }
  return lowerStringFunction(lw, e, guard);
}
