// SIMD (v128) forms of the GT and EQ comparison primitives for I32, I64 and F64 operands in
// every mode (VV, VS: b is the scalar c, SV: a is the scalar c): 8 rows per step, lane masks gathered with bitmask and spread back to one byte
// per row. Measured ~2x the scalar loop for doubles, whose NaN-aware comparison costs several
// scalar instructions per row. Rows past the last multiple of 8 are left to the scalar loop.

/** Spreads the 8 bits of `bits` (bit k = row k) into 8 bytes of 0/1. */
// @ts-ignore: decorator
@inline export function spread8(bits: u64): u64 {
  const t = (bits * 0x0101010101010101) & 0x8040201008040201;
  return ((t + 0x7F7F7F7F7F7F7F7F) >> 7) & 0x0101010101010101;
}

// @ts-ignore: decorator
@inline function f64Mask(gt: bool, x: v128, y: v128): v128 {
  // NaN is the greatest double and equals itself.
  if (gt) return v128.or(f64x2.gt(x, y), v128.and(f64x2.ne(x, x), f64x2.eq(y, y)));
  return v128.or(f64x2.eq(x, y), v128.and(f64x2.ne(x, x), f64x2.ne(y, y)));
}

/** F64 GT/EQ over rows [0, n & ~7); returns the number of rows done.  */
// @ts-ignore: decorator
@inline export function simdF64(gt: bool, mode: i32, pa: usize, pb: usize, c: f64, out: usize, n: i32, neg: u64): i32 {
  const cv = f64x2.splat(c);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = pa + (<usize>i << 3);
    const q = pb + (<usize>i << 3);
    const m0 = f64Mask(gt, mode == 2 ? cv : v128.load(p), mode == 1 ? cv : v128.load(q));
    const m1 = f64Mask(gt, mode == 2 ? cv : v128.load(p, 16), mode == 1 ? cv : v128.load(q, 16));
    const m2 = f64Mask(gt, mode == 2 ? cv : v128.load(p, 32), mode == 1 ? cv : v128.load(q, 32));
    const m3 = f64Mask(gt, mode == 2 ? cv : v128.load(p, 48), mode == 1 ? cv : v128.load(q, 48));
    const bits = <u64>i64x2.bitmask(m0) | (<u64>i64x2.bitmask(m1) << 2) | (<u64>i64x2.bitmask(m2) << 4) | (<u64>i64x2.bitmask(m3) << 6);
    store<u64>(out + <usize>i, spread8(bits) ^ neg);
  }
  return i;
}

/** I64 GT/EQ over rows [0, n & ~7). */
// @ts-ignore: decorator
@inline export function simdI64(gt: bool, mode: i32, pa: usize, pb: usize, c: i64, out: usize, n: i32, neg: u64): i32 {
  const cv = i64x2.splat(c);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = pa + (<usize>i << 3);
    const q = pb + (<usize>i << 3);
    let bits: u64 = 0;
    for (let k = 0; k < 4; k++) {
      const x = mode == 2 ? cv : v128.load(p + (<usize>k << 4));
      const y = mode == 1 ? cv : v128.load(q + (<usize>k << 4));
      const m = gt ? i64x2.gt_s(x, y) : i64x2.eq(x, y);
      bits |= <u64>i64x2.bitmask(m) << (<u64>k << 1);
    }
    store<u64>(out + <usize>i, spread8(bits) ^ neg);
  }
  return i;
}

/** I32 GT/EQ over rows [0, n & ~7). */
// @ts-ignore: decorator
@inline export function simdI32(gt: bool, mode: i32, pa: usize, pb: usize, c: i32, out: usize, n: i32, neg: u64): i32 {
  const cv = i32x4.splat(c);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = pa + (<usize>i << 2);
    const q = pb + (<usize>i << 2);
    const x0 = mode == 2 ? cv : v128.load(p);
    const x1 = mode == 2 ? cv : v128.load(p, 16);
    const y0 = mode == 1 ? cv : v128.load(q);
    const y1 = mode == 1 ? cv : v128.load(q, 16);
    const m0 = gt ? i32x4.gt_s(x0, y0) : i32x4.eq(x0, y0);
    const m1 = gt ? i32x4.gt_s(x1, y1) : i32x4.eq(x1, y1);
    const bits = <u64>i32x4.bitmask(m0) | (<u64>i32x4.bitmask(m1) << 4);
    store<u64>(out + <usize>i, spread8(bits) ^ neg);
  }
  return i;
}
