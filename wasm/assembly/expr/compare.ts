// Comparisons of two registers (or a register and a literal) into a BOOL register. Doubles compare
// as DuckDB does: NaN equals NaN and is greater than every other value, -0 equals 0. Strings
// compare by UTF-8 bytes, which is code point order. IS [NOT] DISTINCT FROM never yields NULL.
import {
  CMP_DISTINCT, CMP_EQ, CMP_GE, CMP_GT, CMP_LE, CMP_LT, CMP_NE, CMP_NOT_DISTINCT, MODE_SV, MODE_VS,
} from './opcodes';
import { simdF64, simdI32, simdI64 } from './compare-simd';
import { nullsOr, pool, regNulls, regOwnValues, regValues, setReg, vecLen } from './state';

// Every comparison is one of two primitives, GT or EQ, with the operands possibly swapped and the
// result possibly negated: LT(x, y) = GT(y, x), LE = NOT GT, GE = NOT GT(y, x), NE = NOT EQ.
// The loops are templates inlined per (primitive, mode); call sites pass numeric literals (an
// imported constant as an @inline argument is not folded, and the copies would merge again).
const PRIM_GT: i32 = 0;

// @ts-ignore: decorator
@inline function primitive<T>(prim: i32, x: T, y: T): bool {
  if (isFloat<T>()) {
    // NaN is the greatest double and equals itself.
    if (prim == PRIM_GT) return (x > y) | ((x != x) & (y == y));
    return (x == y) | ((x != x) & (y != y));
  }
  if (prim == PRIM_GT) return x > y;
  return x == y;
}

// @ts-ignore: decorator
@inline function primLoop<T>(prim: i32, mode: i32, pa: usize, pb: usize, ca: T, cb: T, out: usize, n: i32, neg: u8): void {
  for (let i = 0; i < n; i++) {
    const x: T = mode == 2 ? ca : load<T>(pa + (<usize>i << alignof<T>()));
    const y: T = mode == 1 ? cb : load<T>(pb + (<usize>i << alignof<T>()));
    store<u8>(out + <usize>i, <u8>primitive<T>(prim, x, y) ^ neg);
  }
}

/** SIMD part of a VV or VS loop (rows [0, n & ~7)); returns the rows done. */
// @ts-ignore: decorator
@inline function primSimd<T>(prim: i32, mode: i32, pa: usize, pb: usize, c: T, out: usize, n: i32, neg: u8): i32 {
  const negs: u64 = neg != 0 ? 0x0101010101010101 : 0;
  if (isFloat<T>()) return simdF64(prim == PRIM_GT, mode, pa, pb, <f64>c, out, n, negs);
  if (sizeof<T>() == 8) return simdI64(prim == PRIM_GT, mode, pa, pb, <i64>c, out, n, negs);
  if (sizeof<T>() == 4) return simdI32(prim == PRIM_GT, mode, pa, pb, <i32>c, out, n, negs);
  return 0;
}

// @ts-ignore: decorator
@inline function primModes<T>(prim: i32, mode: i32, pa: usize, pb: usize, ca: T, cb: T, out: usize, n: i32, neg: u8): void {
  if (mode == 1) {
    const done = primSimd<T>(prim, 1, pa, pb, cb, out, n, neg);
    primLoop<T>(prim, 1, pa + (<usize>done << alignof<T>()), pb, ca, cb, out + <usize>done, n - done, neg);
  } else if (mode == 2) {
    const done = primSimd<T>(prim, 2, pa, pb, ca, out, n, neg);
    primLoop<T>(prim, 2, pa, pb + (<usize>done << alignof<T>()), ca, cb, out + <usize>done, n - done, neg);
  } else {
    const done = primSimd<T>(prim, 0, pa, pb, cb, out, n, neg);
    const off = <usize>done << alignof<T>();
    primLoop<T>(prim, 0, pa + off, pb + off, ca, cb, out + <usize>done, n - done, neg);
  }
}

/** Comparison `op` of fixed-width operands of type T. */
// @ts-ignore: decorator
@inline function cmpOps<T>(op: i32, mode: i32, pa: usize, pb: usize, ca: T, cb: T, out: usize, n: i32): void {
  const swap = op == CMP_LT || op == CMP_GE;
  const neg: u8 = op == CMP_NE || op == CMP_LE || op == CMP_GE ? 1 : 0;
  if (op == CMP_EQ || op == CMP_NE) {
    primModes<T>(1, mode, pa, pb, ca, cb, out, n, neg);
  } else if (!swap) {
    primModes<T>(0, mode, pa, pb, ca, cb, out, n, neg);
  } else {
    // Swapped operands: VV exchanges the pointers, VS becomes SV and SV becomes VS.
    const m = mode == MODE_VS ? MODE_SV : mode == MODE_SV ? MODE_VS : mode;
    primModes<T>(0, m, pb, pa, cb, ca, out, n, neg);
  }
}

/** Three-way comparison of two byte strings. */
export function compareBytes(p1: usize, l1: usize, p2: usize, l2: usize): i32 {
  const m = l1 < l2 ? l1 : l2;
  for (let i: usize = 0; i < m; i++) {
    const a = <i32>load<u8>(p1 + i);
    const b = <i32>load<u8>(p2 + i);
    if (a != b) return a - b;
  }
  return l1 < l2 ? -1 : l1 > l2 ? 1 : 0;
}

/** Whether two byte strings are equal. */
export function equalBytes(p1: usize, l1: usize, p2: usize, l2: usize): bool {
  if (l1 != l2) return false;
  let i: usize = 0;
  while (i + 8 <= l1) {
    if (load<u64>(p1 + i) != load<u64>(p2 + i)) return false;
    i += 8;
  }
  while (i < l1) {
    if (load<u8>(p1 + i) != load<u8>(p2 + i)) return false;
    i++;
  }
  return true;
}

function cmpStr(op: i32, mode: i32, a: i32, b: i32, out: usize, n: i32): void {
  let cp: usize = 0;
  let cl: usize = 0;
  if (mode != 0) {
    const c = pool(mode == MODE_VS ? b : a);
    cl = <usize>load<u32>(c);
    cp = c + 4;
  }
  const pa = mode == MODE_SV ? <usize>0 : regValues(a);
  const pb = mode == MODE_VS ? <usize>0 : regValues(b);
  for (let i = 0; i < n; i++) {
    const x = mode == MODE_SV ? cp : <usize>load<u32>(pa + (<usize>i << 3));
    const xl = mode == MODE_SV ? cl : <usize>load<u32>(pa + (<usize>i << 3), 4);
    const y = mode == MODE_VS ? cp : <usize>load<u32>(pb + (<usize>i << 3));
    const yl = mode == MODE_VS ? cl : <usize>load<u32>(pb + (<usize>i << 3), 4);
    let r: bool;
    if (op == CMP_EQ) r = equalBytes(x, xl, y, yl);
    else if (op == CMP_NE) r = !equalBytes(x, xl, y, yl);
    else {
      const c = compareBytes(x, xl, y, yl);
      r = op == CMP_LT ? c < 0 : op == CMP_LE ? c <= 0 : op == CMP_GT ? c > 0 : c >= 0;
    }
    store<u8>(out + <usize>i, <u8>r);
  }
}

/** Turns an equality vector into IS [NOT] DISTINCT FROM: both NULL count as equal. */
function distinctFix(out: usize, na: usize, nb: usize, n: i32, distinct: bool): void {
  const flip: u8 = distinct ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const an = na != 0 ? load<u8>(na + <usize>i) : <u8>0;
    const bn = nb != 0 ? load<u8>(nb + <usize>i) : <u8>0;
    const eq = (an & bn) | ((an | bn) ^ 1) & load<u8>(out + <usize>i);
    store<u8>(out + <usize>i, eq ^ flip);
  }
}

/** CMP_<kind> dst <- a (c) b; `kind` is the VM kind of the operands. */
export function op_compare(ins: usize, kind: i32): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const op = load<i32>(ins, 20);
  const mode = load<i32>(ins, 24);
  const n = vecLen();
  const out = regOwnValues(dst);
  const distinct = op == CMP_DISTINCT || op == CMP_NOT_DISTINCT;
  const cop = distinct ? CMP_EQ : op;
  const pa = mode == MODE_SV ? <usize>0 : regValues(a);
  const pb = mode == MODE_VS ? <usize>0 : regValues(b);
  const ca = mode == MODE_SV ? pool(a) : <usize>0;
  const cb = mode == MODE_VS ? pool(b) : <usize>0;
  switch (kind) {
    case 1: cmpOps<u8>(cop, mode, pa, pb, ca != 0 ? load<u8>(ca) : 0, cb != 0 ? load<u8>(cb) : 0, out, n); break;
    case 2: cmpOps<i32>(cop, mode, pa, pb, ca != 0 ? load<i32>(ca) : 0, cb != 0 ? load<i32>(cb) : 0, out, n); break;
    case 3: cmpOps<i64>(cop, mode, pa, pb, ca != 0 ? load<i64>(ca) : 0, cb != 0 ? load<i64>(cb) : 0, out, n); break;
    case 4: cmpOps<f64>(cop, mode, pa, pb, ca != 0 ? load<f64>(ca) : 0, cb != 0 ? load<f64>(cb) : 0, out, n); break;
    default: cmpStr(cop, mode, a, b, out, n); break;
  }
  const na = mode == MODE_SV ? <usize>0 : regNulls(a);
  const nb = mode == MODE_VS ? <usize>0 : regNulls(b);
  if (!distinct) {
    setReg(dst, out, nullsOr(dst, na, nb));
    return;
  }
  if (na != 0 || nb != 0 || op == CMP_DISTINCT) distinctFix(out, na, nb, n, op == CMP_DISTINCT);
  setReg(dst, out, 0);
}
