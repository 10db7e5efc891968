// 64x64 -> 128-bit multiplication and 128/64 division, for exact overflow checks and decimal
// arithmetic whose intermediate exceeds 64 bits. Results go through module globals (no tuples).

let hiOut: u64 = 0;
let remOut: u64 = 0;

/** Low 64 bits of the unsigned product a * b; the high 64 bits are left in mulHigh(). */
export function umul128(a: u64, b: u64): u64 {
  const a0 = a & 0xFFFFFFFF;
  const a1 = a >> 32;
  const b0 = b & 0xFFFFFFFF;
  const b1 = b >> 32;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xFFFFFFFF) + (p10 & 0xFFFFFFFF);
  hiOut = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  return (mid << 32) | (p00 & 0xFFFFFFFF);
}

/** High 64 bits of the last umul128. */
export function mulHigh(): u64 { return hiOut; }

/** Whether the signed product a * b overflows i64. */
export function mulOverflowsI64(a: i64, b: i64): bool {
  const neg = (a < 0) != (b < 0);
  const ua: u64 = a < 0 ? <u64>(-a) : <u64>a;
  const ub: u64 = b < 0 ? <u64>(-b) : <u64>b;
  const lo = umul128(ua, ub);
  if (hiOut != 0) return true;
  return neg ? lo > 0x8000000000000000 : lo > 0x7FFFFFFFFFFFFFFF;
}

/**
 * Quotient of the unsigned 128-bit (hi, lo) by d (d > 0), when it fits 64 bits (hi < d);
 * the remainder is left in divRemainder().
 */
export function udiv128(hi: u64, lo: u64, d: u64): u64 {
  if (hi == 0) {
    remOut = lo % d;
    return lo / d;
  }
  let q: u64 = 0;
  let r = hi;
  for (let i = 63; i >= 0; i--) {
    const top = r >> 63;
    r = (r << 1) | ((lo >> <u64>i) & 1);
    q <<= 1;
    if (top != 0 || r >= d) {
      r -= d;
      q |= 1;
    }
  }
  remOut = r;
  return q;
}

/** Remainder of the last udiv128. */
export function divRemainder(): u64 { return remOut; }

/** 10^k for k in 0..18. */
export function pow10(k: i32): i64 {
  let r: i64 = 1;
  for (let i = 0; i < k; i++) r *= 10;
  return r;
}

let okOut: bool = true;

/**
 * round(a * b / d) half away from zero (Java's HALF_UP), exact through a 128-bit intermediate;
 * d != 0. okMulDiv() tells whether the result fits i64.
 */
export function mulDivRound(a: i64, b: i64, d: i64): i64 {
  const neg = (a < 0) != (b < 0) != (d < 0);
  const ua: u64 = a < 0 ? <u64>(-a) : <u64>a;
  const ub: u64 = b < 0 ? <u64>(-b) : <u64>b;
  const ud: u64 = d < 0 ? <u64>(-d) : <u64>d;
  const lo = umul128(ua, ub);
  const hi = hiOut;
  okOut = false;
  if (hi >= ud) return 0;
  let q = udiv128(hi, lo, ud);
  const r = remOut;
  if (r >= ud - r) q++; // 2r >= d, without overflow
  if (q > 0x7FFFFFFFFFFFFFFF) return 0;
  okOut = true;
  return neg ? -<i64>q : <i64>q;
}

/** Whether the last mulDivRound fit i64. */
export function okMulDiv(): bool { return okOut; }
