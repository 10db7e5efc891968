// Casts between numeric kinds (and BOOLEAN), with Flink's semantics: integer narrowing and
// DOUBLE→integer truncation fail when the value does not fit (NaN never fits); DOUBLE→DECIMAL
// rounds HALF_UP at the target scale; TRY_CAST yields NULL instead of failing.
import { rangeHi, rangeLo } from './arith';
import { ERR_CAST, raiseF64, raiseI64 } from './errors';
import { decimalDigits, scaledFits, scaledHalfUp } from './dtoa';
import { pow10 } from './int128';
import { VK_BOOL, VK_I32 } from './opcodes';
import { guardActive, isNullAt, regNulls, regOwnNulls, regOwnValues, regValues, setReg, vecLen } from './state';

/** Null bytes that a TRY cast can add to: a copy of the input's, owned by dst. */
function tryNulls(dst: i32, inNulls: usize): usize {
  const out = regOwnNulls(dst);
  const n = <usize>vecLen();
  if (inNulls == 0) memory.fill(out, 0, n);
  else if (inNulls != out) memory.copy(out, inNulls, n);
  return out;
}

/** Row i failed: NULL under TRY, else an error (when the guard is active). Returns true to stop. */
function failI64(dst: i32, guard: i32, tryMode: bool, nulls: usize, i: i32, x: i64): bool {
  if (tryMode) {
    store<u8>(nulls + <usize>i, 1);
    return false;
  }
  if (!guardActive(guard, i)) return false;
  raiseI64(ERR_CAST, i, x, 0, false);
  return true;
}

export function op_cast_i32_i64(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) store<i64>(out + (<usize>i << 3), <i64>load<i32>(pa + (<usize>i << 2)));
  setReg(dst, out, regNulls(a));
}

/** CAST_I64_I32 (from I64) and CAST_RANGE_I32 (from I32): narrowing with a range check. */
export function op_cast_narrow(ins: usize, fromI64: bool): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const range = load<i32>(ins, 20);
  const tryMode = load<i32>(ins, 24) != 0;
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  const lo = rangeLo(range);
  const span = <u64>(rangeHi(range) - lo);
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x: i64 = fromI64 ? load<i64>(pa + (<usize>i << 3)) : <i64>load<i32>(pa + (<usize>i << 2));
    store<i32>(out + (<usize>i << 2), <i32>x);
    bad |= <u64>(x - lo) > span;
  }
  let nulls = regNulls(a);
  if (bad) {
    if (tryMode) nulls = tryNulls(dst, nulls);
    for (let i = 0; i < n; i++) {
      const x: i64 = fromI64 ? load<i64>(pa + (<usize>i << 3)) : <i64>load<i32>(pa + (<usize>i << 2));
      if (<u64>(x - lo) <= span || isNullAt(nulls, i)) continue;
      if (failI64(dst, guard, tryMode, nulls, i, x)) {
        setReg(dst, out, nulls);
        return;
      }
    }
  }
  setReg(dst, out, nulls);
}

export function op_cast_to_f64(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const from = load<i32>(ins, 16);
  const scale = load<i32>(ins, 20);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  const div = <f64>pow10(scale);
  if (from == VK_BOOL) for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), <f64>load<u8>(pa + <usize>i));
  else if (from == VK_I32) for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), <f64>load<i32>(pa + (<usize>i << 2)));
  else if (scale == 0) for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), <f64>load<i64>(pa + (<usize>i << 3)));
  else for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), <f64>load<i64>(pa + (<usize>i << 3)) / div);
  setReg(dst, out, regNulls(a));
}

// @ts-ignore: decorator
@inline function fitsTrunc(x: f64, lo: f64, hi: f64): bool {
  // NaN compares false; the bounds are exclusive one step outside the range.
  return x > lo && x < hi;
}

/** CAST_F64_INT: truncation toward zero; out of range or NaN fails. */
export function op_cast_f64_int(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const toKind = load<i32>(ins, 16);
  const range = load<i32>(ins, 20);
  const tryMode = load<i32>(ins, 24) != 0;
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  const lo: f64 = toKind == VK_I32 ? <f64>rangeLo(range) - 1 : -9223372036854777856.0;
  const hi: f64 = toKind == VK_I32 ? <f64>rangeHi(range) + 1 : 9223372036854775808.0;
  let nulls = regNulls(a);
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(pa + (<usize>i << 3));
    const ok = fitsTrunc(x, lo, hi);
    bad |= !ok;
    const t: f64 = ok ? Math.trunc(x) : 0;
    if (toKind == VK_I32) store<i32>(out + (<usize>i << 2), <i32>t);
    else store<i64>(out + (<usize>i << 3), <i64>t);
  }
  if (bad) {
    if (tryMode) nulls = tryNulls(dst, nulls);
    for (let i = 0; i < n; i++) {
      const x = load<f64>(pa + (<usize>i << 3));
      if (fitsTrunc(x, lo, hi) || isNullAt(nulls, i)) continue;
      if (tryMode) store<u8>(nulls + <usize>i, 1);
      else if (guardActive(guard, i)) {
        setReg(dst, out, nulls);
        raiseF64(ERR_CAST, i, x);
        return;
      }
    }
  }
  setReg(dst, out, nulls);
}

let roundedOk: bool = true;
let roundedExact: i64 = 0;

/**
 * x * 10^s rounded HALF_UP as Flink does it: on x's shortest decimal rendering (BigDecimal.valueOf).
 * The double product decides when it is clearly away from a half; near a half (or beyond 2^52)
 * the shortest digits decide. roundedFits() is false beyond 18 digits.
 */
export function roundHalfUpScaled(x: f64, s: i32): f64 {
  roundedOk = true;
  if (x == 0 || x != x || Math.abs(x) == Infinity) return x;
  const r = s >= 0 ? x * Math.pow(10, <f64>s) : x / Math.pow(10, <f64>-s);
  const m = Math.abs(r);
  if (m < 4503599627370496.0) {
    const f = Math.floor(m);
    const frac = m - f;
    if (Math.abs(frac - 0.5) > m * 1.0e-15 + 1e-300) {
      const q = frac > 0.5 ? f + 1 : f;
      roundedExact = r < 0 ? -<i64>q : <i64>q;
      return r < 0 ? -q : q;
    }
  }
  decimalDigits(x);
  const q = scaledHalfUp(s);
  roundedOk = scaledFits();
  roundedExact = x < 0 ? -<i64>q : <i64>q;
  return x < 0 ? -<f64>q : <f64>q;
}

/** Whether the last roundHalfUpScaled fit 18 digits (when it had to use the digits). */
export function roundedFits(): bool { return roundedOk; }

/** Rounds x at `scale` (into roundedExact); whether it is a finite value below lim in magnitude. */
function decimalFits(x: f64, scale: i32, lim: i64): bool {
  if (x != x || Math.abs(x) == Infinity) return false;
  roundHalfUpScaled(x, scale);
  if (x == 0) roundedExact = 0;
  return roundedOk && roundedExact < lim && roundedExact > -lim;
}

/** CAST_F64_DEC: HALF_UP at the target scale; must stay below 10^precision. */
export function op_cast_f64_dec(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const scale = load<i32>(ins, 16);
  const precision = load<i32>(ins, 20);
  const tryMode = load<i32>(ins, 24) != 0;
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  const lim = pow10(precision);
  let nulls = regNulls(a);
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(pa + (<usize>i << 3));
    const ok = decimalFits(x, scale, lim);
    bad |= !ok;
    store<i64>(out + (<usize>i << 3), ok ? roundedExact : 0);
  }
  if (bad) {
    if (tryMode) nulls = tryNulls(dst, nulls);
    for (let i = 0; i < n; i++) {
      const x = load<f64>(pa + (<usize>i << 3));
      if (decimalFits(x, scale, lim) || isNullAt(nulls, i)) continue;
      if (tryMode) store<u8>(nulls + <usize>i, 1);
      else if (guardActive(guard, i)) {
        setReg(dst, out, nulls);
        raiseF64(ERR_CAST, i, x);
        return;
      }
    }
  }
  setReg(dst, out, nulls);
}

export function op_fround(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), <f64><f32>load<f64>(pa + (<usize>i << 3)));
  setReg(dst, out, regNulls(a));
}

export function op_cast_to_bool(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const from = load<i32>(ins, 16);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  if (from == VK_I32) for (let i = 0; i < n; i++) store<u8>(out + <usize>i, <u8>(load<i32>(pa + (<usize>i << 2)) != 0));
  else if (from == VK_BOOL) memory.copy(out, pa, <usize>n);
  else if (from == 4) for (let i = 0; i < n; i++) store<u8>(out + <usize>i, <u8>(load<f64>(pa + (<usize>i << 3)) != 0));
  else for (let i = 0; i < n; i++) store<u8>(out + <usize>i, <u8>(load<i64>(pa + (<usize>i << 3)) != 0));
  setReg(dst, out, regNulls(a));
}

export function op_cast_bool_to(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const to = load<i32>(ins, 16);
  const one = pow10(load<i32>(ins, 20));
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  if (to == VK_I32) for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), <i32>load<u8>(pa + <usize>i));
  else for (let i = 0; i < n; i++) store<i64>(out + (<usize>i << 3), load<u8>(pa + <usize>i) != 0 ? one : 0);
  setReg(dst, out, regNulls(a));
}

/** TS_TO_DATE: days since epoch of a timestamp, rounding toward negative infinity. */
export function op_ts_to_date(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const perDay: i64 = load<i32>(ins, 16) == 6 ? 86400000000 : 86400000;
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) {
    const x = load<i64>(pa + (<usize>i << 3));
    let d = x / perDay;
    if (x % perDay < 0) d -= 1;
    store<i32>(out + (<usize>i << 2), <i32>d);
  }
  setReg(dst, out, regNulls(a));
}
