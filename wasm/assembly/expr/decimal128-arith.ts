// Arithmetic over I128 registers (DECIMAL(p > 18) unscaled): + − % on operands of one scale,
// products and quotients that change the scale (HALF_UP, as Java's BigDecimal in Flink), the
// exact product of two I64 decimals into I128, negation and ABS. A result must stay below
// 10^precision in magnitude; the first failing row (not NULL, guard active) raises the error.
// Products, sums and differences of vectors whose magnitudes prove every row fits i64 take the
// 64-bit fast path (decimal128-fast.ts) with the same results.
import { ERR_DIVIDE_BY_ZERO, ERR_OVERFLOW, raiseI128Pair } from './errors';
import {
  addSub128, beyondBound, isNeg, mulI64Wide, mulScaleDown, neg128, remainder128, resHi, resLo, scaledDivide, setBound,
} from './decimal128-math';
import {
  addSubRows64, boundAdmitsI64, magnitudeBits128, magnitudeBits64, mulRows64, mulScaleDownRows64, operandBase, operandStride,
  productFits, sumFits,
} from './decimal128-fast';
import { AR_ADD, AR_MOD, AR_SUB, MODE_SV, MODE_VS } from './opcodes';
import { guardActive, isNullAt, nullsOr, pool, regNulls, regOwnValues, regValues, setReg, vecLen } from './state';

/** Low word of operand `reg` at row i (a pool constant when `mode` is `which`). */
// @ts-ignore: decorator
@inline export function opLo(mode: i32, which: i32, reg: i32, i: i32): u64 {
  return mode == which ? load<u64>(pool(reg)) : load<u64>(regValues(reg) + (<usize>i << 4));
}
// @ts-ignore: decorator
@inline export function opHi(mode: i32, which: i32, reg: i32, i: i32): u64 {
  return mode == which ? load<u64>(pool(reg), 8) : load<u64>(regValues(reg) + (<usize>i << 4), 8);
}

/** The null bytes of a binary operation in `mode`. */
// @ts-ignore: decorator
@inline export function binaryNulls(dst: i32, a: i32, b: i32, mode: i32): usize {
  return nullsOr(dst, mode == MODE_SV ? <usize>0 : regNulls(a), mode == MODE_VS ? <usize>0 : regNulls(b));
}

/**
 * The shared row loop: computes `kind` (0: ARITH sub-op `sub`, 1: DEC_MUL, 2: DEC_DIV) of row i,
 * stores it and returns the error code (0: none).
 */
// @ts-ignore: decorator
@inline function rowResult(kind: i32, sub: i32, k: i32, xLo: u64, xHi: u64, yLo: u64, yHi: u64): i32 {
  let ok = true;
  if (kind == 1) {
    ok = mulScaleDown(xLo, xHi, yLo, yHi, k);
  } else if (kind == 2) {
    if (yLo == 0 && yHi == 0) return ERR_DIVIDE_BY_ZERO;
    ok = scaledDivide(xLo, xHi, yLo, yHi, k);
  } else if (sub == AR_MOD) {
    if (yLo == 0 && yHi == 0) return ERR_DIVIDE_BY_ZERO;
    remainder128(xLo, xHi, yLo, yHi);
  } else {
    ok = addSub128(xLo, xHi, yLo, yHi, sub == AR_SUB);
  }
  if (!ok || beyondBound(resLo(), resHi())) return ERR_OVERFLOW;
  return 0;
}

/**
 * The 64-bit fast path of `kind` (0: ARITH sub-op c, 1: DEC_MUL by 10^-c) into `out` when the
 * operands' magnitudes prove every row exact in i64 and within precision bound p (decimal128-fast.ts);
 * false (nothing written) otherwise.
 */
function binary64(kind: i32, c: i32, a: i32, b: i32, mode: i32, p: i32, n: i32, out: usize): bool {
  if (!boundAdmitsI64(p) || n == 0) return false;
  if (kind == 2 || (kind == 0 && c != AR_ADD && c != AR_SUB) || (kind == 1 && c > 18)) return false;
  const xb = operandBase(mode, MODE_SV, a);
  const xs = operandStride(mode, MODE_SV, 16);
  const yb = operandBase(mode, MODE_VS, b);
  const ys = operandStride(mode, MODE_VS, 16);
  const ba = magnitudeBits128(xb, xs, n);
  const bb = magnitudeBits128(yb, ys, n);
  if (kind == 0) {
    if (!sumFits(ba, bb)) return false;
    addSubRows64(out, xb, xs, yb, ys, n, c == AR_SUB);
  } else {
    if (!productFits(ba, bb)) return false;
    if (c == 0) mulRows64(out, xb, xs, yb, ys, n);
    else mulScaleDownRows64(out, xb, xs, yb, ys, n, c);
  }
  return true;
}

function binary128(ins: usize, kind: i32): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const c = load<i32>(ins, 20);
  const mode = load<i32>(ins, 24);
  const p = load<i32>(ins, 28);
  const n = vecLen();
  const nulls = binaryNulls(dst, a, b, mode);
  const out = regOwnValues(dst);
  if (binary64(kind, c, a, b, mode, p, n, out)) {
    setReg(dst, out, nulls);
    return;
  }
  setBound(p);
  for (let i = 0; i < n; i++) {
    const xLo = opLo(mode, MODE_SV, a, i);
    const xHi = opHi(mode, MODE_SV, a, i);
    const yLo = opLo(mode, MODE_VS, b, i);
    const yHi = opHi(mode, MODE_VS, b, i);
    const err = rowResult(kind, c, c, xLo, xHi, yLo, yHi);
    const p = out + (<usize>i << 4);
    if (err == 0) {
      store<u64>(p, resLo());
      store<u64>(p, resHi(), 8);
      continue;
    }
    store<u64>(p, 0);
    store<u64>(p, 0, 8);
    if (!isNullAt(nulls, i) && guardActive(guard, i)) {
      setReg(dst, out, nulls);
      raiseI128Pair(err, i, xLo, xHi, yLo, yHi);
      return;
    }
  }
  setReg(dst, out, nulls);
}

/** ARITH_I128 dst <- a (c: AR_ADD, AR_SUB or AR_MOD) b; d: mode, e: precision bound. */
export function op_arith_i128(ins: usize): void {
  binary128(ins, 0);
}

/** DEC128_MUL dst <- round(a * b / 10^c) HALF_UP; d: mode, e: precision bound. */
export function op_dec128_mul(ins: usize): void {
  binary128(ins, 1);
}

/** DEC128_DIV dst <- round(a * 10^c / b) HALF_UP (c < 0 divides by b * 10^-c); d: mode, e: precision. */
export function op_dec128_div(ins: usize): void {
  binary128(ins, 2);
}

/** MUL_I64_I128 dst(I128) <- a(I64) * b(I64) exactly; d: mode, e: precision bound. */
export function op_mul_i64_i128(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const mode = load<i32>(ins, 24);
  const p = load<i32>(ins, 28);
  const n = vecLen();
  const nulls = binaryNulls(dst, a, b, mode);
  const out = regOwnValues(dst);
  if (boundAdmitsI64(p) && n > 0) {
    const xb = operandBase(mode, MODE_SV, a);
    const xs = operandStride(mode, MODE_SV, 8);
    const yb = operandBase(mode, MODE_VS, b);
    const ys = operandStride(mode, MODE_VS, 8);
    if (productFits(magnitudeBits64(xb, xs, n), magnitudeBits64(yb, ys, n))) {
      mulRows64(out, xb, xs, yb, ys, n);
      setReg(dst, out, nulls);
      return;
    }
  }
  setBound(p);
  const pa = mode == MODE_SV ? <usize>0 : regValues(a);
  const pb = mode == MODE_VS ? <usize>0 : regValues(b);
  const ca: i64 = mode == MODE_SV ? load<i64>(pool(a)) : 0;
  const cb: i64 = mode == MODE_VS ? load<i64>(pool(b)) : 0;
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x: i64 = mode == MODE_SV ? ca : load<i64>(pa + (<usize>i << 3));
    const y: i64 = mode == MODE_VS ? cb : load<i64>(pb + (<usize>i << 3));
    mulI64Wide(x, y);
    const p = out + (<usize>i << 4);
    store<u64>(p, resLo());
    store<u64>(p, resHi(), 8);
    bad |= beyondBound(resLo(), resHi());
  }
  setReg(dst, out, nulls);
  if (!bad) return;
  for (let i = 0; i < n; i++) {
    const p = out + (<usize>i << 4);
    if (isNullAt(nulls, i) || !guardActive(guard, i) || !beyondBound(load<u64>(p), load<u64>(p, 8))) continue;
    const x: i64 = mode == MODE_SV ? ca : load<i64>(pa + (<usize>i << 3));
    const y: i64 = mode == MODE_VS ? cb : load<i64>(pb + (<usize>i << 3));
    raiseI128Pair(ERR_OVERFLOW, i, <u64>x, <u64>(x >> 63), <u64>y, <u64>(y >> 63));
    return;
  }
}

/** NEG_I128 / ABS_I128 dst <- -a or |a| (values below 10^38 never overflow). */
export function op_neg_abs_i128(ins: usize, abs: bool): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const pa = regValues(a);
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) {
    const p = pa + (<usize>i << 4);
    const lo = load<u64>(p);
    const hi = load<u64>(p, 8);
    const q = out + (<usize>i << 4);
    if (abs && !isNeg(hi)) {
      store<u64>(q, lo);
      store<u64>(q, hi, 8);
    } else {
      neg128(lo, hi);
      store<u64>(q, resLo());
      store<u64>(q, resHi(), 8);
    }
  }
  setReg(dst, out, regNulls(a));
}
