// Element-wise conversions between Arrow's physical types and our kinds: widening on the way in
// (int8/int16/uint8/uint16 -> i32, uint32 -> i64, float32 -> f64, decimal128 -> i64), narrowing
// on the way out, and the unit changes of dates and timestamps. Every function is (dst, src, n),
// reads n source elements and writes n destination elements; same-width ones may run in place.

/** int8 -> i32, sign-extending (SIMD, eight values per step). */
export function widen_i8_i32(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  while (n - i >= 8) {
    const v = v128.load8x8_s(src + i);
    v128.store(dst + (i << 2), i32x4.extend_low_i16x8_s(v));
    v128.store(dst + (i << 2), i32x4.extend_high_i16x8_s(v), 16);
    i += 8;
  }
  for (; i < n; i++) store<i32>(dst + (i << 2), <i32>load<i8>(src + i));
}

/** uint8 -> i32 (SIMD). */
export function widen_u8_i32(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  while (n - i >= 8) {
    const v = v128.load8x8_u(src + i);
    v128.store(dst + (i << 2), i32x4.extend_low_i16x8_u(v));
    v128.store(dst + (i << 2), i32x4.extend_high_i16x8_u(v), 16);
    i += 8;
  }
  for (; i < n; i++) store<i32>(dst + (i << 2), <i32>load<u8>(src + i));
}

/** int16 -> i32, sign-extending (SIMD). */
export function widen_i16_i32(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  while (n - i >= 4) {
    v128.store(dst + (i << 2), v128.load16x4_s(src + (i << 1)));
    i += 4;
  }
  for (; i < n; i++) store<i32>(dst + (i << 2), <i32>load<i16>(src + (i << 1)));
}

/** uint16 -> i32 (SIMD). */
export function widen_u16_i32(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  while (n - i >= 4) {
    v128.store(dst + (i << 2), v128.load16x4_u(src + (i << 1)));
    i += 4;
  }
  for (; i < n; i++) store<i32>(dst + (i << 2), <i32>load<u16>(src + (i << 1)));
}

/** uint32 -> i64, zero-extending (SIMD). */
export function widen_u32_i64(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  while (n - i >= 2) {
    v128.store(dst + (i << 3), v128.load32x2_u(src + (i << 2)));
    i += 2;
  }
  for (; i < n; i++) store<i64>(dst + (i << 3), <i64>load<u32>(src + (i << 2)));
}

/** float32 -> f64 (SIMD; NaN stays NaN, -0 stays -0). */
export function widen_f32_f64(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  while (n - i >= 2) {
    v128.store(dst + (i << 3), f64x2.promote_low_f32x4(v128.load64_zero(src + (i << 2))));
    i += 2;
  }
  for (; i < n; i++) store<f64>(dst + (i << 3), <f64>load<f32>(src + (i << 2)));
}

/** i32 -> int8, keeping the low byte (values came from int8, so nothing is lost). */
export function narrow_i32_i8(dst: usize, src: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) store<i8>(dst + i, <i8>load<i32>(src + (i << 2)));
}

/** i32 -> int16, keeping the low half. */
export function narrow_i32_i16(dst: usize, src: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) store<i16>(dst + (i << 1), <i16>load<i32>(src + (i << 2)));
}

/** i64 -> 32 bits, keeping the low word (uint32 and int32 values stored as i64). */
export function narrow_i64_i32(dst: usize, src: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) store<i32>(dst + (i << 2), <i32>load<i64>(src + (i << 3)));
}

/** f64 -> float32 (SIMD), rounding to nearest as a cast does. */
export function narrow_f64_f32(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  while (n - i >= 2) {
    const v = f32x4.demote_f64x2_zero(v128.load(src + (i << 3)));
    v128.store_lane<i64>(dst + (i << 2), v, 0);
    i += 2;
  }
  for (; i < n; i++) store<f32>(dst + (i << 2), <f32>load<f64>(src + (i << 3)));
}

/** decimal128 (16 bytes, little endian) -> i64: the low word, exact when precision <= 18. */
export function dec128_to_i64(dst: usize, src: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) store<i64>(dst + (i << 3), load<i64>(src + (i << 4)));
}

/** i64 -> decimal128, sign-extending into the high word. */
export function i64_to_dec128(dst: usize, src: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) {
    const v = load<i64>(src + (i << 3));
    store<i64>(dst + (i << 4), v);
    store<i64>(dst + (i << 4), v >> 63, 8);
  }
}

/** dst[i] = src[i] * factor, i64 (seconds -> milliseconds, microseconds -> nanoseconds); may run in place. */
export function mul_i64(dst: usize, src: usize, n: usize, factor: i64): void {
  for (let i: usize = 0; i < n; i++) store<i64>(dst + (i << 3), load<i64>(src + (i << 3)) * factor);
}

// @ts-ignore: decorator
@inline function floor_div(a: i64, d: i64): i64 {
  const q = a / d;
  return (a % d != 0 && ((a < 0) != (d < 0))) ? q - 1 : q;
}

/** dst[i] = floor(src[i] / divisor), i64 (nanoseconds -> microseconds, ms -> s); may run in place. */
export function div_floor_i64(dst: usize, src: usize, n: usize, divisor: i64): void {
  for (let i: usize = 0; i < n; i++) store<i64>(dst + (i << 3), floor_div(load<i64>(src + (i << 3)), divisor));
}

/** dst[i] = floor(src[i] / divisor) as i32 (date in milliseconds -> days). */
export function div_floor_i64_i32(dst: usize, src: usize, n: usize, divisor: i64): void {
  for (let i: usize = 0; i < n; i++) store<i32>(dst + (i << 2), <i32>floor_div(load<i64>(src + (i << 3)), divisor));
}

/** dst[i] = src[i] * factor as i64 (days -> date in milliseconds). */
export function mul_i32_i64(dst: usize, src: usize, n: usize, factor: i64): void {
  for (let i: usize = 0; i < n; i++) store<i64>(dst + (i << 3), <i64>load<i32>(src + (i << 2)) * factor);
}

/** UTF8 offsets: dst[i] = src[i] + delta over n i32 entries (rebasing a slice to new bytes); may run in place. */
export function rebase_offsets_i32(dst: usize, src: usize, n: usize, delta: i32): void {
  let i: usize = 0;
  const d = i32x4.splat(delta);
  while (n - i >= 4) {
    v128.store(dst + (i << 2), i32x4.add(v128.load(src + (i << 2)), d));
    i += 4;
  }
  for (; i < n; i++) store<i32>(dst + (i << 2), load<i32>(src + (i << 2)) + delta);
}

/** LargeUtf8 offsets: dst[i] = i32(src[i] + delta) over n i64 entries (caller checked the range fits). */
export function rebase_offsets_i64_i32(dst: usize, src: usize, n: usize, delta: i64): void {
  for (let i: usize = 0; i < n; i++) store<i32>(dst + (i << 2), <i32>(load<i64>(src + (i << 3)) + delta));
}

/** UTF8 offsets -> LargeUtf8 offsets: dst[i] = i64(src[i] + delta) over n entries. */
export function widen_offsets_i32_i64(dst: usize, src: usize, n: usize, delta: i32): void {
  for (let i: usize = 0; i < n; i++) store<i64>(dst + (i << 3), <i64>(load<i32>(src + (i << 2)) + delta));
}
