// Decimal arithmetic on unscaled I64 values: products and quotients that change the scale, and
// rescaling (CAST between scales, aligning operands). Rounding is HALF_UP (ties away from zero),
// as Java's BigDecimal in Flink; results must stay below 10^precision in magnitude.
import { ERR_DIVIDE_BY_ZERO, ERR_OVERFLOW, raiseI64 } from './errors';
import { mulDivRound, mulOverflowsI64, okMulDiv, pow10 } from './int128';
import { MODE_SV, MODE_VS, ROUND_CEIL, ROUND_FLOOR, ROUND_HALF_UP } from './opcodes';
import { guardActive, isNullAt, nullsOr, pool, regNulls, regOwnNulls, regOwnValues, regValues, setReg, vecLen } from './state';

// @ts-ignore: decorator
@inline function operand(mode: i32, which: i32, reg: i32, i: i32): i64 {
  return mode == which ? load<i64>(pool(reg)) : load<i64>(regValues(reg) + (<usize>i << 3));
}

/** DEC_MUL dst <- round(a * b / 10^c); DEC_DIV dst <- round(a * 10^c / b). */
export function op_dec_mul_div(ins: usize, divide: bool): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const k = load<i32>(ins, 20);
  const mode = load<i32>(ins, 24);
  const precision = load<i32>(ins, 28);
  const n = vecLen();
  const nulls = nullsOr(dst, mode == MODE_SV ? <usize>0 : regNulls(a), mode == MODE_VS ? <usize>0 : regNulls(b));
  const out = regOwnValues(dst);
  const lim: i64 = precision > 0 ? pow10(precision) : 0;
  const scale = pow10(k < 0 ? -k : k);
  for (let i = 0; i < n; i++) {
    const x = operand(mode, MODE_SV, a, i);
    const y = operand(mode, MODE_VS, b, i);
    let r: i64 = 0;
    let err = 0;
    let ok = true;
    if (divide) {
      if (y == 0) err = ERR_DIVIDE_BY_ZERO;
      else if (k >= 0) {
        r = mulDivRound(x, scale, y);
        ok = okMulDiv();
      } else if (!mulOverflowsI64(y, scale)) {
        r = mulDivRound(x, 1, y * scale);
        ok = okMulDiv();
      } // else the divisor y * 10^-k leaves i64 and the quotient rounds to 0
    } else {
      r = mulDivRound(x, y, scale);
      ok = okMulDiv();
    }
    if (err == 0 && (!ok || (lim != 0 && (r >= lim || r <= -lim)))) err = ERR_OVERFLOW;
    store<i64>(out + (<usize>i << 3), r);
    if (err != 0 && !isNullAt(nulls, i) && guardActive(guard, i)) {
      setReg(dst, out, nulls);
      raiseI64(err, i, x, y, true);
      return;
    }
  }
  setReg(dst, out, nulls);
}

/**
 * RESCALE dst <- a * 10^b (b < 0: divided, rounded per e), bounded by 10^c when c > 0.
 * d = 1 (TRY_CAST): a value that does not fit becomes NULL instead of an error.
 */
export function op_rescale(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const k = load<i32>(ins, 16);
  const precision = load<i32>(ins, 20);
  const tryMode = load<i32>(ins, 24) != 0;
  const rounding = load<i32>(ins, 28);
  const n = vecLen();
  const pa = regValues(a);
  const inNulls = regNulls(a);
  const out = regOwnValues(dst);
  const lim: i64 = precision > 0 ? pow10(precision) : 0;
  const f = pow10(k < 0 ? -k : k);
  const maxUp: i64 = k > 0 ? <i64>0x7FFFFFFFFFFFFFFF / f : 0;
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x = load<i64>(pa + (<usize>i << 3));
    let r: i64;
    if (k >= 0) {
      r = x * f;
      bad |= x > maxUp || x < -maxUp;
    } else {
      r = x / f;
      const rem = x % f;
      if (rounding == ROUND_HALF_UP) {
        const twice = rem < 0 ? -rem << 1 : rem << 1;
        if (twice >= f) r += x < 0 ? -1 : 1;
      } else if (rounding == ROUND_FLOOR) {
        if (rem < 0) r -= 1;
      } else if (rounding == ROUND_CEIL) {
        if (rem > 0) r += 1;
      }
    }
    if (lim != 0) bad |= r >= lim || r <= -lim;
    store<i64>(out + (<usize>i << 3), r);
  }
  if (!bad) {
    setReg(dst, out, inNulls);
    return;
  }
  let nulls = inNulls;
  if (tryMode) {
    nulls = regOwnNulls(dst);
    if (inNulls == 0) memory.fill(nulls, 0, <usize>n);
    else if (inNulls != nulls) memory.copy(nulls, inNulls, <usize>n);
  }
  for (let i = 0; i < n; i++) {
    if (isNullAt(nulls, i)) continue;
    const x = load<i64>(pa + (<usize>i << 3));
    const r = load<i64>(out + (<usize>i << 3));
    const fails = (k > 0 && (x > maxUp || x < -maxUp)) || (lim != 0 && (r >= lim || r <= -lim));
    if (!fails) continue;
    if (tryMode) {
      store<u8>(nulls + <usize>i, 1);
    } else if (guardActive(guard, i)) {
      setReg(dst, out, nulls);
      raiseI64(ERR_OVERFLOW, i, x, 0, false);
      return;
    }
  }
  setReg(dst, out, nulls);
}
