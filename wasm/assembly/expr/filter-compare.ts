// The fused form of the most common predicate, `column <op> literal` on an I32, I64 or F64 column:
// one pass over the column compares 8 rows per step with v128 and appends the matching row
// indices to the selection straight from the lane mask (compact.ts's position table), with no
// intermediate BOOL vector and no per-vector dispatch. A streaming loop like this keeps the
// memory system busy: the generic VM path alternates a compare and a compaction phase per
// 1,024-row vector and ran at half the bandwidth on a 10M-row column (16 ms vs 8 ms measured).
//
// Semantics are the VM's (compare.ts): NaN equals NaN and is greater than every other double,
// -0 equals 0, NULL rows are never kept. With a literal that is not NaN each operator is a single
// IEEE comparison, possibly negated: GT = NOT (x <= c), GE = NOT (x < c), NE = NOT (x == c), all
// TRUE for a NaN x; a NaN literal takes the generic path.

import { col_kind, col_validity, col_validity_offset, col_values } from '../layout';
import { appendMask8, ensurePositions } from './compact';
import { CMP_EQ, CMP_GE, CMP_GT, CMP_LE, CMP_LT, CMP_NE, MODE_SV, MODE_VS, OP_CMP_F64, OP_CMP_I32, OP_CMP_I64, OP_LOAD, VK_F64, VK_I32, VK_I64 } from './opcodes';
import { H_BODY_START, H_CODE, H_NUM_INSTR, hdr } from './program';
import { inputDesc, pool } from './state';

/** The same comparison with its operands exchanged (c op x == x swapped(op) c). */
function swapped(op: i32): i32 {
  if (op == CMP_LT) return CMP_GT;
  if (op == CMP_GT) return CMP_LT;
  if (op == CMP_LE) return CMP_GE;
  if (op == CMP_GE) return CMP_LE;
  return op;
}

// The operator is a type argument O, so that each (type, operator) pair is its own loop: an
// operator passed as a value, even a literal, was left as a run-time test in the inlined loop.
// O encodes it by size and signedness: u8 EQ, i8 NE, u16 LT, i16 LE, u32 GT, i32 GE.
// @ts-ignore: decorator
@inline function opOf<O>(): i32 {
  return (sizeof<O>() == 1 ? CMP_EQ : sizeof<O>() == 2 ? CMP_LT : CMP_GT) + (isSigned<O>() ? 1 : 0);
}

/** Mask of rows whose comparison is TRUE among 2 (i64/f64) or 4 (i32) lanes, as lane bits. */
// @ts-ignore: decorator
@inline function laneBits<T, O>(x: v128, c: v128): u32 {
  const op = opOf<O>();
  if (isFloat<T>()) {
    if (op == CMP_EQ) return <u32>i64x2.bitmask(f64x2.eq(x, c));
    if (op == CMP_NE) return <u32>i64x2.bitmask(f64x2.eq(x, c)) ^ 3;
    if (op == CMP_LT) return <u32>i64x2.bitmask(f64x2.lt(x, c));
    if (op == CMP_LE) return <u32>i64x2.bitmask(f64x2.le(x, c));
    if (op == CMP_GT) return <u32>i64x2.bitmask(f64x2.le(x, c)) ^ 3;
    return <u32>i64x2.bitmask(f64x2.lt(x, c)) ^ 3;
  }
  if (sizeof<T>() == 8) {
    if (op == CMP_EQ) return <u32>i64x2.bitmask(i64x2.eq(x, c));
    if (op == CMP_NE) return <u32>i64x2.bitmask(i64x2.ne(x, c));
    if (op == CMP_LT) return <u32>i64x2.bitmask(i64x2.lt_s(x, c));
    if (op == CMP_LE) return <u32>i64x2.bitmask(i64x2.le_s(x, c));
    if (op == CMP_GT) return <u32>i64x2.bitmask(i64x2.gt_s(x, c));
    return <u32>i64x2.bitmask(i64x2.ge_s(x, c));
  }
  if (op == CMP_EQ) return <u32>i32x4.bitmask(i32x4.eq(x, c));
  if (op == CMP_NE) return <u32>i32x4.bitmask(i32x4.ne(x, c));
  if (op == CMP_LT) return <u32>i32x4.bitmask(i32x4.lt_s(x, c));
  if (op == CMP_LE) return <u32>i32x4.bitmask(i32x4.le_s(x, c));
  if (op == CMP_GT) return <u32>i32x4.bitmask(i32x4.gt_s(x, c));
  return <u32>i32x4.bitmask(i32x4.ge_s(x, c));
}

/** The scalar comparison (the same semantics as laneBits). */
// @ts-ignore: decorator
@inline function holds<T, O>(x: T, c: T): bool {
  const op = opOf<O>();
  if (op == CMP_EQ) return x == c;
  if (op == CMP_NE) return !(x == c);
  if (op == CMP_LT) return x < c;
  if (op == CMP_LE) return x <= c;
  if (op == CMP_GT) return !(x <= c);
  return !(x < c);
}

/** Truth bits of the 8 rows at `p` (bit k = row k). */
// @ts-ignore: decorator
@inline function mask8<T, O>(p: usize, c: v128): u32 {
  if (sizeof<T>() == 8) {
    return laneBits<T, O>(v128.load(p), c) | (laneBits<T, O>(v128.load(p, 16), c) << 2)
      | (laneBits<T, O>(v128.load(p, 32), c) << 4) | (laneBits<T, O>(v128.load(p, 48), c) << 6);
  }
  return laneBits<T, O>(v128.load(p), c) | (laneBits<T, O>(v128.load(p, 16), c) << 4);
}

/** Validity bits of rows [p, p + 8) of a bitmap (bit k = row p + k). */
// @ts-ignore: decorator
@inline export function validity8(bm: usize, p: usize): u32 {
  const sh = <u32>(p & 7);
  const lo = <u32>load<u8>(bm + (p >> 3));
  if (sh == 0) return lo;
  return ((lo >> sh) | (<u32>load<u8>(bm + (p >> 3) + 1) << (8 - sh))) & 0xFF;
}

/** Appends the rows i < n with `values[i] O c` (and valid, when bm != 0) to `out`; returns the count. */
function scan<T, O>(values: usize, n: i32, c: T, bm: usize, bmOff: usize, out: usize): i32 {
  const cv = sizeof<T>() == 8 ? (isFloat<T>() ? f64x2.splat(<f64>c) : i64x2.splat(<i64>c)) : i32x4.splat(<i32>c);
  let count = 0;
  let i = 0;
  if (bm == 0) {
    for (; i + 16 <= n; i += 16) {
      const bits = mask16<T, O>(values + (<usize>i << alignof<T>()), cv);
      count = appendMask8(bits & 0xFF, i, out, count);
      count = appendMask8(bits >> 8, i + 8, out, count);
    }
    for (; i + 8 <= n; i += 8) count = appendMask8(mask8<T, O>(values + (<usize>i << alignof<T>()), cv), i, out, count);
  } else {
    for (; i + 16 <= n; i += 16) {
      const bits = mask16<T, O>(values + (<usize>i << alignof<T>()), cv) & validity16(bm, bmOff + <usize>i);
      count = appendMask8(bits & 0xFF, i, out, count);
      count = appendMask8(bits >> 8, i + 8, out, count);
    }
    for (; i + 8 <= n; i += 8) {
      const bits = mask8<T, O>(values + (<usize>i << alignof<T>()), cv) & validity8(bm, bmOff + <usize>i);
      count = appendMask8(bits, i, out, count);
    }
  }
  for (; i < n; i++) {
    store<i32>(out + (<usize>count << 2), i);
    let keep = holds<T, O>(load<T>(values + (<usize>i << alignof<T>())), c);
    if (bm != 0) {
      const p = bmOff + <usize>i;
      keep = keep && ((load<u8>(bm + (p >> 3)) >> <u8>(p & 7)) & 1) != 0;
    }
    count += <i32>keep;
  }
  return count;
}

/**
 * Appends the rows of the selection sel[0..n) with `values[row] O c` (and valid, when bm != 0)
 * to `out`; returns the count. Branch-free: each row is written and the count advanced by the
 * outcome, so a later conjunct over an earlier one's survivors costs one pass over them.
 */
function scanSelected<T, O>(values: usize, sel: usize, n: i32, c: T, bm: usize, bmOff: usize, out: usize): i32 {
  let count = 0;
  for (let k = 0; k < n; k++) {
    const row = <usize>load<u32>(sel + (<usize>k << 2));
    store<u32>(out + (<usize>count << 2), <u32>row);
    let keep = holds<T, O>(load<T>(values + (row << alignof<T>())), c);
    if (bm != 0) {
      const p = bmOff + row;
      keep = keep && ((load<u8>(bm + (p >> 3)) >> <u8>(p & 7)) & 1) != 0;
    }
    count += <i32>keep;
  }
  return count;
}

// @ts-ignore: decorator
@inline function byOp<T>(op: i32, values: usize, n: i32, c: T, bm: usize, bmOff: usize, sel: usize, selLen: i32, out: usize): i32 {
  if (sel != 0) {
    switch (op) {
      case CMP_EQ: return scanSelected<T, u8>(values, sel, selLen, c, bm, bmOff, out);
      case CMP_NE: return scanSelected<T, i8>(values, sel, selLen, c, bm, bmOff, out);
      case CMP_LT: return scanSelected<T, u16>(values, sel, selLen, c, bm, bmOff, out);
      case CMP_LE: return scanSelected<T, i16>(values, sel, selLen, c, bm, bmOff, out);
      case CMP_GT: return scanSelected<T, u32>(values, sel, selLen, c, bm, bmOff, out);
      default: return scanSelected<T, i32>(values, sel, selLen, c, bm, bmOff, out);
    }
  }
  switch (op) {
    case CMP_EQ: return scan<T, u8>(values, n, c, bm, bmOff, out);
    case CMP_NE: return scan<T, i8>(values, n, c, bm, bmOff, out);
    case CMP_LT: return scan<T, u16>(values, n, c, bm, bmOff, out);
    case CMP_LE: return scan<T, i16>(values, n, c, bm, bmOff, out);
    case CMP_GT: return scan<T, u32>(values, n, c, bm, bmOff, out);
    default: return scan<T, i32>(values, n, c, bm, bmOff, out);
  }
}

/**
 * When the bound program's body is exactly `LOAD r <- column; CMP r <op> literal` (the output,
 * register `outReg`) over an I32, I64 or F64 column of that kind, filters the `numRows` rows (or
 * the selLen rows of the selection selPtr) in one pass into `out` and returns the count;
 * otherwise returns -1 and the caller runs the VM.
 */
export function tryFilterCompare(prog: usize, outReg: i32, numRows: i32, selPtr: usize, selLen: i32, out: usize): i32 {
  const body = <i32>hdr(prog, H_BODY_START);
  if (<i32>hdr(prog, H_NUM_INSTR) - body != 2) return -1;
  const ld = hdr(prog, H_CODE) + (<usize>body << 5);
  const cmp = ld + 32;
  if (load<i32>(ld) != OP_LOAD) return -1;
  const reg = load<i32>(ld, 4);
  const kind = load<i32>(ld, 16);
  const desc = inputDesc(load<i32>(ld, 12));
  if (<i32>col_kind(desc) != kind) return -1;
  const cop = load<i32>(cmp);
  const expected = kind == VK_F64 ? OP_CMP_F64 : kind == VK_I64 ? OP_CMP_I64 : kind == VK_I32 ? OP_CMP_I32 : -1;
  if (cop != expected || load<i32>(cmp, 4) != outReg) return -1;
  const mode = load<i32>(cmp, 24);
  let op = load<i32>(cmp, 20);
  if (op < CMP_EQ || op > CMP_GE) return -1;
  let lit: usize;
  if (mode == MODE_VS && load<i32>(cmp, 12) == reg) {
    lit = pool(load<i32>(cmp, 16));
  } else if (mode == MODE_SV && load<i32>(cmp, 16) == reg) {
    lit = pool(load<i32>(cmp, 12));
    op = swapped(op);
  } else {
    return -1;
  }
  ensurePositions();
  const values = col_values(desc);
  const bm = col_validity(desc);
  const bmOff = col_validity_offset(desc);
  if (kind == VK_F64) {
    const c = load<f64>(lit);
    if (c != c) return -1;
    return byOp<f64>(op, values, numRows, c, bm, bmOff, selPtr, selLen, out);
  }
  if (kind == VK_I64) return byOp<i64>(op, values, numRows, load<i64>(lit), bm, bmOff, selPtr, selLen, out);
  return byOp<i32>(op, values, numRows, load<i32>(lit), bm, bmOff, selPtr, selLen, out);
}

/**
 * Lanes all ones where `x O c` holds, for one v128 of T (the semantics of laneBits), except for
 * the DOUBLE operators that are a negation (NE, GT, GE: see the file comment): those give the
 * lanes of the comparison they negate and mask16 inverts its bits once.
 */
// @ts-ignore: decorator
@inline function laneMask<T, O>(x: v128, c: v128): v128 {
  const op = opOf<O>();
  if (isFloat<T>()) {
    if (op == CMP_EQ || op == CMP_NE) return f64x2.eq(x, c);
    if (op == CMP_LT || op == CMP_GE) return f64x2.lt(x, c);
    return f64x2.le(x, c);
  }
  if (sizeof<T>() == 8) {
    if (op == CMP_EQ) return i64x2.eq(x, c);
    if (op == CMP_NE) return i64x2.ne(x, c);
    if (op == CMP_LT) return i64x2.lt_s(x, c);
    if (op == CMP_LE) return i64x2.le_s(x, c);
    if (op == CMP_GT) return i64x2.gt_s(x, c);
    return i64x2.ge_s(x, c);
  }
  if (op == CMP_EQ) return i32x4.eq(x, c);
  if (op == CMP_NE) return i32x4.ne(x, c);
  if (op == CMP_LT) return i32x4.lt_s(x, c);
  if (op == CMP_LE) return i32x4.le_s(x, c);
  if (op == CMP_GT) return i32x4.gt_s(x, c);
  return i32x4.ge_s(x, c);
}

/** The bits to flip after laneMask: all 16 for a negated DOUBLE comparison. */
// @ts-ignore: decorator
@inline function flip16<T, O>(): u32 {
  const op = opOf<O>();
  return isFloat<T>() && (op == CMP_NE || op == CMP_GT || op == CMP_GE) ? 0xFFFF : 0;
}

/**
 * Truth bits of the 16 rows at `p` (bit k = row k): the lane masks are narrowed to one byte per
 * row and read with a single bitmask, cheaper than four or eight two-lane bitmasks.
 */
// @ts-ignore: decorator
@inline function mask16<T, O>(p: usize, c: v128): u32 {
  if (sizeof<T>() == 8) {
    const a = i16x8.narrow_i32x4_s(
      i32x4.shuffle(laneMask<T, O>(v128.load(p), c), laneMask<T, O>(v128.load(p, 16), c), 0, 2, 4, 6),
      i32x4.shuffle(laneMask<T, O>(v128.load(p, 32), c), laneMask<T, O>(v128.load(p, 48), c), 0, 2, 4, 6));
    const b = i16x8.narrow_i32x4_s(
      i32x4.shuffle(laneMask<T, O>(v128.load(p, 64), c), laneMask<T, O>(v128.load(p, 80), c), 0, 2, 4, 6),
      i32x4.shuffle(laneMask<T, O>(v128.load(p, 96), c), laneMask<T, O>(v128.load(p, 112), c), 0, 2, 4, 6));
    return <u32>i8x16.bitmask(i8x16.narrow_i16x8_s(a, b)) ^ flip16<T, O>();
  }
  const a = i16x8.narrow_i32x4_s(laneMask<T, O>(v128.load(p), c), laneMask<T, O>(v128.load(p, 16), c));
  const b = i16x8.narrow_i32x4_s(laneMask<T, O>(v128.load(p, 32), c), laneMask<T, O>(v128.load(p, 48), c));
  return <u32>i8x16.bitmask(i8x16.narrow_i16x8_s(a, b));
}

/** Validity bits of rows [p, p + 16) of a bitmap (bit k = row p + k); reads only the bytes holding them. */
// @ts-ignore: decorator
@inline function validity16(bm: usize, p: usize): u32 {
  const at = bm + (p >> 3);
  const sh = <u32>(p & 7);
  if (sh == 0) return <u32>load<u16>(at);
  return ((<u32>load<u16>(at) | (<u32>load<u8>(at + 2) << 16)) >> sh) & 0xFFFF;
}

/**
 * Writes the truth bits of `values[i] O c` (and valid, when bm != 0) for i < n, 8 rows per byte;
 * returns how many are set.
 */
function maskScan<T, O>(values: usize, n: i32, c: T, bm: usize, bmOff: usize, out: usize): i32 {
  const cv = sizeof<T>() == 8 ? (isFloat<T>() ? f64x2.splat(<f64>c) : i64x2.splat(<i64>c)) : i32x4.splat(<i32>c);
  let i = 0;
  let count = 0;
  if (bm == 0) {
    for (; i + 16 <= n; i += 16) {
      const bits = mask16<T, O>(values + (<usize>i << alignof<T>()), cv);
      store<u16>(out + (<usize>i >> 3), <u16>bits);
      count += <i32>popcnt(bits);
    }
  } else {
    for (; i + 16 <= n; i += 16) {
      const bits = mask16<T, O>(values + (<usize>i << alignof<T>()), cv) & validity16(bm, bmOff + <usize>i);
      store<u16>(out + (<usize>i >> 3), <u16>bits);
      count += <i32>popcnt(bits);
    }
  }
  for (; i + 8 <= n; i += 8) {
    let bits = mask8<T, O>(values + (<usize>i << alignof<T>()), cv);
    if (bm != 0) bits &= validity8(bm, bmOff + <usize>i);
    store<u8>(out + (<usize>i >> 3), <u8>bits);
    count += <i32>popcnt(bits);
  }
  if (i == n) return count;
  let bits: u32 = 0;
  for (let k = 0; i + k < n; k++) {
    let keep = holds<T, O>(load<T>(values + (<usize>(i + k) << alignof<T>())), c);
    if (bm != 0) {
      const p = bmOff + <usize>(i + k);
      keep = keep && ((load<u8>(bm + (p >> 3)) >> <u8>(p & 7)) & 1) != 0;
    }
    bits |= <u32>keep << <u32>k;
  }
  store<u8>(out + (<usize>i >> 3), <u8>bits);
  return count + <i32>popcnt(bits);
}

// @ts-ignore: decorator
@inline function maskByOp<T>(op: i32, values: usize, n: i32, c: T, bm: usize, bmOff: usize, out: usize): i32 {
  switch (op) {
    case CMP_EQ: return maskScan<T, u8>(values, n, c, bm, bmOff, out);
    case CMP_NE: return maskScan<T, i8>(values, n, c, bm, bmOff, out);
    case CMP_LT: return maskScan<T, u16>(values, n, c, bm, bmOff, out);
    case CMP_LE: return maskScan<T, i16>(values, n, c, bm, bmOff, out);
    case CMP_GT: return maskScan<T, u32>(values, n, c, bm, bmOff, out);
    default: return maskScan<T, i32>(values, n, c, bm, bmOff, out);
  }
}

/**
 * The predicate `column <op> literal` over rows start..start+n-1 of the column `desc` (I32, I64
 * or F64) as a bitmap (bit i of byte i/8 = row start+i is TRUE: valid and the comparison holds),
 * with the semantics of the VM's comparison. `lit` points to the literal (4 bytes for I32, else 8).
 * Returns the number of TRUE rows, or -1, writing nothing, for another kind, an operator outside
 * EQ..GE or a NaN literal.
 */
export function compare_mask(desc: usize, op: i32, lit: usize, start: usize, n: i32, out: usize): i32 {
  if (op < CMP_EQ || op > CMP_GE) return -1;
  const kind = <i32>col_kind(desc);
  const values = col_values(desc) + (start << (kind == VK_I32 ? 2 : 3));
  const bm = col_validity(desc);
  const bmOff = col_validity_offset(desc) + start;
  if (kind == VK_F64) {
    const c = load<f64>(lit);
    if (c != c) return -1;
    return maskByOp<f64>(op, values, n, c, bm, bmOff, out);
  }
  if (kind == VK_I64) return maskByOp<i64>(op, values, n, load<i64>(lit), bm, bmOff, out);
  if (kind == VK_I32) return maskByOp<i32>(op, values, n, load<i32>(lit), bm, bmOff, out);
  return -1;
}
