// Math functions of doubles (IEEE: SQRT and LN of a negative are NaN, LN(0) is -Infinity),
// ROUND of doubles HALF_UP on the shortest decimal (as Flink), and SIGN of integers/decimals.
import { roundHalfUpScaled, roundedFits } from './cast-num';
import { M_CEIL, M_EXP, M_FLOOR, M_LN, M_SIGN, M_SQRT, VK_I32 } from './opcodes';
import { nullsOr, regNulls, regOwnValues, regValues, setReg, vecLen } from './state';

// @ts-ignore: decorator
@inline function mathLoop(fn: i32, pa: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x = load<f64>(pa + (<usize>i << 3));
    let r: f64;
    if (fn == 0) r = Math.sqrt(x);
    else if (fn == 1) r = Math.log(x);
    else if (fn == 2) r = Math.exp(x);
    else if (fn == 3) r = Math.floor(x);
    else if (fn == 4) r = Math.ceil(x);
    else r = x > 0 ? 1.0 : x < 0 ? -1.0 : x; // keeps NaN and -0
    store<f64>(out + (<usize>i << 3), r);
  }
}

/** MATH_F64 dst <- function b of a. */
export function op_math_f64(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const fn = load<i32>(ins, 16);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  switch (fn) {
    case M_SQRT: mathLoop(0, pa, out, n); break;
    case M_LN: mathLoop(1, pa, out, n); break;
    case M_EXP: mathLoop(2, pa, out, n); break;
    case M_FLOOR: mathLoop(3, pa, out, n); break;
    case M_CEIL: mathLoop(4, pa, out, n); break;
    default: mathLoop(5, pa, out, n); break;
  }
  setReg(dst, out, regNulls(a));
}

/** POWER dst <- a ^ b. */
export function op_power(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const n = vecLen();
  const pa = regValues(a);
  const pb = regValues(b);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), Math.pow(load<f64>(pa + (<usize>i << 3)), load<f64>(pb + (<usize>i << 3))));
  setReg(dst, out, nullsOr(dst, regNulls(a), regNulls(b)));
}

/** x rounded HALF_UP at `d` digits (negative: tens, hundreds...). */
function roundDouble(x: f64, d: i32): f64 {
  if (x != x || x == 0 || Math.abs(x) == Infinity) return x;
  if (d > 330) return x;
  if (d < -330) return x * 0;
  const q = roundHalfUpScaled(x, d);
  if (!roundedFits()) return x; // more digits than a double holds at this scale: nothing to round
  const r = d >= 0 ? q / Math.pow(10, <f64>d) : q * Math.pow(10, <f64>-d);
  return r == 0 ? (x < 0 ? -0.0 : 0.0) : r;
}

/** ROUND_F64 dst <- a rounded at b digits. */
export function op_round_f64(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const n = vecLen();
  const pa = regValues(a);
  const pb = regValues(b);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), roundDouble(load<f64>(pa + (<usize>i << 3)), load<i32>(pb + (<usize>i << 2))));
  setReg(dst, out, nullsOr(dst, regNulls(a), regNulls(b)));
}

/** SIGN_INT dst <- sign of a (kind b) as kind c, times 10^d (a decimal one). */
export function op_sign_int(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const from = load<i32>(ins, 16);
  const to = load<i32>(ins, 20);
  let one: i64 = 1;
  for (let k = 0; k < load<i32>(ins, 24); k++) one *= 10;
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) {
    const x: i64 = from == VK_I32 ? <i64>load<i32>(pa + (<usize>i << 2)) : load<i64>(pa + (<usize>i << 3));
    const s: i64 = x > 0 ? one : x < 0 ? -one : 0;
    if (to == VK_I32) store<i32>(out + (<usize>i << 2), <i32>s);
    else store<i64>(out + (<usize>i << 3), s);
  }
  setReg(dst, out, regNulls(a));
}
