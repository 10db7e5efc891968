// Dictionary encoding of a UTF8 column at import: one pass over the rows that assigns each
// distinct string a dense i32 code (in order of first appearance) through an open-addressing hash
// table, writing the codes and appending each new string to the dictionary being built.
//
// A slot holds a string of up to INLINE_BYTES bytes itself (its zero-padded words), so a row
// whose string is short finds its code with one slot read and no visit to the dictionary; longer
// strings are compared with the dictionary's bytes. The slot's tag is 24 bits of the string's
// hash with its length (capped at 255) in the top byte, so equal tags mean equal lengths for
// short strings, and the slot index is the tag's low bits (at most 2^24 slots).
//
// The builder owns no memory of its own: its hash slots, dictionary offsets and dictionary bytes
// are blocks the caller (bindings/dictionary-encoder.ts) allocates and frees, so that an import
// that fails or gives up leaks nothing. When a block is full, or the distinct count would pass
// the caller's limit, dict_encode stops before the row that needed room and reports why in the
// header; the caller grows the block (or gives up) and calls again from that row.
//
// Builder header (64 bytes, u32 fields):
//   B_SLOTS      hash slots, SLOT_SIZE bytes each: words 0..2 of a short string (zero-padded),
//                then the u32 tag and the u32 code + 1 (0 = empty)
//   B_MASK       slot count - 1 (a power of two minus one)
//   B_COUNT      distinct strings so far (= dictionary entries)
//   B_LIMIT      the most distinct strings the caller accepts
//   B_OFFSETS    dictionary offsets (i32, B_COUNT + 1 entries used, offsets[0] = 0)
//   B_OFFSETS_CAP entries the offsets block holds
//   B_BYTES      dictionary bytes
//   B_BYTES_CAP  bytes the bytes block holds
//   B_STATUS     why dict_encode stopped (DICT_*)
//   B_NEED       for DICT_GROW_BYTES: the bytes of the string that did not fit

import { hash_bytes, hash_string32, readable, string_word, string_word_safe } from '../hash';
import { KIND_UTF8, col_data, col_validity, col_validity_offset, col_values, col_write } from '../layout';
import { get_bit } from './bits';

export const B_SLOTS: usize = 0;
export const B_MASK: usize = 4;
export const B_COUNT: usize = 8;
export const B_LIMIT: usize = 12;
export const B_OFFSETS: usize = 16;
export const B_OFFSETS_CAP: usize = 20;
export const B_BYTES: usize = 24;
export const B_BYTES_CAP: usize = 28;
export const B_STATUS: usize = 32;
export const B_NEED: usize = 36;
export const DICT_HEADER_SIZE: usize = 64;
/** Bytes of one hash slot (a power of two). */
export const SLOT_SIZE: usize = 32;
const SLOT_SHIFT: usize = 5;
const SLOT_TAG: usize = 24;
const SLOT_CODE: usize = 28;
/** Strings up to this many bytes are held in their slot. */
const INLINE_BYTES: usize = 24;

/** Every row up to `to` is encoded. */
export const DICT_DONE: u32 = 0;
/** A new string would make more distinct strings than B_LIMIT. */
export const DICT_OVER_LIMIT: u32 = 1;
/** The slots are half full: rehash into twice as many (dict_rehash). */
export const DICT_GROW_SLOTS: u32 = 2;
/** The offsets block is full. */
export const DICT_GROW_OFFSETS: u32 = 3;
/** The bytes block cannot take B_NEED more bytes. */
export const DICT_GROW_BYTES: u32 = 4;

/** Whether `len` bytes at `a` equal those at `b`. */
// @ts-ignore: decorator
@inline function same_bytes(a: usize, b: usize, len: usize): bool {
  let i: usize = 0;
  while (i + 8 <= len) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  while (i < len) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
  }
  return true;
}

/** Starts a builder in header `b` over the given blocks (`slots` zero-filled, `slotCount` a power of two, at most 2^24). */
export function dict_builder_init(b: usize, slots: usize, slotCount: u32, limit: u32, offsets: usize, offsetsCap: u32, bytes: usize, bytesCap: u32): void {
  store<u32>(b + B_SLOTS, <u32>slots);
  store<u32>(b + B_MASK, slotCount - 1);
  store<u32>(b + B_COUNT, 0);
  store<u32>(b + B_LIMIT, limit);
  store<u32>(b + B_OFFSETS, <u32>offsets);
  store<u32>(b + B_OFFSETS_CAP, offsetsCap);
  store<u32>(b + B_BYTES, <u32>bytes);
  store<u32>(b + B_BYTES_CAP, bytesCap);
  store<u32>(b + B_STATUS, DICT_DONE);
  store<u32>(b + B_NEED, 0);
  store<i32>(offsets, 0);
}

/** Points the builder at moved (grown) offsets and bytes blocks; their contents were copied by the caller. */
export function dict_builder_move(b: usize, offsets: usize, offsetsCap: u32, bytes: usize, bytesCap: u32): void {
  store<u32>(b + B_OFFSETS, <u32>offsets);
  store<u32>(b + B_OFFSETS_CAP, offsetsCap);
  store<u32>(b + B_BYTES, <u32>bytes);
  store<u32>(b + B_BYTES_CAP, bytesCap);
}

/** Moves every slot into zero-filled `slots` of `slotCount` (a power of two, at most 2^24) entries and makes them the builder's. */
export function dict_rehash(b: usize, slots: usize, slotCount: u32): void {
  const old = <usize>load<u32>(b + B_SLOTS);
  const oldCount = <usize>load<u32>(b + B_MASK) + 1;
  const mask = slotCount - 1;
  for (let i: usize = 0; i < oldCount; i++) {
    const s = old + (i << SLOT_SHIFT);
    if (load<u32>(s + SLOT_CODE) == 0) continue;
    let j = load<u32>(s + SLOT_TAG) & mask;
    while (load<u32>(slots + (<usize>j << SLOT_SHIFT) + SLOT_CODE) != 0) j = (j + 1) & mask;
    memory.copy(slots + (<usize>j << SLOT_SHIFT), s, SLOT_SIZE);
  }
  store<u32>(b + B_SLOTS, <u32>slots);
  store<u32>(b + B_MASK, mask);
}

/**
 * Encodes rows [from, to) of UTF8 column `col` into `codes` (i32 per row, indexed by row; a NULL
 * row gets code 0). Returns the first row not encoded: `to` when B_STATUS is DICT_DONE, else the
 * row that needs the room (or the limit) B_STATUS names.
 */
export function dict_encode(b: usize, col: usize, from: usize, to: usize, codes: usize): usize {
  const offsets = col_values(col);
  const data = col_data(col);
  const validity = col_validity(col);
  const vo = col_validity_offset(col);
  const slots = <usize>load<u32>(b + B_SLOTS);
  const mask = load<u32>(b + B_MASK);
  const limit = load<u32>(b + B_LIMIT);
  const dOffsets = <usize>load<u32>(b + B_OFFSETS);
  const offsetsCap = load<u32>(b + B_OFFSETS_CAP);
  const dBytes = <usize>load<u32>(b + B_BYTES);
  const bytesCap = load<u32>(b + B_BYTES_CAP);
  let count = load<u32>(b + B_COUNT);
  let used = <u32>load<i32>(dOffsets + (<usize>count << 2));
  // Short strings are read as three masked words with whole-word loads when 24 bytes past the last
  // row lie inside memory (checked once here), else byte by byte. hash_string32 equals hash_bytes
  // on them, so every path agrees on a string's slot.
  const words = readable(data + <usize>load<i32>(offsets + (to << 2)), INLINE_BYTES);
  let status = DICT_DONE;
  let row = from;
  for (; row < to; row++) {
    if (validity != 0 && get_bit(validity, vo + row) == 0) {
      store<i32>(codes + (row << 2), 0);
      continue;
    }
    const start = load<i32>(offsets + (row << 2));
    const len = <usize>(load<i32>(offsets + (row << 2), 4) - start);
    const ptr = data + <usize>start;
    const inline = len <= INLINE_BYTES;
    let w0: u64 = 0;
    let w1: u64 = 0;
    let w2: u64 = 0;
    let h: u64;
    if (inline) {
      if (words) {
        w0 = string_word(ptr, len, 0);
        w1 = string_word(ptr, len, 1);
        w2 = string_word(ptr, len, 2);
      } else {
        w0 = string_word_safe(ptr, len, 0);
        w1 = string_word_safe(ptr, len, 1);
        w2 = string_word_safe(ptr, len, 2);
      }
      h = hash_string32(w0, w1, w2, 0, len);
    } else {
      h = hash_bytes(ptr, len);
    }
    const tag = (<u32>h & 0x00FFFFFF) | (<u32>(len < 255 ? len : 255) << 24);
    let j = tag & mask;
    let code: u32 = 0;
    while (true) {
      const s = slots + (<usize>j << SLOT_SHIFT);
      const code1 = load<u32>(s + SLOT_CODE);
      if (code1 == 0) {
        // A new string: make sure it fits before taking the slot.
        if (count >= limit) { status = DICT_OVER_LIMIT; break; }
        if ((count + 1) << 1 > mask + 1) { status = DICT_GROW_SLOTS; break; }
        if (count + 2 > offsetsCap) { status = DICT_GROW_OFFSETS; break; }
        if (<u64>used + <u64>len > <u64>bytesCap) { status = DICT_GROW_BYTES; store<u32>(b + B_NEED, <u32>len); break; }
        memory.copy(dBytes + <usize>used, ptr, len);
        used += <u32>len;
        code = count;
        count++;
        store<i32>(dOffsets + (<usize>count << 2), <i32>used);
        store<u64>(s, w0);
        store<u64>(s, w1, 8);
        store<u64>(s, w2, 16);
        store<u32>(s + SLOT_TAG, tag);
        store<u32>(s + SLOT_CODE, count);
        break;
      }
      if (load<u32>(s + SLOT_TAG) == tag) {
        let same: bool;
        if (inline) {
          same = ((load<u64>(s) ^ w0) | (load<u64>(s, 8) ^ w1) | (load<u64>(s, 16) ^ w2)) == 0;
        } else {
          const c = <usize>(code1 - 1);
          const dStart = <usize>load<i32>(dOffsets + (c << 2));
          const dLen = <usize>load<i32>(dOffsets + (c << 2), 4) - dStart;
          same = dLen == len && same_bytes(dBytes + dStart, ptr, len);
        }
        if (same) { code = code1 - 1; break; }
      }
      j = (j + 1) & mask;
    }
    if (status != DICT_DONE) break;
    store<i32>(codes + (row << 2), <i32>code);
  }
  store<u32>(b + B_COUNT, count);
  store<u32>(b + B_STATUS, status);
  return row;
}

/** Bytes of the one block dict_builder_finish fills: descriptor, offsets and bytes of the dictionary. */
export function dict_builder_block_size(b: usize): usize {
  const count = <usize>load<u32>(b + B_COUNT);
  return 64 + ((count + 1) << 2) + <usize>load<i32>(<usize>load<u32>(b + B_OFFSETS) + (count << 2));
}

/** Writes the dictionary into `block` (dict_builder_block_size bytes): a UTF8 descriptor without nulls, its offsets, its bytes. */
export function dict_builder_finish(b: usize, block: usize): void {
  const count = <usize>load<u32>(b + B_COUNT);
  const offsets = block + 64;
  const data = offsets + ((count + 1) << 2);
  const src = <usize>load<u32>(b + B_OFFSETS);
  memory.copy(offsets, src, (count + 1) << 2);
  memory.copy(data, <usize>load<u32>(b + B_BYTES), <usize>load<i32>(src + (count << 2)));
  col_write(block, KIND_UTF8, 0, 0, offsets, data, <u32>count);
}

/** Why the last dict_encode stopped (DICT_*). */
export function dict_status(b: usize): u32 { return load<u32>(b + B_STATUS); }
/** Distinct strings so far. */
export function dict_count(b: usize): u32 { return load<u32>(b + B_COUNT); }
/** Bytes of dictionary strings so far. */
export function dict_bytes_used(b: usize): u32 { return <u32>load<i32>(<usize>load<u32>(b + B_OFFSETS) + (<usize>load<u32>(b + B_COUNT) << 2)); }
/** For DICT_GROW_BYTES: bytes of the string that did not fit. */
export function dict_need(b: usize): u32 { return load<u32>(b + B_NEED); }
/** Sets the most distinct strings the builder accepts from here on. */
export function dict_set_limit(b: usize, limit: u32): void { store<u32>(b + B_LIMIT, limit); }
