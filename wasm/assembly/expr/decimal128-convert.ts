// Conversions of I128 registers (DECIMAL(p > 18) unscaled): widening I32/I64 values, narrowing to
// I64 (a DECIMAL(p <= 18), BIGINT, or an integer on the way to INT), rescaling (CAST between
// scales, ROUND/FLOOR/CEIL, aligning operands) and DOUBLE in both directions. A value that does
// not fit raises (or is NULL under TRY_CAST) on the first failing row.
import { roundHalfUpScaled, roundedFits } from './cast-num';
import { beyondBound, fitsI64, resHi, resLo, scaleDown, scaleUp, setBound } from './decimal128-math';
import { decimalDigits, shortestDigit, shortestExp } from './dtoa';
import { ERR_CAST, ERR_OVERFLOW, raiseF64, raiseI128 } from './errors';
import { mulHigh, pow10, umul128 } from './int128';
import { VK_I32 } from './opcodes';
import { guardActive, isNullAt, regNulls, regOwnNulls, regOwnValues, regValues, setReg, vecLen } from './state';

/** Own null bytes of `dst` holding the input's nulls (TRY_CAST marks failures there). */
function tryNulls(dst: i32, inNulls: usize): usize {
  const out = regOwnNulls(dst);
  const n = <usize>vecLen();
  if (inNulls == 0) memory.fill(out, 0, n);
  else if (inNulls != out) memory.copy(out, inNulls, n);
  return out;
}

/** WIDEN_I128 dst(I128) <- a (VM kind b: I32 or I64), sign-extended. */
export function op_widen_i128(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const from = load<i32>(ins, 16);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  if (from == VK_I32) {
    for (let i = 0; i < n; i++) {
      const v = <i64>load<i32>(pa + (<usize>i << 2));
      store<i64>(out + (<usize>i << 4), v);
      store<i64>(out + (<usize>i << 4), v >> 63, 8);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = load<i64>(pa + (<usize>i << 3));
      store<i64>(out + (<usize>i << 4), v);
      store<i64>(out + (<usize>i << 4), v >> 63, 8);
    }
  }
  setReg(dst, out, regNulls(a));
}

/**
 * Row i of a conversion failed: NULL under TRY, else the error (when the guard is active).
 * Returns true when the instruction must stop.
 */
function fail(dst: i32, out: usize, guard: i32, tryMode: bool, nulls: usize, i: i32, lo: u64, hi: u64): bool {
  if (tryMode) {
    store<u8>(nulls + <usize>i, 1);
    return false;
  }
  if (!guardActive(guard, i)) return false;
  setReg(dst, out, nulls);
  raiseI128(ERR_OVERFLOW, i, lo, hi);
  return true;
}

/** NARROW_I128 dst(I64) <- a(I128) when it fits i64 and, for c > 0, |a| < 10^c; d = 1: TRY. */
export function op_narrow_i128(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const precision = load<i32>(ins, 20);
  const tryMode = load<i32>(ins, 24) != 0;
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  const lim: i64 = precision > 0 && precision <= 18 ? pow10(precision) : 0;
  let bad = false;
  for (let i = 0; i < n; i++) {
    const lo = load<u64>(pa + (<usize>i << 4));
    const hi = load<u64>(pa + (<usize>i << 4), 8);
    const v = <i64>lo;
    store<i64>(out + (<usize>i << 3), v);
    bad |= !fitsI64(lo, hi) || (lim != 0 && (v >= lim || v <= -lim));
  }
  let nulls = regNulls(a);
  if (bad) {
    if (tryMode) nulls = tryNulls(dst, nulls);
    for (let i = 0; i < n; i++) {
      const lo = load<u64>(pa + (<usize>i << 4));
      const hi = load<u64>(pa + (<usize>i << 4), 8);
      const v = <i64>lo;
      if (isNullAt(nulls, i) || (fitsI64(lo, hi) && (lim == 0 || (v < lim && v > -lim)))) continue;
      if (fail(dst, out, guard, tryMode, nulls, i, lo, hi)) return;
    }
  }
  setReg(dst, out, nulls);
}

/**
 * RESCALE_I128 dst <- a * 10^b (b < 0: divided, rounded by e = ROUND_*), below 10^c when
 * c is in 1..38; d = 1 (TRY_CAST): NULL instead of an error.
 */
export function op_rescale_i128(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const k = load<i32>(ins, 16);
  setBound(load<i32>(ins, 20));
  const tryMode = load<i32>(ins, 24) != 0;
  const rounding = load<i32>(ins, 28);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  let nulls = regNulls(a);
  let owned = false;
  for (let i = 0; i < n; i++) {
    const lo = load<u64>(pa + (<usize>i << 4));
    const hi = load<u64>(pa + (<usize>i << 4), 8);
    let ok = true;
    if (k > 0) ok = scaleUp(lo, hi, k);
    else if (k < 0) scaleDown(lo, hi, -k, rounding);
    let rLo = k == 0 ? lo : resLo();
    let rHi = k == 0 ? hi : resHi();
    if (!ok || beyondBound(rLo, rHi)) {
      rLo = 0;
      rHi = 0;
      if (!isNullAt(nulls, i)) {
        if (tryMode && !owned) {
          nulls = tryNulls(dst, nulls);
          owned = true;
        }
        if (fail(dst, out, guard, tryMode, nulls, i, lo, hi)) return;
      }
    }
    store<u64>(out + (<usize>i << 4), rLo);
    store<u64>(out + (<usize>i << 4), rHi, 8);
  }
  setReg(dst, out, nulls);
}

/** The double nearest to a 128-bit value (one rounding: the bits below the top 64 are sticky). */
function wideToF64(lo: u64, hi: u64): f64 {
  const neg = <i64>hi < 0;
  let mLo = lo;
  let mHi = hi;
  if (neg) {
    mLo = ~lo + 1;
    mHi = ~hi + (mLo == 0 ? 1 : 0);
  }
  if (mHi == 0) return neg ? -<f64>mLo : <f64>mLo;
  const shift = 64 - clz<u64>(mHi); // 1..64 bits to drop from the low word
  let top = shift == 64 ? mHi : (mHi << (64 - shift)) | (mLo >> shift);
  const rest = shift == 64 ? mLo : mLo << (64 - shift);
  if (rest != 0) top |= 1;
  const f = <f64>top * Math.pow(2, <f64>shift);
  return neg ? -f : f;
}

/** CAST_I128_F64 dst(F64) <- a / 10^b. */
export function op_cast_i128_f64(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const scale = load<i32>(ins, 16);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  const div = Math.pow(10, <f64>scale);
  for (let i = 0; i < n; i++) {
    const lo = load<u64>(pa + (<usize>i << 4));
    const hi = load<u64>(pa + (<usize>i << 4), 8);
    const f = fitsI64(lo, hi) ? <f64><i64>lo : wideToF64(lo, hi);
    store<f64>(out + (<usize>i << 3), scale == 0 ? f : f / div);
  }
  setReg(dst, out, regNulls(a));
}

let wideOk: bool = true;
let wideLo: u64 = 0;
let wideHi: u64 = 0;

/**
 * x * 10^s rounded HALF_UP as Flink does (on x's shortest digits, BigDecimal.valueOf) into
 * (wideLo, wideHi); wideOk is false for NaN, infinities and values of 39 digits or more.
 */
function roundWide(x: f64, s: i32): void {
  wideOk = true;
  wideLo = 0;
  wideHi = 0;
  if (x != x || Math.abs(x) == Infinity) {
    wideOk = false;
    return;
  }
  if (x == 0) return;
  const r = Math.abs(x) * Math.pow(10, <f64>s);
  let lo: u64 = 0;
  let hi: u64 = 0;
  if (r < 4503599627370496.0) {
    // Below 2^52 the rounded value is exact as a double.
    const q = roundHalfUpScaled(x, s);
    if (!roundedFits()) {
      wideOk = false;
      return;
    }
    lo = <u64>Math.abs(q);
  } else {
    decimalDigits(x);
    const t = shortestExp() + s; // digits before the point
    if (t > 38) {
      wideOk = false;
      return;
    }
    for (let i = 0; i < t; i++) {
      const l = umul128(lo, 10);
      hi = hi * 10 + mulHigh();
      lo = l + <u64>shortestDigit(i);
      if (lo < l) hi++;
    }
    if (shortestDigit(t) >= 5) {
      lo++;
      if (lo == 0) hi++;
    }
  }
  if (x < 0) {
    lo = ~lo + 1;
    hi = ~hi + (lo == 0 ? 1 : 0);
  }
  wideLo = lo;
  wideHi = hi;
}

/** CAST_F64_I128 dst(I128) <- round_half_up(a * 10^b) below 10^c; d = 1: TRY. */
export function op_cast_f64_i128(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const scale = load<i32>(ins, 16);
  setBound(load<i32>(ins, 20));
  const tryMode = load<i32>(ins, 24) != 0;
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  let nulls = regNulls(a);
  let owned = false;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(pa + (<usize>i << 3));
    roundWide(x, scale);
    const ok = wideOk && !beyondBound(wideLo, wideHi);
    store<u64>(out + (<usize>i << 4), ok ? wideLo : 0);
    store<u64>(out + (<usize>i << 4), ok ? wideHi : 0, 8);
    if (ok || isNullAt(nulls, i)) continue;
    if (tryMode) {
      if (!owned) {
        nulls = tryNulls(dst, nulls);
        owned = true;
      }
      store<u8>(nulls + <usize>i, 1);
    } else if (guardActive(guard, i)) {
      setReg(dst, out, nulls);
      raiseF64(ERR_CAST, i, x);
      return;
    }
  }
  setReg(dst, out, nulls);
}
