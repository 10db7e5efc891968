// State of the sort in progress, shared by the sort family's files as module globals.
//
// A sort is described by a key table (one 32-byte entry per ORDER BY key, built once per call) and,
// for each sorted subset of rows, a normalized-key layout (which keys are encoded into fixed-width
// u64 words, and from which key on ties need the real values). Globals rather than parameters keep
// the hot loops' signatures small; a sort never runs re-entrantly except for dictionary ranking,
// which saves and restores what it changes (see dict-rank.ts).

import { col_is_valid, col_values, KIND_DICT } from '../layout';

// Key table entry (KEY_SIZE bytes per key).
export const KEY_SIZE: usize = 48;
export const KEY_DESC: usize = 0;      // column descriptor pointer
export const KEY_KIND: usize = 4;      // physical kind of the column
export const KEY_FLAGS: usize = 8;     // FLAG_DESC | FLAG_NULLS_FIRST
export const KEY_RANKS: usize = 12;    // DICT: u32 rank per dictionary entry (NULL_RANK: null entry)
export const KEY_RANKS_BYTES: usize = 16; // DICT: size of the rank block, for mem_free
export const KEY_OFFSET: usize = 20;   // byte offset of the encoded field in a normalized record
export const KEY_WIDTH: usize = 24;    // bytes of the encoded value (without the null flag)
export const KEY_HAS_FLAG: usize = 28; // 1 when a null-flag byte precedes the value
export const KEY_MAY_NULL: usize = 32; // 1 when some row may be NULL (validity bitmap, or null dictionary entries)

export const FLAG_DESC: u32 = 1;
export const FLAG_NULLS_FIRST: u32 = 2;

/** Rank of a null dictionary entry. */
export const NULL_RANK: u32 = 0xFFFFFFFF;

/** The key table of the current sort and its number of keys. */
export let keyTable: usize = 0;
export let numKeys: i32 = 0;

/** Rows of the subset being sorted: position p is row rows[p], or p itself when rows is 0. */
export let rows: usize = 0;
/** Normalized keys: u64 words per position (`words` of them), word 0 also kept in `key0`. */
export let words: usize = 0;
export let wordsPerRow: i32 = 1;
/** First key whose order is not fully captured by the words (a UTF8 key), or numKeys. */
export let tieStart: i32 = 0;
/** Whether equal words still need a comparison of later words or of real values. */
export let needTie: bool = false;

export function setKeyTable(table: usize, n: i32): void {
  keyTable = table;
  numKeys = n;
}

export function setSubset(rowList: usize): void {
  rows = rowList;
}

export function setLayout(w: usize, perRow: i32, tie: i32): void {
  words = w;
  wordsPerRow = perRow;
  tieStart = tie;
  needTie = perRow > 1 || tie < numKeys;
}

/** Entry of key k in the key table. */
// @ts-ignore: decorator
@inline export function keyAt(k: i32): usize {
  return keyTable + <usize>k * KEY_SIZE;
}

/** Row of position p of the subset being sorted. */
// @ts-ignore: decorator
@inline export function rowAt(p: usize): usize {
  return rows == 0 ? p : <usize>load<u32>(rows + (p << 2));
}

/** Whether the key's value in `row` is NULL (a null row, or a DICT row whose entry is null). */
export function keyIsNull(key: usize, row: usize): bool {
  const desc = <usize>load<u32>(key, KEY_DESC);
  if (!col_is_valid(desc, row)) return true;
  if (load<u32>(key, KEY_KIND) == KIND_DICT) {
    const code = <usize>load<u32>(col_values(desc) + (row << 2));
    return load<u32>(<usize>load<u32>(key, KEY_RANKS) + (code << 2)) == NULL_RANK;
  }
  return false;
}
