// Scalar helpers of DECIMAL(p > 18): 128-bit two's complement values as (lo: u64, hi: u64) word
// pairs (the I128 layout: two little-endian words per row). Results go through module globals
// (no tuples in AssemblyScript). Products and scaled dividends beyond 128 bits are magnitudes of
// up to 14 32-bit limbs, divided with Knuth's algorithm D; rounding is decided on the remainder.
import { divRemainder, mulHigh, udiv128, umul128 } from './int128';
import { ROUND_CEIL, ROUND_FLOOR, ROUND_HALF_UP } from './opcodes';

let oLo: u64 = 0;
let oHi: u64 = 0;

/** Low word of the last result. */
// @ts-ignore: decorator
@inline export function resLo(): u64 { return oLo; }
/** High word of the last result. */
// @ts-ignore: decorator
@inline export function resHi(): u64 { return oHi; }

// @ts-ignore: decorator
@inline export function isNeg(hi: u64): bool { return <i64>hi < 0; }

/** Whether (lo, hi) is the sign extension of lo (the value fits i64). */
// @ts-ignore: decorator
@inline export function fitsI64(lo: u64, hi: u64): bool { return hi == <u64>(<i64>lo >> 63); }

/** -(lo, hi) into the result. */
// @ts-ignore: decorator
@inline export function neg128(lo: u64, hi: u64): void {
  oLo = ~lo + 1;
  oHi = ~hi + (oLo == 0 ? 1 : 0);
}

/** Signed a < b. */
// @ts-ignore: decorator
@inline export function lt128(aLo: u64, aHi: u64, bLo: u64, bHi: u64): bool {
  return <i64>aHi < <i64>bHi || (aHi == bHi && aLo < bLo);
}

/** Signed three-way comparison. */
// @ts-ignore: decorator
@inline export function cmp128(aLo: u64, aHi: u64, bLo: u64, bHi: u64): i32 {
  if (aHi != bHi) return <i64>aHi < <i64>bHi ? -1 : 1;
  return aLo == bLo ? 0 : aLo < bLo ? -1 : 1;
}

/** 10^k (0 <= k <= 38) into the result. */
export function pow10w(k: i32): void {
  let lo: u64 = 1;
  let hi: u64 = 0;
  for (let i = 0; i < k; i++) {
    const l = umul128(lo, 10);
    hi = hi * 10 + mulHigh();
    lo = l;
  }
  oLo = lo;
  oHi = hi;
}

let boundOn: bool = false;
let boundLo: u64 = 0;
let boundHi: u64 = 0;

/** Sets the precision bound of the running instruction to 10^p (p outside 1..38: none). */
export function setBound(p: i32): void {
  boundOn = p > 0 && p <= 38;
  if (boundOn) {
    pow10w(p);
    boundLo = oLo;
    boundHi = oHi;
  }
}

/** Whether |(lo, hi)| reaches the bound set by setBound (the last result is left intact). */
export function beyondBound(lo: u64, hi: u64): bool {
  if (!boundOn) return false;
  // The magnitude, computed locally: the result globals must survive this check.
  let mLo = lo;
  let mHi = hi;
  if (isNeg(hi)) {
    mLo = ~lo + 1;
    mHi = ~hi + (mLo == 0 ? 1 : 0);
  }
  return mHi > boundHi || (mHi == boundHi && mLo >= boundLo);
}

/** a + b (sub: a - b) into the result; false when it leaves the 128-bit range. */
export function addSub128(aLo: u64, aHi: u64, bLo: u64, bHi: u64, sub: bool): bool {
  let yLo = bLo;
  let yHi = bHi;
  if (sub) {
    yLo = ~bLo;
    yHi = ~bHi;
  }
  const c0: u64 = sub ? 1 : 0;
  const lo1 = aLo + yLo;
  const carry1: u64 = lo1 < aLo ? 1 : 0;
  const lo = lo1 + c0;
  const carry2: u64 = lo < lo1 ? 1 : 0;
  const hi = aHi + yHi + carry1 + carry2;
  oLo = lo;
  oHi = hi;
  return <i64>((aHi ^ hi) & (yHi ^ hi)) >= 0;
}

// ---- magnitudes of up to MAX_LIMBS 32-bit limbs ---------------------------------------------

const MAX_LIMBS: i32 = 14;
const NUM = memory.data(64, 16);  // numerator, then remainder (normalized)
const DEN = memory.data(64, 16);  // divisor (normalized during division)
const QUO = memory.data(64, 16);  // quotient
let numLen: i32 = 0;
let denLen: i32 = 0;

// @ts-ignore: decorator
@inline function limb(p: usize, i: i32): u64 { return <u64>load<u32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function setLimb(p: usize, i: i32, v: u64): void { store<u32>(p + (<usize>i << 2), <u32>v); }

function trimLen(p: usize, n: i32): i32 {
  let k = n;
  while (k > 0 && load<u32>(p + (<usize>(k - 1) << 2)) == 0) k--;
  return k;
}

function setMag(p: usize, lo: u64, hi: u64): i32 {
  memory.fill(p, 0, 64);
  store<u64>(p, lo);
  store<u64>(p, hi, 8);
  return trimLen(p, 4);
}

/** p (n limbs) *= m; returns the new length, or -1 beyond MAX_LIMBS. */
function mulSmall(p: usize, n: i32, m: u64): i32 {
  let carry: u64 = 0;
  for (let i = 0; i < n; i++) {
    const t = limb(p, i) * m + carry;
    setLimb(p, i, t & 0xFFFFFFFF);
    carry = t >> 32;
  }
  if (carry == 0) return n;
  if (n >= MAX_LIMBS) return -1;
  setLimb(p, n, carry);
  return n + 1;
}

/** p (n limbs) *= 10^k; the new length, or -1 beyond MAX_LIMBS. */
function mulPow10Limbs(p: usize, n: i32, k: i32): i32 {
  let len = n;
  let r = k;
  while (r > 0 && len >= 0) {
    const step = r >= 9 ? 9 : r;
    let m: u64 = 1;
    for (let i = 0; i < step; i++) m *= 10;
    len = len == 0 ? 0 : mulSmall(p, len, m);
    r -= step;
  }
  return len;
}

/** NUM = |a| * |b| (up to 8 limbs). */
function mulMag(aLo: u64, aHi: u64, bLo: u64, bHi: u64): void {
  memory.fill(NUM, 0, 64);
  const A = DEN; // scratch for a's limbs
  const B = QUO; // and b's
  setMag(A, aLo, aHi);
  setMag(B, bLo, bHi);
  for (let i = 0; i < 4; i++) {
    const x = limb(A, i);
    if (x == 0) continue;
    let carry: u64 = 0;
    for (let j = 0; j < 4; j++) {
      const t = x * limb(B, j) + limb(NUM, i + j) + carry;
      setLimb(NUM, i + j, t & 0xFFFFFFFF);
      carry = t >> 32;
    }
    setLimb(NUM, i + 4, carry);
  }
  numLen = trimLen(NUM, 8);
}

let normShift: i32 = 0;

/**
 * QUO = NUM / DEN (denLen >= 1, DEN's top limb non-zero); NUM keeps the remainder shifted left
 * by normShift bits, DEN the divisor shifted likewise (so the two compare directly).
 */
function divLimbs(): void {
  memory.fill(QUO, 0, 64);
  const n = denLen;
  const m = numLen;
  if (m < n) {
    normShift = 0;
    return;
  }
  if (n == 1) {
    const d = limb(DEN, 0);
    let k: u64 = 0;
    for (let j = m - 1; j >= 0; j--) {
      const t = (k << 32) | limb(NUM, j);
      const q = t / d;
      setLimb(QUO, j, q);
      k = t - q * d;
    }
    memory.fill(NUM, 0, 64);
    setLimb(NUM, 0, k);
    normShift = 0;
    return;
  }
  const s = <i32>clz<u32>(load<u32>(DEN + (<usize>(n - 1) << 2)));
  normShift = s;
  if (s != 0) {
    for (let i = n - 1; i > 0; i--) setLimb(DEN, i, ((limb(DEN, i) << <u64>s) | (limb(DEN, i - 1) >> <u64>(32 - s))) & 0xFFFFFFFF);
    setLimb(DEN, 0, (limb(DEN, 0) << <u64>s) & 0xFFFFFFFF);
    setLimb(NUM, m, limb(NUM, m - 1) >> <u64>(32 - s));
    for (let i = m - 1; i > 0; i--) setLimb(NUM, i, ((limb(NUM, i) << <u64>s) | (limb(NUM, i - 1) >> <u64>(32 - s))) & 0xFFFFFFFF);
    setLimb(NUM, 0, (limb(NUM, 0) << <u64>s) & 0xFFFFFFFF);
  } else {
    setLimb(NUM, m, 0);
  }
  const vTop = limb(DEN, n - 1);
  const vNext = limb(DEN, n - 2);
  const B: u64 = 0x100000000;
  for (let j = m - n; j >= 0; j--) {
    const num = (limb(NUM, j + n) << 32) | limb(NUM, j + n - 1);
    let qhat = num / vTop;
    let rhat = num - qhat * vTop;
    while (qhat >= B || qhat * vNext > ((rhat << 32) | limb(NUM, j + n - 2))) {
      qhat--;
      rhat += vTop;
      if (rhat >= B) break;
    }
    let borrow: i64 = 0;
    let t: i64 = 0;
    for (let i = 0; i < n; i++) {
      const p = qhat * limb(DEN, i);
      t = <i64>limb(NUM, i + j) - borrow - <i64>(p & 0xFFFFFFFF);
      setLimb(NUM, i + j, <u64>t & 0xFFFFFFFF);
      borrow = <i64>(p >> 32) - (t >> 32);
    }
    t = <i64>limb(NUM, j + n) - borrow;
    setLimb(NUM, j + n, <u64>t & 0xFFFFFFFF);
    if (t < 0) {
      qhat--;
      let carry: u64 = 0;
      for (let i = 0; i < n; i++) {
        const u = limb(NUM, i + j) + limb(DEN, i) + carry;
        setLimb(NUM, i + j, u & 0xFFFFFFFF);
        carry = u >> 32;
      }
      setLimb(NUM, j + n, (limb(NUM, j + n) + carry) & 0xFFFFFFFF);
    }
    setLimb(QUO, j, qhat);
  }
}

/** Three-way comparison of the remainder in NUM with DEN minus it (2r vs d), both normalized. */
function halfCompare(): i32 {
  // r >= d - r  <=>  2r >= d; computed limb-wise from the top with the difference d - r.
  const n = denLen > 0 ? denLen : 1;
  // d - r into QUO's upper half is not free (QUO holds the quotient), so compare on the fly:
  // 2r vs d: shift r left by one bit while comparing from the top limb.
  let carryTop: u64 = limb(NUM, n - 1) >> 31;
  if (carryTop != 0) return 1;
  for (let i = n - 1; i >= 0; i--) {
    const twice = ((limb(NUM, i) << 1) | (i > 0 ? limb(NUM, i - 1) >> 31 : 0)) & 0xFFFFFFFF;
    const d = limb(DEN, i);
    if (twice != d) return twice > d ? 1 : -1;
  }
  return 0;
}

function remainderIsZero(): bool {
  for (let i = 0; i <= numLen; i++) if (load<u32>(NUM + (<usize>i << 2)) != 0) return false;
  return true;
}

/**
 * Rounds the magnitude quotient QUO (remainder in NUM) by `rounding` for a result of sign `neg`
 * and stores the signed result; false when it leaves the 128-bit range.
 */
function finishQuotient(neg: bool, rounding: i32): bool {
  for (let i = 4; i < MAX_LIMBS; i++) if (load<u32>(QUO + (<usize>i << 2)) != 0) return false;
  let lo = load<u64>(QUO);
  let hi = load<u64>(QUO, 8);
  let up = false;
  if (rounding == ROUND_HALF_UP) up = halfCompare() >= 0;
  else if (rounding == ROUND_FLOOR) up = neg && !remainderIsZero();
  else if (rounding == ROUND_CEIL) up = !neg && !remainderIsZero();
  if (up) {
    lo += 1;
    if (lo == 0) hi += 1;
  }
  if (isNeg(hi)) return false;
  if (neg) {
    neg128(lo, hi);
  } else {
    oLo = lo;
    oHi = hi;
  }
  return true;
}

/** Magnitude of a signed value into (mLo, mHi). */
let mLo: u64 = 0;
let mHi: u64 = 0;
// @ts-ignore: decorator
@inline function magnitude(lo: u64, hi: u64): void {
  if (isNeg(hi)) {
    neg128(lo, hi);
    mLo = oLo;
    mHi = oHi;
  } else {
    mLo = lo;
    mHi = hi;
  }
}

/**
 * Unsigned (hi, lo) / d for d < 2^64 rounded by `rounding` with sign `neg`, into the signed
 * result; false when out of range.
 */
function divSmallRound(lo: u64, hi: u64, d: u64, neg: bool, rounding: i32): bool {
  const qHi = hi / d;
  const qLo = udiv128(hi % d, lo, d);
  const r = divRemainder();
  let up = false;
  if (rounding == ROUND_HALF_UP) up = r >= d - r;
  else if (rounding == ROUND_FLOOR) up = neg && r != 0;
  else if (rounding == ROUND_CEIL) up = !neg && r != 0;
  let l = qLo;
  let h = qHi;
  if (up) {
    l += 1;
    if (l == 0) h += 1;
  }
  if (isNeg(h)) return false;
  if (neg) neg128(l, h);
  else {
    oLo = l;
    oHi = h;
  }
  return true;
}

/** round(a * b / 10^k) (HALF_UP) into the result; false when it leaves the 128-bit range. */
export function mulScaleDown(aLo: u64, aHi: u64, bLo: u64, bHi: u64, k: i32): bool {
  const neg = isNeg(aHi) != isNeg(bHi);
  if (fitsI64(aLo, aHi) && fitsI64(bLo, bHi)) {
    const x = <i64>aLo;
    const y = <i64>bLo;
    const ux: u64 = x < 0 ? <u64>0 - <u64>x : <u64>x;
    const uy: u64 = y < 0 ? <u64>0 - <u64>y : <u64>y;
    const lo = umul128(ux, uy);
    const hi = mulHigh();
    if (k == 0) {
      if (neg) neg128(lo, hi);
      else {
        oLo = lo;
        oHi = hi;
      }
      return true;
    }
    if (k <= 19) {
      pow10w(k);
      return divSmallRound(lo, hi, oLo, neg, ROUND_HALF_UP);
    }
  }
  magnitude(aLo, aHi);
  const xLo = mLo;
  const xHi = mHi;
  magnitude(bLo, bHi);
  mulMag(xLo, xHi, mLo, mHi);
  return divByPow10(neg, k, ROUND_HALF_UP);
}

/** NUM / 10^k rounded, into the signed result (k in 0..76). */
function divByPow10(neg: bool, k: i32, rounding: i32): bool {
  memory.fill(DEN, 0, 64);
  setLimb(DEN, 0, 1);
  denLen = mulPow10Limbs(DEN, 1, k);
  divLimbs();
  return finishQuotient(neg, rounding);
}

/** round(a * 10^k / b) (HALF_UP; k < 0 divides by b * 10^-k); b != 0. False when out of range. */
export function scaledDivide(aLo: u64, aHi: u64, bLo: u64, bHi: u64, k: i32): bool {
  const neg = isNeg(aHi) != isNeg(bHi);
  magnitude(bLo, bHi);
  const yLo = mLo;
  const yHi = mHi;
  magnitude(aLo, aHi);
  if (k >= 0 && k <= 19 && yHi == 0 && mHi == 0) {
    // |a| * 10^k fits 128 bits; the divisor one word.
    pow10w(k);
    const lo = umul128(mLo, oLo);
    return divSmallRound(lo, mulHigh(), yLo, neg, ROUND_HALF_UP);
  }
  numLen = setMag(NUM, mLo, mHi);
  if (k > 0) {
    numLen = mulPow10Limbs(NUM, numLen, k);
    if (numLen < 0) return false;
  }
  memory.fill(DEN, 0, 64);
  denLen = setMag(DEN, yLo, yHi);
  if (k < 0) {
    denLen = mulPow10Limbs(DEN, denLen, -k);
    if (denLen < 0) {
      // The divisor is beyond 2^448 while |a| < 2^128: the quotient rounds to 0.
      oLo = 0;
      oHi = 0;
      return true;
    }
  }
  divLimbs();
  return finishQuotient(neg, ROUND_HALF_UP);
}

/** a * 10^k (k in 0..38) into the result; false when it leaves the 128-bit range. */
export function scaleUp(lo: u64, hi: u64, k: i32): bool {
  const neg = isNeg(hi);
  magnitude(lo, hi);
  if (k <= 19) {
    pow10w(k);
    const f = oLo;
    const pLo = umul128(mLo, f);
    const carry = mulHigh();
    const pHi1 = umul128(mHi, f);
    if (mulHigh() != 0) return false;
    const pHi = pHi1 + carry;
    if (pHi < pHi1 || isNeg(pHi)) return false;
    if (neg) neg128(pLo, pHi);
    else {
      oLo = pLo;
      oHi = pHi;
    }
    return true;
  }
  numLen = setMag(NUM, mLo, mHi);
  numLen = mulPow10Limbs(NUM, numLen, k);
  if (numLen < 0 || numLen > 4) return false;
  const rLo = load<u64>(NUM);
  const rHi = load<u64>(NUM, 8);
  if (isNeg(rHi)) return false;
  if (neg) neg128(rLo, rHi);
  else {
    oLo = rLo;
    oHi = rHi;
  }
  return true;
}

/** a / 10^k (k in 1..38) rounded by `rounding` (ROUND_*), into the result. */
export function scaleDown(lo: u64, hi: u64, k: i32, rounding: i32): void {
  const neg = isNeg(hi);
  magnitude(lo, hi);
  if (k <= 19) {
    pow10w(k);
    divSmallRound(mLo, mHi, oLo, neg, rounding);
    return;
  }
  numLen = setMag(NUM, mLo, mHi);
  divByPow10(neg, k, rounding);
}

/** a % b (b != 0) with the sign of a, into the result. */
export function remainder128(aLo: u64, aHi: u64, bLo: u64, bHi: u64): void {
  const neg = isNeg(aHi);
  magnitude(bLo, bHi);
  const yLo = mLo;
  const yHi = mHi;
  magnitude(aLo, aHi);
  let rLo: u64;
  let rHi: u64 = 0;
  if (yHi == 0) {
    udiv128(mHi % yLo, mLo, yLo);
    rLo = divRemainder();
  } else {
    numLen = setMag(NUM, mLo, mHi);
    memory.fill(DEN, 0, 64);
    denLen = setMag(DEN, yLo, yHi);
    divLimbs();
    // Undo the normalization of the remainder.
    const s = <u64>normShift;
    const w0 = load<u64>(NUM);
    const w1 = load<u64>(NUM, 8);
    const w2 = load<u64>(NUM, 16);
    rLo = s == 0 ? w0 : (w0 >> s) | (w1 << (64 - s));
    rHi = s == 0 ? w1 : (w1 >> s) | (w2 << (64 - s));
  }
  if (neg) neg128(rLo, rHi);
  else {
    oLo = rLo;
    oHi = rHi;
  }
}

/** |a| * |b| for i64 operands as a signed 128-bit product into the result. */
export function mulI64Wide(x: i64, y: i64): void {
  const ux: u64 = x < 0 ? <u64>0 - <u64>x : <u64>x;
  const uy: u64 = y < 0 ? <u64>0 - <u64>y : <u64>y;
  const lo = umul128(ux, uy);
  const hi = mulHigh();
  if ((x < 0) != (y < 0)) neg128(lo, hi);
  else {
    oLo = lo;
    oHi = hi;
  }
}
