// SQL three-valued logic over BOOL registers (values 0/1, null bytes 1 = NULL), and the null and
// truth tests. Without nulls AND/OR are a plain byte-wise and/or; with nulls, FALSE AND NULL is
// FALSE and TRUE OR NULL is TRUE. Loops run 8 rows per u64 word, then a byte tail.
import { OP_IS_FALSE, OP_IS_NOT_FALSE, OP_IS_NOT_NULL, OP_IS_NOT_TRUE, OP_IS_NULL } from './opcodes';
import { regNulls, regOwnNulls, regOwnValues, regValues, setReg, vecLen } from './state';

const ONES: u64 = 0x0101010101010101;

/** AND (and = true) or OR of registers a and b. */
export function op_and_or(ins: usize, and: bool): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const n = <usize>vecLen();
  const va = regValues(a);
  const vb = regValues(b);
  const na = regNulls(a);
  const nb = regNulls(b);
  const out = regOwnValues(dst);
  let i: usize = 0;
  if (na == 0 && nb == 0) {
    if (and) {
      for (; i + 8 <= n; i += 8) store<u64>(out + i, load<u64>(va + i) & load<u64>(vb + i));
      for (; i < n; i++) store<u8>(out + i, load<u8>(va + i) & load<u8>(vb + i));
    } else {
      for (; i + 8 <= n; i += 8) store<u64>(out + i, load<u64>(va + i) | load<u64>(vb + i));
      for (; i < n; i++) store<u8>(out + i, load<u8>(va + i) | load<u8>(vb + i));
    }
    setReg(dst, out, 0);
    return;
  }
  // With nulls: the dominant value (FALSE for AND, TRUE for OR) wins over NULL.
  const nOut = regOwnNulls(dst);
  const d: u64 = and ? 0 : 1; // the value that decides
  for (; i < n; i++) {
    const x = <u64>load<u8>(va + i);
    const y = <u64>load<u8>(vb + i);
    const xn = na != 0 ? <u64>load<u8>(na + i) : 0;
    const yn = nb != 0 ? <u64>load<u8>(nb + i) : 0;
    const decided = ((xn ^ 1) & ((x ^ d) ^ 1)) | ((yn ^ 1) & ((y ^ d) ^ 1));
    const isNull = (decided ^ 1) & (xn | yn);
    const v = decided != 0 ? d : (and ? x & y : x | y) & (isNull ^ 1);
    store<u8>(out + i, <u8>v);
    store<u8>(nOut + i, <u8>isNull);
  }
  setReg(dst, out, nOut);
}

/** NOT a: flips values, keeps (shares) the null bytes. */
export function op_not(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = <usize>vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) store<u64>(out + i, load<u64>(va + i) ^ ONES);
  for (; i < n; i++) store<u8>(out + i, load<u8>(va + i) ^ 1);
  setReg(dst, out, regNulls(a));
}

/** IS [NOT] NULL and IS [NOT] TRUE/FALSE of register a: results without nulls. */
export function op_test(ins: usize, op: i32): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = <usize>vecLen();
  const na = regNulls(a);
  const out = regOwnValues(dst);
  if (op == OP_IS_NULL || op == OP_IS_NOT_NULL) {
    const flip: u64 = op == OP_IS_NULL ? 0 : ONES;
    if (na == 0) {
      memory.fill(out, op == OP_IS_NULL ? 0 : 1, n);
    } else {
      let i: usize = 0;
      for (; i + 8 <= n; i += 8) store<u64>(out + i, load<u64>(na + i) ^ flip);
      for (; i < n; i++) store<u8>(out + i, load<u8>(na + i) ^ <u8>(flip & 1));
    }
    setReg(dst, out, 0);
    return;
  }
  // Truth tests: IS TRUE = v & !null; IS FALSE = !v & !null; the NOT forms flip the result.
  const va = regValues(a);
  const wantFalse: u64 = op == OP_IS_FALSE || op == OP_IS_NOT_FALSE ? ONES : 0;
  const flip: u64 = op == OP_IS_NOT_TRUE || op == OP_IS_NOT_FALSE ? ONES : 0;
  let i: usize = 0;
  if (na == 0) {
    for (; i + 8 <= n; i += 8) store<u64>(out + i, load<u64>(va + i) ^ wantFalse ^ flip);
    for (; i < n; i++) store<u8>(out + i, <u8>((<u64>load<u8>(va + i) ^ wantFalse ^ flip) & 1));
  } else {
    for (; i + 8 <= n; i += 8) store<u64>(out + i, ((load<u64>(va + i) ^ wantFalse) & (load<u64>(na + i) ^ ONES)) ^ flip);
    for (; i < n; i++) {
      const v = ((<u64>load<u8>(va + i) ^ wantFalse) & (<u64>load<u8>(na + i) ^ 1)) ^ flip;
      store<u8>(out + i, <u8>(v & 1));
    }
  }
  setReg(dst, out, 0);
}

