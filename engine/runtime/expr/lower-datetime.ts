import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call } from '../../logical/expression.js';
import { type DataType, DataTypes } from '../../types/data-type.js';
import { castRegister } from './lower-cast.js';
import { literalBytes } from './literal-pool.js';
import type { Lowering } from './lowering.js';
import { AR, FIELD, MODE, OP, RANGE, TIME_DATE, UNIT } from './opcodes.js';
import { UnsupportedExpressionError, timestampPrecision, vmKindOf } from './vm-types.js';

/** The source code of a DATE or TIMESTAMP operand. */
function sourceOf(lw: Lowering, e: Call, t: DataType): number {
  if (t.name === 'DATE') return TIME_DATE;
  if (t.name === 'TIMESTAMP') return timestampPrecision(t);
  throw new UnsupportedExpressionError(`${e.fn} needs a DATE or TIMESTAMP, got ${t.name}: ${lw.text(e)}`);
}

/** extract_*, date_trunc_*, date_add_days, timestamp_add_millis. */
export function lowerDateTime(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  const arg = e.args[0]!;
  const t = arg.type;
  if (e.fn.startsWith('extract_')) {
    const field = FIELD[e.fn.slice('extract_'.length).toUpperCase() as keyof typeof FIELD];
    // Fields are BIGINT (as Flink's EXTRACT); a narrower result type is range-checked.
    const r = lw.b.emit(OP.EXTRACT, lw.b.newRegister(VmKind.I64), -1, lw.lower(arg, guard), field, sourceOf(lw, e, t), VmKind.I64, 0, context);
    return castRegister(lw, r, DataTypes.BIGINT(), e.type, guard, false, context);
  }
  if (e.fn.startsWith('date_trunc_')) {
    const unit = UNIT[e.fn.slice('date_trunc_'.length).toUpperCase() as keyof typeof UNIT];
    const r = lw.b.emit(OP.DATE_TRUNC, lw.b.newRegister(vmKindOf(t)), -1, lw.lower(arg, guard), unit, sourceOf(lw, e, t), 0, 0, context);
    return castRegister(lw, r, t, e.type, guard, false, context);
  }
  const ctx = { ...context, symbol: '+' };
  if (e.fn === 'date_add_days') {
    const days = lw.lower(arg, guard);
    const n = lw.lowerAs(e.args[1]!, DataTypes.INT(), guard);
    return lw.b.emit(OP.ARITH_I32, lw.b.newRegister(VmKind.I32), guard, days, n, AR.ADD, MODE.VV, RANGE.INT, ctx);
  }
  // timestamp_add_millis
  const ts = lw.lower(arg, guard);
  let step = lw.lowerAs(e.args[1]!, DataTypes.BIGINT(), guard);
  if (sourceOf(lw, e, t) === 6) {
    const thousand = lw.b.poolOffset(literalBytes('1000', VmKind.I64));
    step = lw.b.emit(OP.ARITH_I64, lw.b.newRegister(VmKind.I64), guard, step, thousand, AR.MUL, MODE.VS, 0, { ...context, symbol: '*' });
  }
  const r = lw.b.emit(OP.ARITH_I64, lw.b.newRegister(VmKind.I64), guard, ts, step, AR.ADD, MODE.VV, 0, ctx);
  return castRegister(lw, r, t, e.type, guard, false, context);
}
