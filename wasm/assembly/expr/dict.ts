// Dictionary regions (see OP_DICT_BEGIN): evaluate a string subexpression once per dictionary
// entry instead of once per row, then map each row's code to the entry's result.
import { arena_alloc } from '../memory';
import { KIND_DICT, col_data, col_kind, col_length, col_validity, col_validity_offset, col_values } from '../layout';
import { setLoadOverride } from './load';
import { VK_BOOL, VK_I32 } from './opcodes';
import { inputDesc, regNulls, regOwnNulls, regOwnValues, regValues, setReg, setVector, vecLen, vecSel, vecStart } from './state';

const MODE_ROWS: i32 = 0;
const MODE_TABLE: i32 = 1;

// @ts-ignore: decorator
@inline function widthOf(kind: i32): usize { return kind == VK_BOOL ? 1 : kind == VK_I32 ? 4 : 8; }

/**
 * Whether region `ins` runs over the dictionary for a batch of `n` rows; if so, allocates its
 * table (arena) and marks the instruction, and the caller fills the table with fillTable().
 * Returns the table, or 0 when the region runs row by row.
 */
export function beginRegion(ins: usize, n: i32): usize {
  store<i32>(ins, MODE_ROWS, 24);
  const desc = inputDesc(load<i32>(ins, 12));
  if (col_kind(desc) != KIND_DICT) return 0;
  const dLen = <i32>col_length(col_data(desc));
  if (dLen > n) return 0;
  const w = widthOf(load<i32>(ins, 20));
  const table = arena_alloc(<usize>(dLen + 1) * (w + 1));
  store<i32>(ins, MODE_TABLE, 24);
  store<u32>(ins, <u32>table, 28);
  return table;
}

/** Entries of the region's dictionary (its table has one more, for NULL). */
export function regionEntries(ins: usize): i32 {
  return <i32>col_length(col_data(inputDesc(load<i32>(ins, 12))));
}

/** Points LOAD of the region's column at dictionary entries [start, start + len) (start = entries: the NULL entry). */
export function regionChunk(ins: usize, start: i32, len: i32): void {
  const entries = regionEntries(ins);
  const col = load<i32>(ins, 12);
  setLoadOverride(col, col_data(inputDesc(col)), start == entries);
  setVector(start == entries ? 0 : start, len, 0);
}

/** Copies the region result `result` for entries [start, start + len) into the table. */
export function fillTable(ins: usize, result: i32, start: i32, len: i32): void {
  const w = widthOf(load<i32>(ins, 20));
  const table = <usize>load<u32>(ins, 28);
  const tableNulls = table + <usize>(regionEntries(ins) + 1) * w;
  memory.copy(table + <usize>start * w, regValues(result), <usize>len * w);
  const nulls = regNulls(result);
  if (nulls == 0) memory.fill(tableNulls + <usize>start, 0, <usize>len);
  else memory.copy(tableNulls + <usize>start, nulls, <usize>len);
}

/** Ends LOAD overrides. */
export function endRegion(): void {
  setLoadOverride(-1, 0, false);
}

/** DICT_BEGIN at instruction k: maps codes (table mode) and returns the next instruction. */
export function op_dict_begin(ins: usize, k: i32): i32 {
  if (load<i32>(ins, 24) != MODE_TABLE) return k + 1;
  const dst = load<i32>(ins, 4);
  const desc = inputDesc(load<i32>(ins, 12));
  const kind = load<i32>(ins, 20);
  const w = widthOf(kind);
  const table = <usize>load<u32>(ins, 28);
  const dict = col_data(desc);
  const dLen = col_length(dict);
  const tableNulls = table + <usize>(dLen + 1) * w;
  const codes = col_values(desc);
  const bm = col_validity(desc);
  const off = col_validity_offset(desc);
  const n = vecLen();
  const sel = vecSel();
  const start = vecStart();
  const out = regOwnValues(dst);
  const nulls = regOwnNulls(dst);
  let anyNull: u32 = 0;
  for (let i = 0; i < n; i++) {
    const row = sel != 0 ? <usize>load<i32>(sel + (<usize>i << 2)) : <usize>(start + i);
    let code = load<u32>(codes + (row << 2));
    if (code >= dLen) code = dLen;
    if (bm != 0) {
      const bit = off + row;
      if (((load<u8>(bm + (bit >> 3)) >> <u8>(bit & 7)) & 1) == 0) code = dLen;
    }
    if (w == 1) store<u8>(out + <usize>i, load<u8>(table + <usize>code));
    else if (w == 4) store<u32>(out + (<usize>i << 2), load<u32>(table + (<usize>code << 2)));
    else store<u64>(out + (<usize>i << 3), load<u64>(table + (<usize>code << 3)));
    const nb = load<u8>(tableNulls + <usize>code);
    store<u8>(nulls + <usize>i, nb);
    anyNull |= nb;
  }
  setReg(dst, out, anyNull != 0 ? nulls : 0);
  return k + load<i32>(ins, 16);
}

/** DICT_END dst <- a: the region ran row by row. */
export function op_dict_end(ins: usize): void {
  const a = load<i32>(ins, 12);
  setReg(load<i32>(ins, 4), regValues(a), regNulls(a));
}
