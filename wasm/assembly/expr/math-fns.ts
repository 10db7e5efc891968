// Logarithms, trigonometry and TRUNCATE of doubles, as Java's Math (Flink's): LOG2(x) is
// ln(x)/ln(2) and LOG(b, x) is ln(x)/ln(b), not a native log2; DEGREES and RADIANS multiply by
// Java's constants. TRUNCATE cuts the shortest decimal form of the double (BigDecimal.valueOf).
import { decimalDigits, shortestDigit, shortestExp } from './dtoa';
import { nullsOr, regNulls, regOwnValues, regValues, setReg, vecLen } from './state';

export const MF_LOG10: i32 = 0;
export const MF_LOG2: i32 = 1;
export const MF_SIN: i32 = 2;
export const MF_COS: i32 = 3;
export const MF_TAN: i32 = 4;
export const MF_ASIN: i32 = 5;
export const MF_ACOS: i32 = 6;
export const MF_ATAN: i32 = 7;
export const MF_DEGREES: i32 = 8;
export const MF_RADIANS: i32 = 9;
export const MF_ATAN2: i32 = 10;
export const MF_LOG: i32 = 11;

function unary(fn: i32, x: f64): f64 {
  switch (fn) {
    case MF_LOG10: return Math.log10(x);
    case MF_LOG2: return Math.log(x) / Math.log(2.0);
    case MF_SIN: return Math.sin(x);
    case MF_COS: return Math.cos(x);
    case MF_TAN: return Math.tan(x);
    case MF_ASIN: return Math.asin(x);
    case MF_ACOS: return Math.acos(x);
    case MF_ATAN: return Math.atan(x);
    case MF_DEGREES: return x * 57.29577951308232;
    case MF_RADIANS: return x * 0.017453292519943295;
    default: return Math.log(x); // MF_LOG of one argument
  }
}

/** MATH_FN dst <- function c of a (and of b, a register or -1, for ATAN2(a, b) and LOG(base a, b)). */
export function op_math_fn(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const fn = load<i32>(ins, 20);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  if (b < 0) {
    for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), unary(fn, load<f64>(pa + (<usize>i << 3))));
    setReg(dst, out, regNulls(a));
    return;
  }
  const pb = regValues(b);
  for (let i = 0; i < n; i++) {
    const x = load<f64>(pa + (<usize>i << 3));
    const y = load<f64>(pb + (<usize>i << 3));
    store<f64>(out + (<usize>i << 3), fn == MF_ATAN2 ? Math.atan2(x, y) : Math.log(y) / Math.log(x));
  }
  setReg(dst, out, nullsOr(dst, regNulls(a), regNulls(b)));
}

/** x truncated toward zero at d decimal digits of its shortest decimal form (d < 0: tens, hundreds...). */
function truncateDouble(x: f64, d: i32): f64 {
  if (x != x || x == 0 || Math.abs(x) == Infinity) return x;
  if (d > 340) return x;
  decimalDigits(x);
  const t = shortestExp() + d; // digits kept before the cut
  if (t <= 0) return 0.0;
  if (t >= 17) return x; // a double has at most 17 significant digits: nothing is cut
  let q: f64 = 0;
  for (let i = 0; i < t; i++) q = q * 10 + <f64>shortestDigit(i);
  if (q == 0) return 0.0;
  const r = d >= 0 ? q / Math.pow(10, <f64>d) : q * Math.pow(10, <f64>-d);
  return x < 0 ? -r : r;
}

/** TRUNCATE_F64 dst <- a truncated at b (I32 register) digits. */
export function op_truncate_f64(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const n = vecLen();
  const pa = regValues(a);
  const pb = regValues(b);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), truncateDouble(load<f64>(pa + (<usize>i << 3)), load<i32>(pb + (<usize>i << 2))));
  setReg(dst, out, nullsOr(dst, regNulls(a), regNulls(b)));
}
