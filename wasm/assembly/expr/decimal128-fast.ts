// The 64-bit fast path of DECIMAL(p > 18) products, sums and differences. Most wide decimals hold
// small values (TPC-H's price * (1 - discount) is a DECIMAL(31, 4) below 2^40), so before the
// 128-bit row loop one pass over the vector bounds every operand's magnitude (the OR of |value|
// over all rows, NULL rows included); when that bound proves each row's exact result fits i64 and
// stays below the precision bound, the rows run as i64 arithmetic and widen to I128 by sign
// extension. No row of such a vector can fail, so the output is bit-identical to the 128-bit loop
// (which stores the same exact result on every row), and vectors outside the bound keep that loop.
// The passes run two rows per v128 (i64x2 lanes; an I128 operand's low words are paired by a
// shuffle), with a scalar last row when the vector's length is odd.
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
  if (stride == 0) return magnitudeOne128(base);
  let acc = i64x2.splat(0);
  let wide = i64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const p = base + (<usize>i << 4);
    const a = v128.load(p);
    const b = v128.load(p, 16);
    const lo = v128.shuffle<i64>(a, b, 0, 2);
    const hi = v128.shuffle<i64>(a, b, 1, 3);
    wide = v128.or(wide, v128.xor(hi, i64x2.shr_s(lo, 63)));
    acc = v128.or(acc, i64x2.abs(lo));
  }
  if (v128.any_true(wide)) return WIDE_BITS;
  let bits = bitsOf(<u64>i64x2.extract_lane(acc, 0) | <u64>i64x2.extract_lane(acc, 1));
  if (i < n) {
    const last = magnitudeOne128(base + (<usize>i << 4));
    if (last > bits) bits = last;
  }
  return bits;
}

function magnitudeOne128(p: usize): i32 {
  const lo = load<i64>(p);
  return load<u64>(p, 8) != <u64>(lo >> 63) ? WIDE_BITS : bitsOf(absBits(lo));
}

/** Magnitude bits of an I64 operand over n rows (stride 0: one constant). */
export function magnitudeBits64(base: usize, stride: usize, n: i32): i32 {
  if (stride == 0) return bitsOf(absBits(load<i64>(base)));
  let acc = i64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) acc = v128.or(acc, i64x2.abs(v128.load(base + (<usize>i << 3))));
  let all = <u64>i64x2.extract_lane(acc, 0) | <u64>i64x2.extract_lane(acc, 1);
  if (i < n) all |= absBits(load<i64>(base + (<usize>i << 3)));
  return bitsOf(all);
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

/** Operand values of rows i and i + 1 as i64x2 lanes (stride 0: the constant, 8: I64, 16: I128 low words). */
// @ts-ignore: decorator
@inline function pairAt(base: usize, stride: usize, i: i32): v128 {
  if (stride == 0) return i64x2.splat(load<i64>(base));
  if (stride == 8) return v128.load(base + (<usize>i << 3));
  const p = base + (<usize>i << 4);
  return v128.shuffle<i64>(v128.load(p), v128.load(p, 16), 0, 2);
}

/** Operand value of row i as i64. */
// @ts-ignore: decorator
@inline function valueAt(base: usize, stride: usize, i: i32): i64 {
  return load<i64>(base + <usize>i * stride);
}

/** Stores the i64 r at row i of an I128 vector, sign-extended. */
// @ts-ignore: decorator
@inline function storeWide(out: usize, i: i32, r: i64): void {
  const p = out + (<usize>i << 4);
  store<i64>(p, r);
  store<i64>(p, r >> 63, 8);
}

/** Stores the lanes of r as rows i and i + 1 of an I128 vector, sign-extended. */
// @ts-ignore: decorator
@inline function storeWidePair(out: usize, i: i32, r: v128): void {
  const sign = i64x2.shr_s(r, 63);
  const p = out + (<usize>i << 4);
  v128.store(p, v128.shuffle<i64>(r, sign, 0, 2));
  v128.store(p, v128.shuffle<i64>(r, sign, 1, 3), 16);
}

const OP_MUL: i32 = 0;
const OP_ADD: i32 = 1;
const OP_SUB: i32 = 2;

/** The row loop of `op` for operand strides xs and ys (inlined per constant stride pair). */
// @ts-ignore: decorator
@inline function rowsLoop(op: i32, out: usize, xb: usize, xs: usize, yb: usize, ys: usize, n: i32): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const x = pairAt(xb, xs, i);
    const y = pairAt(yb, ys, i);
    storeWidePair(out, i, op == OP_MUL ? i64x2.mul(x, y) : op == OP_ADD ? i64x2.add(x, y) : i64x2.sub(x, y));
  }
  if (i < n) {
    const x = valueAt(xb, xs, i);
    const y = valueAt(yb, ys, i);
    storeWide(out, i, op == OP_MUL ? x * y : op == OP_ADD ? x + y : x - y);
  }
}

/** rowsLoop specialised to the operand shapes: both vectors, or one of them a constant. */
// @ts-ignore: decorator
@inline function rowsByShape(op: i32, out: usize, xb: usize, xs: usize, yb: usize, ys: usize, n: i32): void {
  if (xs == 16 && ys == 16) rowsLoop(op, out, xb, 16, yb, 16, n);
  else if (xs == 16) rowsLoop(op, out, xb, 16, yb, 0, n);
  else if (ys == 16) rowsLoop(op, out, xb, 0, yb, 16, n);
  else if (xs == 8 && ys == 8) rowsLoop(op, out, xb, 8, yb, 8, n);
  else if (xs == 8) rowsLoop(op, out, xb, 8, yb, 0, n);
  else rowsLoop(op, out, xb, 0, yb, 8, n);
}

/**
 * out[i] = x[i] * y[i] for operands read as i64 at the given bases and strides (16: an I128
 * operand's low word, which the caller has checked is the whole value; 8: I64; 0: a constant).
 * Exact when productFits.
 */
export function mulRows64(out: usize, xb: usize, xs: usize, yb: usize, ys: usize, n: i32): void {
  rowsByShape(OP_MUL, out, xb, xs, yb, ys, n);
}

/**
 * out[i] = round(x[i] * y[i] / 10^k) half away from zero (Java's HALF_UP), k in 1..18, for
 * operands whose exact products fit i64 (productFits).
 */
export function mulScaleDownRows64(out: usize, xb: usize, xs: usize, yb: usize, ys: usize, n: i32, k: i32): void {
  let d: u64 = 1;
  for (let j = 0; j < k; j++) d *= 10;
  for (let i = 0; i < n; i++) {
    const r = valueAt(xb, xs, i) * valueAt(yb, ys, i);
    const m = absBits(r);
    let q = m / d;
    const rem = m - q * d;
    if (rem >= d - rem) q++;
    storeWide(out, i, r < 0 ? -<i64>q : <i64>q);
  }
}

/** out[i] = x[i] + y[i] (sub: x[i] - y[i]) for I128 operands (strides 16 or 0) that fit i64 with sumFits. */
export function addSubRows64(out: usize, xb: usize, xs: usize, yb: usize, ys: usize, n: i32, sub: bool): void {
  if (sub) rowsByShape(OP_SUB, out, xb, xs, yb, ys, n);
  else rowsByShape(OP_ADD, out, xb, xs, yb, ys, n);
}
