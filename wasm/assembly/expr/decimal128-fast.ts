// The 64-bit fast path of DECIMAL(p > 18) products, sums and differences. Most wide decimals hold
// small values (TPC-H's price * (1 - discount) is a DECIMAL(31, 4) below 2^40), so before the
// 128-bit row loop one pass over the vector bounds every operand's magnitude (the OR of |value|
// over all rows, NULL rows included); when that bound proves each row's exact result fits i64 and
// stays below the precision bound, the rows run as i64 arithmetic and widen to I128 by sign
// extension. No row of such a vector can fail, so the output is bit-identical to the 128-bit loop
// (which stores the same exact result on every row), and vectors outside the bound keep that loop.
import { pool, regValues } from './state';

/** Magnitude bits of an operand holding a value outside (-2^63, 2^63): never fast. */
export const WIDE_BITS: i32 = 64;

/** Bits of the OR of |v| (0 for all zeros); |i64.MIN| = 2^63 counts as 64 bits. */
// @ts-ignore: decorator
@inline function bitsOf(acc: u64): i32 {
  return 64 - <i32>clz<u64>(acc);
}

// @ts-ignore: decorator
@inline function absBits(x: i64): u64 {
  const m = x >> 63;
  return <u64>((x ^ m) - m);
}

/** Values of operand `reg` of a binary instruction: the pool constant when `mode` is `scalar`. */
// @ts-ignore: decorator
@inline export function operandBase(mode: i32, scalar: i32, reg: i32): usize {
  return mode == scalar ? pool(reg) : regValues(reg);
}

/** Bytes between rows of an operand of `width` bytes: 0 for the pool constant. */
// @ts-ignore: decorator
@inline export function operandStride(mode: i32, scalar: i32, width: usize): usize {
  return mode == scalar ? 0 : width;
}

/**
 * Magnitude bits of an I128 operand over n rows (stride 0: one constant): the bit length of the
 * largest |value|, or WIDE_BITS when some value is not an i64 (high word not the low word's sign).
 */
export function magnitudeBits128(base: usize, stride: usize, n: i32): i32 {
  const rows = stride == 0 ? 1 : n;
  let acc: u64 = 0;
  let wide: u64 = 0;
  for (let i = 0; i < rows; i++) {
    const p = base + <usize>i * stride;
    const lo = load<i64>(p);
    wide |= load<u64>(p, 8) ^ <u64>(lo >> 63);
    acc |= absBits(lo);
  }
  return wide != 0 ? WIDE_BITS : bitsOf(acc);
}

/** Magnitude bits of an I64 operand over n rows (stride 0: one constant). */
export function magnitudeBits64(base: usize, stride: usize, n: i32): i32 {
  const rows = stride == 0 ? 1 : n;
  let acc: u64 = 0;
  for (let i = 0; i < rows; i++) acc |= absBits(load<i64>(base + <usize>i * stride));
  return bitsOf(acc);
}

/** Whether precision bound p (the instruction's e field) admits every i64: none, or 10^p > 2^63. */
// @ts-ignore: decorator
@inline export function boundAdmitsI64(p: i32): bool {
  return p <= 0 || p >= 19;
}

/** Whether products of operands of ba and bb magnitude bits all fit i64 (|x * y| < 2^(ba + bb) <= 2^63). */
// @ts-ignore: decorator
@inline export function productFits(ba: i32, bb: i32): bool {
  return ba + bb <= 63;
}

/** Whether sums and differences of operands of ba and bb magnitude bits all fit i64 (< 2^63). */
// @ts-ignore: decorator
@inline export function sumFits(ba: i32, bb: i32): bool {
  return ba <= 62 && bb <= 62;
}

/** Stores the i64 r at row i of an I128 vector, sign-extended. */
// @ts-ignore: decorator
@inline function storeWide(out: usize, i: i32, r: i64): void {
  const p = out + (<usize>i << 4);
  store<i64>(p, r);
  store<i64>(p, r >> 63, 8);
}

/**
 * out[i] = x[i] * y[i] for operands read as i64 at the given bases and strides (an I128 operand's
 * low word: callers have checked it is the whole value). Exact when productFits.
 */
export function mulRows64(out: usize, xb: usize, xs: usize, yb: usize, ys: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    storeWide(out, i, load<i64>(xb + <usize>i * xs) * load<i64>(yb + <usize>i * ys));
  }
}

/**
 * out[i] = round(x[i] * y[i] / 10^k) half away from zero (Java's HALF_UP), k in 1..18, for
 * operands whose exact products fit i64 (productFits).
 */
export function mulScaleDownRows64(out: usize, xb: usize, xs: usize, yb: usize, ys: usize, n: i32, k: i32): void {
  let d: u64 = 1;
  for (let j = 0; j < k; j++) d *= 10;
  for (let i = 0; i < n; i++) {
    const r = load<i64>(xb + <usize>i * xs) * load<i64>(yb + <usize>i * ys);
    const m = absBits(r);
    let q = m / d;
    const rem = m - q * d;
    if (rem >= d - rem) q++;
    storeWide(out, i, r < 0 ? -<i64>q : <i64>q);
  }
}

/** out[i] = x[i] + y[i] (sub: x[i] - y[i]) for I128 operands that fit i64 with sumFits. */
export function addSubRows64(out: usize, xb: usize, xs: usize, yb: usize, ys: usize, n: i32, sub: bool): void {
  if (sub) {
    for (let i = 0; i < n; i++) storeWide(out, i, load<i64>(xb + <usize>i * xs) - load<i64>(yb + <usize>i * ys));
  } else {
    for (let i = 0; i < n; i++) storeWide(out, i, load<i64>(xb + <usize>i * xs) + load<i64>(yb + <usize>i * ys));
  }
}
