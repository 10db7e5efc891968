// Comparisons of I128 registers (DECIMAL(p > 18) unscaled, operands at one scale) into a BOOL
// register: signed high words first, then unsigned low words. IS [NOT] DISTINCT FROM never
// yields NULL (two NULLs are not distinct).
import { cmp128 } from './decimal128-math';
import { opHi, opLo } from './decimal128-arith';
import {
  CMP_DISTINCT, CMP_EQ, CMP_GE, CMP_GT, CMP_LE, CMP_LT, CMP_NE, CMP_NOT_DISTINCT, MODE_SV, MODE_VS,
} from './opcodes';
import { nullsOr, regNulls, regOwnValues, setReg, vecLen } from './state';

// @ts-ignore: decorator
@inline function holds(op: i32, c: i32): bool {
  if (op == CMP_EQ || op == CMP_NOT_DISTINCT) return c == 0;
  if (op == CMP_NE || op == CMP_DISTINCT) return c != 0;
  if (op == CMP_LT) return c < 0;
  if (op == CMP_LE) return c <= 0;
  if (op == CMP_GT) return c > 0;
  return c >= 0;
}

/** CMP_I128 dst(BOOL) <- a (c) b; d: mode. */
export function op_cmp_i128(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const op = load<i32>(ins, 20);
  const mode = load<i32>(ins, 24);
  const n = vecLen();
  const out = regOwnValues(dst);
  for (let i = 0; i < n; i++) {
    const c = cmp128(opLo(mode, MODE_SV, a, i), opHi(mode, MODE_SV, a, i), opLo(mode, MODE_VS, b, i), opHi(mode, MODE_VS, b, i));
    store<u8>(out + <usize>i, <u8>holds(op, c));
  }
  const na = mode == MODE_SV ? <usize>0 : regNulls(a);
  const nb = mode == MODE_VS ? <usize>0 : regNulls(b);
  if (op != CMP_DISTINCT && op != CMP_NOT_DISTINCT) {
    setReg(dst, out, nullsOr(dst, na, nb));
    return;
  }
  if (na != 0 || nb != 0) {
    const distinct = op == CMP_DISTINCT;
    for (let i = 0; i < n; i++) {
      const an = na != 0 ? load<u8>(na + <usize>i) : <u8>0;
      const bn = nb != 0 ? load<u8>(nb + <usize>i) : <u8>0;
      if ((an | bn) == 0) continue;
      const same = an == bn; // both NULL
      store<u8>(out + <usize>i, <u8>(distinct ? !same : same));
    }
  }
  setReg(dst, out, 0);
}
