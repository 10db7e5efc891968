// LOAD: brings one input column into a register for the current vector. Fixed-width columns
// without a selection are not copied (the register points into the column); a selection gathers.
// UTF8 and DICT columns become string views; a validity bitmap becomes null bytes, or nothing when
// every row of the vector is valid.
import { KIND_DICT, KIND_UTF8, col_data, col_kind, col_length, col_validity, col_validity_offset, col_values } from '../layout';
import { ERR_COLUMN_KIND, raiseI64 } from './errors';
import { VK_BOOL, VK_I128, VK_I32, VK_STR } from './opcodes';
import { inputDesc, regOwnNulls, regOwnValues, setReg, vecLen, vecSel, vecStart } from './state';

/** Spreads the 8 bits of `nb` (LSB = row 0) into 8 bytes of 0/1. */
// @ts-ignore: decorator
@inline function spreadBits(nb: u64): u64 {
  const t = (nb * 0x0101010101010101) & 0x8040201008040201;
  return ((t + 0x7F7F7F7F7F7F7F7F) >> 7) & 0x0101010101010101;
}

/** Whether bits [p0, p0 + n) of the bitmap are all ones. */
function allValid(bm: usize, p0: usize, n: usize): bool {
  let p = p0;
  const end = p0 + n;
  while (p < end && (p & 7) != 0) {
    if (((load<u8>(bm + (p >> 3)) >> <u8>(p & 7)) & 1) == 0) return false;
    p++;
  }
  while (p + 64 <= end) {
    if (load<u64>(bm + (p >> 3)) != 0xFFFFFFFFFFFFFFFF) return false;
    p += 64;
  }
  while (p + 8 <= end) {
    if (load<u8>(bm + (p >> 3)) != 0xFF) return false;
    p += 8;
  }
  while (p < end) {
    if (((load<u8>(bm + (p >> 3)) >> <u8>(p & 7)) & 1) == 0) return false;
    p++;
  }
  return true;
}

/**
 * Null bytes of rows [p0, p0 + n) of a bitmap (dense), written to `out`; returns `out`, or 0 when
 * all are valid.
 */
export function expandValidityDense(bm: usize, p0: usize, n: i32, out: usize): usize {
  if (bm == 0 || allValid(bm, p0, <usize>n)) return 0;
  const sh = <u32>(p0 & 7);
  let bp = bm + (p0 >> 3);
  let i = 0;
  if (sh == 0) {
    for (; i + 8 <= n; i += 8) {
      store<u64>(out + <usize>i, spreadBits(<u64>(~<u32>load<u8>(bp) & 0xFF)));
      bp++;
    }
  } else {
    for (; i + 8 <= n; i += 8) {
      const bits = (<u32>load<u8>(bp) >> sh) | (<u32>load<u8>(bp + 1) << (8 - sh));
      store<u64>(out + <usize>i, spreadBits(<u64>(~bits & 0xFF)));
      bp++;
    }
  }
  for (; i < n; i++) {
    const p = p0 + <usize>i;
    store<u8>(out + <usize>i, <u8>(((load<u8>(bm + (p >> 3)) >> <u8>(p & 7)) & 1) ^ 1));
  }
  return out;
}

/** Null bytes of the rows `sel[i]` (plus bit offset `off`) of a bitmap; 0 when all are valid. */
export function expandValidityGather(bm: usize, off: usize, sel: usize, n: i32, out: usize): usize {
  if (bm == 0) return 0;
  let any: u32 = 0;
  for (let i = 0; i < n; i++) {
    const p = off + <usize>load<i32>(sel + (<usize>i << 2));
    const nb = <u32>(((load<u8>(bm + (p >> 3)) >> <u8>(p & 7)) & 1) ^ 1);
    store<u8>(out + <usize>i, <u8>nb);
    any |= nb;
  }
  return any != 0 ? out : 0;
}

/** Null bytes of the current vector of a column (own buffer `out`), or 0. */
function columnNulls(desc: usize, out: usize): usize {
  const bm = col_validity(desc);
  if (bm == 0) return 0;
  const off = col_validity_offset(desc);
  const sel = vecSel();
  if (sel == 0) return expandValidityDense(bm, off + <usize>vecStart(), vecLen(), out);
  return expandValidityGather(bm, off, sel, vecLen(), out);
}

// @ts-ignore: decorator
@inline function rowOf(sel: usize, start: i32, i: i32): usize {
  return sel != 0 ? <usize>load<i32>(sel + (<usize>i << 2)) : <usize>(start + i);
}

/** Views of a UTF8 column's rows of the current vector. */
function loadUtf8Views(desc: usize, out: usize): void {
  const offs = col_values(desc);
  const data = col_data(desc);
  const n = vecLen();
  const sel = vecSel();
  const start = vecStart();
  for (let i = 0; i < n; i++) {
    const row = rowOf(sel, start, i);
    const o0 = load<i32>(offs + (row << 2));
    const o1 = load<i32>(offs + (row << 2), 4);
    store<u32>(out + (<usize>i << 3), <u32>(data + <usize>o0));
    store<u32>(out + (<usize>i << 3), <u32>(o1 - o0), 4);
  }
}

/**
 * Views of a DICT column's rows through its dictionary; out-of-range codes (possible under NULL)
 * give ''. Returns whether a row references a NULL dictionary entry.
 */
function loadDictViews(desc: usize, out: usize): bool {
  const codes = col_values(desc);
  const dict = col_data(desc);
  const dOffs = col_values(dict);
  const dData = col_data(dict);
  const dLen = col_length(dict);
  const dValidity = col_validity(dict);
  const n = vecLen();
  const sel = vecSel();
  const start = vecStart();
  let dictNull = false;
  for (let i = 0; i < n; i++) {
    const code = load<u32>(codes + (rowOf(sel, start, i) << 2));
    let p: u32 = 0;
    let len: u32 = 0;
    if (code < dLen) {
      const o0 = load<i32>(dOffs + (<usize>code << 2));
      p = <u32>(dData + <usize>o0);
      len = <u32>(load<i32>(dOffs + (<usize>code << 2), 4) - o0);
      if (dValidity != 0 && !bitSet(dValidity, col_validity_offset(dict) + <usize>code)) dictNull = true;
    }
    store<u32>(out + (<usize>i << 3), p);
    store<u32>(out + (<usize>i << 3), len, 4);
  }
  return dictNull;
}

// @ts-ignore: decorator
@inline function bitSet(bm: usize, bit: usize): bool {
  return ((load<u8>(bm + (bit >> 3)) >> <u8>(bit & 7)) & 1) != 0;
}

/** Adds to `out` (null bytes, or 0 for none yet) the rows whose dictionary entry is NULL. */
function markDictNulls(desc: usize, nulls: usize, out: usize): usize {
  const n = vecLen();
  if (nulls == 0) memory.fill(out, 0, <usize>n);
  const codes = col_values(desc);
  const dict = col_data(desc);
  const dValidity = col_validity(dict);
  const dLen = col_length(dict);
  const sel = vecSel();
  const start = vecStart();
  for (let i = 0; i < n; i++) {
    const code = load<u32>(codes + (rowOf(sel, start, i) << 2));
    if (code < dLen && !bitSet(dValidity, col_validity_offset(dict) + <usize>code)) store<u8>(out + <usize>i, 1);
  }
  return out;
}

let overrideCol: i32 = -1;
let overrideDesc: usize = 0;
let overrideNullRow: bool = false;

/**
 * Makes LOAD of column `col` read `desc` (a dictionary's UTF8 column, rows as the current vector)
 * or, with `nullRow`, a single NULL; col -1 ends the override.
 */
export function setLoadOverride(col: i32, desc: usize, nullRow: bool): void {
  overrideCol = col;
  overrideDesc = desc;
  overrideNullRow = nullRow;
}

/** LOAD dst <- column a, expecting VM kind b. */
export function op_load(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const col = load<i32>(ins, 12);
  const kind = load<i32>(ins, 16);
  if (col == overrideCol) {
    const own = regOwnValues(dst);
    if (overrideNullRow) {
      store<u64>(own, 0);
      store<u8>(regOwnNulls(dst), 1);
      setReg(dst, own, regOwnNulls(dst));
    } else {
      loadUtf8Views(overrideDesc, own);
      setReg(dst, own, columnNulls(overrideDesc, regOwnNulls(dst)));
    }
    return;
  }
  const desc = inputDesc(col);
  const ck = <i32>col_kind(desc);
  const own = regOwnValues(dst);
  const ownNulls = regOwnNulls(dst);
  if (kind == VK_STR) {
    if (ck == <i32>KIND_UTF8) {
      loadUtf8Views(desc, own);
      setReg(dst, own, columnNulls(desc, ownNulls));
    } else if (ck == <i32>KIND_DICT) {
      let nulls = columnNulls(desc, ownNulls);
      if (loadDictViews(desc, own)) nulls = markDictNulls(desc, nulls, ownNulls);
      setReg(dst, own, nulls);
    } else {
      raiseI64(ERR_COLUMN_KIND, 0, col, ck, true);
    }
    return;
  }
  if (ck != kind) {
    raiseI64(ERR_COLUMN_KIND, 0, col, ck, true);
    return;
  }
  const shift: usize = kind == VK_BOOL ? 0 : kind == VK_I32 ? 2 : kind == VK_I128 ? 4 : 3;
  const values = col_values(desc);
  const sel = vecSel();
  const n = vecLen();
  let ptr = own;
  if (sel == 0) {
    ptr = values + (<usize>vecStart() << shift);
  } else if (shift == 0) {
    for (let i = 0; i < n; i++) store<u8>(own + <usize>i, load<u8>(values + <usize>load<i32>(sel + (<usize>i << 2))));
  } else if (shift == 2) {
    for (let i = 0; i < n; i++) store<i32>(own + (<usize>i << 2), load<i32>(values + (<usize>load<i32>(sel + (<usize>i << 2)) << 2)));
  } else if (shift == 3) {
    for (let i = 0; i < n; i++) store<i64>(own + (<usize>i << 3), load<i64>(values + (<usize>load<i32>(sel + (<usize>i << 2)) << 3)));
  } else {
    for (let i = 0; i < n; i++) memory.copy(own + (<usize>i << 4), values + (<usize>load<i32>(sel + (<usize>i << 2)) << 4), 16);
  }
  setReg(dst, ptr, columnNulls(desc, ownNulls));
}

