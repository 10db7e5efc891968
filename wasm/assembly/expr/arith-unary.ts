// Negation and absolute value over I32 (within the result type's range), I64 and F64 registers:
// the most negative integer has no positive counterpart, so negating it is an overflow.
import { rangeLo } from './arith';
import { ERR_OVERFLOW, raiseI64 } from './errors';
import { guardActive, isNullAt, regNulls, regOwnValues, regValues, setReg, vecLen } from './state';

const I64_MIN: i64 = <i64>0x8000000000000000;

/** NEG_I32 / ABS_I32 dst <- -a / |a| within RANGE e. */
export function op_neg_abs_i32(ins: usize, abs: bool): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const range = load<i32>(ins, 28);
  const n = vecLen();
  const pa = regValues(a);
  const nulls = regNulls(a);
  const out = regOwnValues(dst);
  const lo = rangeLo(range);
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x = load<i32>(pa + (<usize>i << 2));
    const r: i32 = abs ? (x < 0 ? -x : x) : -x;
    store<i32>(out + (<usize>i << 2), r);
    bad |= <i64>x == lo;
  }
  setReg(dst, out, nulls);
  if (!bad) return;
  for (let i = 0; i < n; i++) {
    const x = <i64>load<i32>(pa + (<usize>i << 2));
    if (x == lo && !isNullAt(nulls, i) && guardActive(guard, i)) {
      raiseI64(ERR_OVERFLOW, i, x, 0, false);
      return;
    }
  }
}

/** NEG_I64 / ABS_I64 dst <- -a / |a|. */
export function op_neg_abs_i64(ins: usize, abs: bool): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const pa = regValues(a);
  const nulls = regNulls(a);
  const out = regOwnValues(dst);
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x = load<i64>(pa + (<usize>i << 3));
    store<i64>(out + (<usize>i << 3), abs ? (x < 0 ? -x : x) : -x);
    bad |= x == I64_MIN;
  }
  setReg(dst, out, nulls);
  if (!bad) return;
  for (let i = 0; i < n; i++) {
    const x = load<i64>(pa + (<usize>i << 3));
    if (x == I64_MIN && !isNullAt(nulls, i) && guardActive(guard, i)) {
      raiseI64(ERR_OVERFLOW, i, x, 0, false);
      return;
    }
  }
}

/** NEG_F64 / ABS_F64 dst <- -a / |a|. */
export function op_neg_abs_f64(ins: usize, abs: bool): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  if (abs) for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), Math.abs(load<f64>(pa + (<usize>i << 3))));
  else for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), -load<f64>(pa + (<usize>i << 3)));
  setReg(dst, out, regNulls(a));
}
