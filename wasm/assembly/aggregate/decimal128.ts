// 128-bit decimal arithmetic for SUM and AVG over DECIMAL columns. A wide value is two
// little-endian words, [lo u64][hi i64] (two's complement), exactly as I128 columns store their
// unscaled values. Flink types SUM(DECIMAL(p, s)) as DECIMAL(38, s) and AVG as
// DECIMAL(38, max(6, s)), so a result is valid while |unscaled| < 10^38; accumulators check that
// bound after every chunk and the caller reports "SUM overflowed DECIMAL(38, s)".

/** 10^38, the first unscaled value DECIMAL(38, s) cannot hold: high and low words. */
const LIMIT_HI: u64 = 0x4B3B4CA85A86C47A;
const LIMIT_LO: u64 = 0x098A224000000000;
/** 10^37: a quotient at or above it cannot take one more decimal digit and stay below 10^38. */
const TENTH_HI: u64 = 0x0785EE10D5DA46D9;
const TENTH_LO: u64 = 0x00F436A000000000;

/**
 * A cheap "maybe out of range" test on the high word alone: true for every value with
 * |value| >= 10^38 (and for a few just below it; is_in_range decides those).
 */
// @ts-ignore: decorator
@inline export function near_limit(hi: i64): bool {
  return hi >= <i64>LIMIT_HI || hi < -<i64>LIMIT_HI;
}

/** Whether the wide value (lo, hi) lies strictly between -10^38 and 10^38. */
export function is_in_range(lo: u64, hi: i64): bool {
  let mlo = lo;
  let mhi = <u64>hi;
  if (hi < 0) {
    mlo = ~lo + 1;
    mhi = ~<u64>hi + <u64>(mlo == 0);
  }
  return mhi < LIMIT_HI || (mhi == LIMIT_HI && mlo < LIMIT_LO);
}

// Results of divmod (AssemblyScript functions return one value).
let q_lo: u64 = 0;
let q_hi: u64 = 0;
let rem: u64 = 0;

/** Unsigned (hi, lo) / d into q_hi, q_lo and rem; d must be in 1 .. 2^63. */
function divmod(hi: u64, lo: u64, d: u64): void {
  if (hi == 0) {
    q_hi = 0;
    q_lo = lo / d;
    rem = lo % d;
    return;
  }
  q_hi = hi / d;
  let r = hi % d;
  let q: u64 = 0;
  // Restoring division, one bit of lo at a time: r < d <= 2^63, so r << 1 fits in 64 bits.
  for (let i: i32 = 63; i >= 0; i--) {
    r = (r << 1) | ((lo >> <u64>i) & 1);
    q <<= 1;
    if (r >= d) {
      r -= d;
      q |= 1;
    }
  }
  q_lo = q;
  rem = r;
}

/**
 * AVG's final value: sum * 10^scaleUp / count, rounded half away from zero (Java's HALF_UP, as
 * Flink's BigDecimal division), stored as a wide value at dst. count must be >= 1.
 * Returns false when the result does not fit DECIMAL(38, s).
 */
export function avg_round(sumLo: u64, sumHi: i64, count: u64, scaleUp: u32, dst: usize): bool {
  const neg = sumHi < 0;
  let lo = sumLo;
  let hi = <u64>sumHi;
  if (neg) {
    lo = ~sumLo + 1;
    hi = ~<u64>sumHi + <u64>(lo == 0);
  }
  divmod(hi, lo, count);
  let qlo = q_lo;
  let qhi = q_hi;
  let r = rem;
  for (let j: u32 = 0; j < scaleUp; j++) {
    if (qhi > TENTH_HI || (qhi == TENTH_HI && qlo >= TENTH_LO)) return false;
    // q = q * 10 = q * 8 + q * 2, then the next digit of r * 10 / count.
    const lo8 = qlo << 3;
    const lo2 = qlo << 1;
    const sum = lo8 + lo2;
    qhi = ((qhi << 3) | (qlo >> 61)) + ((qhi << 1) | (qlo >> 63)) + <u64>(sum < lo8);
    qlo = sum;
    // r < count < 2^63, so r * 10 < 2^67: compute it as a wide value.
    const r8 = r << 3;
    const r2 = r << 1;
    const rlo = r8 + r2;
    const rhi = (r >> 61) + (r >> 63) + <u64>(rlo < r8);
    divmod(rhi, rlo, count);
    const digit = q_lo;
    r = rem;
    const nlo = qlo + digit;
    qhi += <u64>(nlo < qlo);
    qlo = nlo;
  }
  if (r >= count - r) {
    qlo += 1;
    qhi += <u64>(qlo == 0);
  }
  if (qhi > LIMIT_HI || (qhi == LIMIT_HI && qlo >= LIMIT_LO)) return false;
  if (neg) {
    qlo = ~qlo + 1;
    qhi = ~qhi + <u64>(qlo == 0);
  }
  store<u64>(dst, qlo);
  store<u64>(dst, qhi, 8);
  return true;
}
