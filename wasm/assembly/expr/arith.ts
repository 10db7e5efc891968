// Binary arithmetic over I32, I64 (BIGINT, and DECIMAL unscaled with
// a precision bound) and F64 registers. The hot loops compute every row and OR an error flag; only
// when it is set does a slow pass look for the first row that really fails (not NULL, guard
// active) and record the error. Integer division never reaches a trapping WASM instruction.
import { ERR_DIVIDE_BY_ZERO, ERR_OVERFLOW, raiseI64 } from './errors';
import { mulOverflowsI64, pow10 } from './int128';
import { AR_ADD, AR_DIV, AR_MOD, AR_MUL, AR_SUB, MODE_SV, MODE_VS, RANGE_SMALLINT, RANGE_TINYINT } from './opcodes';
import { guardActive, isNullAt, nullsOr, pool, regNulls, regOwnValues, regValues, setReg, vecLen } from './state';

const I64_MIN: i64 = <i64>0x8000000000000000;

// The loops are templates inlined per (operation, mode). Call sites pass numeric literals: an
// imported constant as an @inline argument is not folded, and Binaryen then merges the copies
// back into one loop that tests the operation on every row.

// @ts-ignore: decorator
@inline export function rangeLo(range: i32): i64 {
  return range == RANGE_TINYINT ? -128 : range == RANGE_SMALLINT ? -32768 : -2147483648;
}
// @ts-ignore: decorator
@inline export function rangeHi(range: i32): i64 {
  return range == RANGE_TINYINT ? 127 : range == RANGE_SMALLINT ? 32767 : 2147483647;
}

// ---- I32 -------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline function i32Result(op: i32, x: i64, y: i64): i64 {
  if (op == AR_ADD) return x + y;
  if (op == AR_SUB) return x - y;
  if (op == AR_MUL) return x * y;
  if (op == AR_DIV) return x / (y == 0 ? 1 : y);
  return x % (y == 0 ? 1 : y);
}

// @ts-ignore: decorator
@inline function i32Loop(op: i32, mode: i32, pa: usize, pb: usize, ca: i64, cb: i64, out: usize, n: i32, lo: i64, span: u64): bool {
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x: i64 = mode == MODE_SV ? ca : <i64>load<i32>(pa + (<usize>i << 2));
    const y: i64 = mode == MODE_VS ? cb : <i64>load<i32>(pb + (<usize>i << 2));
    const r = i32Result(op, x, y);
    store<i32>(out + (<usize>i << 2), <i32>r);
    bad |= <u64>(r - lo) > span;
    if (op == AR_DIV || op == AR_MOD) bad |= y == 0;
  }
  return bad;
}

// @ts-ignore: decorator
@inline function i32Modes(op: i32, mode: i32, pa: usize, pb: usize, ca: i64, cb: i64, out: usize, n: i32, lo: i64, span: u64): bool {
  if (mode == MODE_VS) return i32Loop(op, 1 /* MODE_VS */, pa, pb, ca, cb, out, n, lo, span);
  if (mode == MODE_SV) return i32Loop(op, 2 /* MODE_SV */, pa, pb, ca, cb, out, n, lo, span);
  return i32Loop(op, 0, pa, pb, ca, cb, out, n, lo, span);
}

/** ARITH_I32 dst <- a (c) b. */
export function op_arith_i32(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const op = load<i32>(ins, 20);
  const mode = load<i32>(ins, 24);
  const range = load<i32>(ins, 28);
  const n = vecLen();
  const pa = mode == MODE_SV ? <usize>0 : regValues(a);
  const pb = mode == MODE_VS ? <usize>0 : regValues(b);
  const ca: i64 = mode == MODE_SV ? <i64>load<i32>(pool(a)) : 0;
  const cb: i64 = mode == MODE_VS ? <i64>load<i32>(pool(b)) : 0;
  const nulls = nullsOr(dst, mode == MODE_SV ? <usize>0 : regNulls(a), mode == MODE_VS ? <usize>0 : regNulls(b));
  const out = regOwnValues(dst);
  const lo = rangeLo(range);
  const span = <u64>(rangeHi(range) - lo);
  let bad = false;
  switch (op) {
    case AR_ADD: bad = i32Modes(0 /* AR_ADD */, mode, pa, pb, ca, cb, out, n, lo, span); break;
    case AR_SUB: bad = i32Modes(1 /* AR_SUB */, mode, pa, pb, ca, cb, out, n, lo, span); break;
    case AR_MUL: bad = i32Modes(2 /* AR_MUL */, mode, pa, pb, ca, cb, out, n, lo, span); break;
    case AR_DIV: bad = i32Modes(3 /* AR_DIV */, mode, pa, pb, ca, cb, out, n, lo, span); break;
    default: bad = i32Modes(4 /* AR_MOD */, mode, pa, pb, ca, cb, out, n, lo, span); break;
  }
  setReg(dst, out, nulls);
  if (!bad) return;
  for (let i = 0; i < n; i++) {
    if (isNullAt(nulls, i) || !guardActive(guard, i)) continue;
    const x: i64 = mode == MODE_SV ? ca : <i64>load<i32>(pa + (<usize>i << 2));
    const y: i64 = mode == MODE_VS ? cb : <i64>load<i32>(pb + (<usize>i << 2));
    if ((op == AR_DIV || op == AR_MOD) && y == 0) {
      raiseI64(ERR_DIVIDE_BY_ZERO, i, x, y, true);
      return;
    }
    let r: i64 = 0;
    switch (op) {
      case AR_ADD: r = x + y; break;
      case AR_SUB: r = x - y; break;
      case AR_MUL: r = x * y; break;
      case AR_DIV: r = x / y; break;
      default: r = x % y; break;
    }
    if (<u64>(r - lo) > span) {
      raiseI64(ERR_OVERFLOW, i, x, y, true);
      return;
    }
  }
}

// ---- I64 -------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline function i64Result(op: i32, x: i64, y: i64): i64 {
  if (op == AR_ADD) return x + y;
  if (op == AR_SUB) return x - y;
  if (op == AR_MUL) return x * y;
  const d: i64 = y == 0 || y == -1 ? 1 : y;
  if (op == AR_DIV) return y == -1 ? -x : x / d;
  return y == -1 ? 0 : x % d;
}

/** Conservative overflow flag of the hot loop (MUL: whenever an operand exceeds 32 bits). */
// @ts-ignore: decorator
@inline function i64MaybeBad(op: i32, x: i64, y: i64, r: i64): bool {
  if (op == AR_ADD) return ((x ^ r) & (y ^ r)) < 0;
  if (op == AR_SUB) return ((x ^ y) & (x ^ r)) < 0;
  if (op == AR_MUL) return ((<u64>(x + 0x80000000) | <u64>(y + 0x80000000)) >> 32) != 0;
  if (op == AR_DIV) return y == 0 || (y == -1 && x == I64_MIN);
  return y == 0;
}

// @ts-ignore: decorator
@inline function i64Loop(op: i32, mode: i32, pa: usize, pb: usize, ca: i64, cb: i64, out: usize, n: i32, lim: i64): bool {
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x: i64 = mode == MODE_SV ? ca : load<i64>(pa + (<usize>i << 3));
    const y: i64 = mode == MODE_VS ? cb : load<i64>(pb + (<usize>i << 3));
    const r = i64Result(op, x, y);
    store<i64>(out + (<usize>i << 3), r);
    bad |= i64MaybeBad(op, x, y, r);
    if (lim != 0) bad |= r >= lim || r <= -lim;
  }
  return bad;
}

// @ts-ignore: decorator
@inline function i64Modes(op: i32, mode: i32, pa: usize, pb: usize, ca: i64, cb: i64, out: usize, n: i32, lim: i64): bool {
  if (mode == MODE_VS) return i64Loop(op, 1 /* MODE_VS */, pa, pb, ca, cb, out, n, lim);
  if (mode == MODE_SV) return i64Loop(op, 2 /* MODE_SV */, pa, pb, ca, cb, out, n, lim);
  return i64Loop(op, 0, pa, pb, ca, cb, out, n, lim);
}

/** The error of x (op) y for I64 (0 when none), bounded by |r| < lim when lim != 0. */
function i64Error(op: i32, x: i64, y: i64, lim: i64): i32 {
  if ((op == AR_DIV || op == AR_MOD) && y == 0) return ERR_DIVIDE_BY_ZERO;
  let r: i64 = 0;
  switch (op) {
    case AR_ADD: r = x + y; if (((x ^ r) & (y ^ r)) < 0) return ERR_OVERFLOW; break;
    case AR_SUB: r = x - y; if (((x ^ y) & (x ^ r)) < 0) return ERR_OVERFLOW; break;
    case AR_MUL: if (mulOverflowsI64(x, y)) return ERR_OVERFLOW; r = x * y; break;
    case AR_DIV: if (y == -1 && x == I64_MIN) return ERR_OVERFLOW; r = y == -1 ? -x : x / y; break;
    default: r = y == -1 ? 0 : x % y; break;
  }
  if (lim != 0 && (r >= lim || r <= -lim)) return ERR_OVERFLOW;
  return 0;
}

/** ARITH_I64 dst <- a (c) b, with |result| < 10^e when e > 0 (decimal precision). */
export function op_arith_i64(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const op = load<i32>(ins, 20);
  const mode = load<i32>(ins, 24);
  const precision = load<i32>(ins, 28);
  const n = vecLen();
  const pa = mode == MODE_SV ? <usize>0 : regValues(a);
  const pb = mode == MODE_VS ? <usize>0 : regValues(b);
  const ca: i64 = mode == MODE_SV ? load<i64>(pool(a)) : 0;
  const cb: i64 = mode == MODE_VS ? load<i64>(pool(b)) : 0;
  const nulls = nullsOr(dst, mode == MODE_SV ? <usize>0 : regNulls(a), mode == MODE_VS ? <usize>0 : regNulls(b));
  const out = regOwnValues(dst);
  const lim: i64 = precision > 0 ? pow10(precision) : 0;
  let bad = false;
  switch (op) {
    case AR_ADD: bad = i64Modes(0 /* AR_ADD */, mode, pa, pb, ca, cb, out, n, lim); break;
    case AR_SUB: bad = i64Modes(1 /* AR_SUB */, mode, pa, pb, ca, cb, out, n, lim); break;
    case AR_MUL: bad = i64Modes(2 /* AR_MUL */, mode, pa, pb, ca, cb, out, n, lim); break;
    case AR_DIV: bad = i64Modes(3 /* AR_DIV */, mode, pa, pb, ca, cb, out, n, lim); break;
    default: bad = i64Modes(4 /* AR_MOD */, mode, pa, pb, ca, cb, out, n, lim); break;
  }
  setReg(dst, out, nulls);
  if (!bad) return;
  for (let i = 0; i < n; i++) {
    if (isNullAt(nulls, i) || !guardActive(guard, i)) continue;
    const x: i64 = mode == MODE_SV ? ca : load<i64>(pa + (<usize>i << 3));
    const y: i64 = mode == MODE_VS ? cb : load<i64>(pb + (<usize>i << 3));
    const err = i64Error(op, x, y, lim);
    if (err != 0) {
      raiseI64(err, i, x, y, true);
      return;
    }
  }
}

// ---- F64 -------------------------------------------------------------------------------------

// @ts-ignore: decorator
@inline function f64Loop(op: i32, mode: i32, pa: usize, pb: usize, ca: f64, cb: f64, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x: f64 = mode == MODE_SV ? ca : load<f64>(pa + (<usize>i << 3));
    const y: f64 = mode == MODE_VS ? cb : load<f64>(pb + (<usize>i << 3));
    let r: f64;
    if (op == AR_ADD) r = x + y;
    else if (op == AR_SUB) r = x - y;
    else if (op == AR_MUL) r = x * y;
    else if (op == AR_DIV) r = x / y;
    else r = x % y;
    store<f64>(out + (<usize>i << 3), r);
  }
}

// @ts-ignore: decorator
@inline function f64Modes(op: i32, mode: i32, pa: usize, pb: usize, ca: f64, cb: f64, out: usize, n: i32): void {
  if (mode == MODE_VS) f64Loop(op, 1 /* MODE_VS */, pa, pb, ca, cb, out, n);
  else if (mode == MODE_SV) f64Loop(op, 2 /* MODE_SV */, pa, pb, ca, cb, out, n);
  else f64Loop(op, 0, pa, pb, ca, cb, out, n);
}

/** ARITH_F64 dst <- a (c) b with IEEE semantics (x / 0 is ±Infinity or NaN; % is fmod). */
export function op_arith_f64(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const op = load<i32>(ins, 20);
  const mode = load<i32>(ins, 24);
  const n = vecLen();
  const pa = mode == MODE_SV ? <usize>0 : regValues(a);
  const pb = mode == MODE_VS ? <usize>0 : regValues(b);
  const ca: f64 = mode == MODE_SV ? load<f64>(pool(a)) : 0;
  const cb: f64 = mode == MODE_VS ? load<f64>(pool(b)) : 0;
  const nulls = nullsOr(dst, mode == MODE_SV ? <usize>0 : regNulls(a), mode == MODE_VS ? <usize>0 : regNulls(b));
  const out = regOwnValues(dst);
  switch (op) {
    case AR_ADD: f64Modes(0 /* AR_ADD */, mode, pa, pb, ca, cb, out, n); break;
    case AR_SUB: f64Modes(1 /* AR_SUB */, mode, pa, pb, ca, cb, out, n); break;
    case AR_MUL: f64Modes(2 /* AR_MUL */, mode, pa, pb, ca, cb, out, n); break;
    case AR_DIV: f64Modes(3 /* AR_DIV */, mode, pa, pb, ca, cb, out, n); break;
    default: f64Modes(4 /* AR_MOD */, mode, pa, pb, ca, cb, out, n); break;
  }
  setReg(dst, out, nulls);
}
