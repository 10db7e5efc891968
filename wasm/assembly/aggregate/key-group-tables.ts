// The keyed layout: one open-addressing sub-table per key group (see table-layout.ts).
//
// Each key group's entry in the directory owns a slot array (16-byte slots: u64 hash tag << 32 |
// index + 1, then, for one fixed-width key, the key itself so a probe touches one cache line;
// linear probing, at most half full) and two parallel arrays indexed by the group's local index:
// key rows and state rows. Growing a slot array re-places slots by their stored tag, so keys are
// never re-hashed; growing the group arrays moves them (callers hold local indexes, not pointers,
// until every insertion of a chunk is done).
import { key_group_of, string_word, string_word_safe } from '../hash';
import { mem_alloc, mem_alloc_zeroed, mem_free, mem_realloc } from '../memory';
import { bytes_equal, heap_copy } from './string-heap';
import { is_string_kind } from './key-encoder';
import {
  D_CAP, D_COUNT, D_KEYS, D_MASK, D_NULLIDX, D_SLOTS, D_STATES, H_GROUPS, H_HAS_STRINGS, H_INIT,
  H_KEYW, H_NKEYS, H_P, H_SLOT_SHIFT, H_STATEW, dirEntry, keyKind, keyOffset,
} from './table-layout';

const FIRST_SLOTS: u32 = 16;
const FIRST_GROUPS: u32 = 8;

/**
 * Finds or creates the group of each of the n probe rows: outKg[k] its key group, outIdx[k] its
 * local index. `nulls` marks NULL keys when the table has one key column.
 */
export function probe_rows(t: usize, probe: usize, hashes: usize, nulls: usize, n: usize, outKg: usize, outIdx: usize): void {
  const p = load<u32>(t + H_P);
  const kw = <usize>load<u32>(t + H_KEYW);
  const oneKey = load<u32>(t + H_NKEYS) == 1;
  const fast = kw == 8 && load<u32>(t + H_HAS_STRINGS) == 0;
  const oneString = kw == 8 && oneKey && load<u32>(t + H_HAS_STRINGS) != 0;
  if (load<u32>(t + H_GROUPS) >= BIG_TABLE) touch_slots(t, hashes, n, p);
  for (let k: usize = 0; k < n; k++) {
    const h = load<u64>(hashes + (k << 3));
    const g = key_group_of(h, p);
    const d = dirEntry(t, g);
    store<u32>(outKg + (k << 2), g);
    let idx: u32;
    if (oneKey && load<u8>(nulls + k) != 0) {
      idx = null_group(t, d);
    } else if (fast) {
      idx = lookup_u64(t, d, load<u64>(probe + (k << 3)), <u32>h, probe + (k << 3));
    } else if (oneString) {
      idx = lookup_string(t, d, probe + (k << 3), <u32>h);
    } else {
      idx = lookup_row(t, d, probe + k * kw, <u32>h);
    }
    store<u32>(outIdx + (k << 2), idx);
  }
}

/**
 * Turns (key group, local index) pairs into state-row addresses (valid until the next insertion).
 * On big tables it also loads each state row once, so the aggregate loops find them in cache.
 */
export function state_pointers(t: usize, kgs: usize, idxs: usize, n: usize, out: usize): void {
  const sw = load<u32>(t + H_STATEW);
  let touched: u32 = 0;
  const big = load<u32>(t + H_GROUPS) >= BIG_TABLE;
  for (let k: usize = 0; k < n; k++) {
    const d = dirEntry(t, load<u32>(kgs + (k << 2)));
    const ptr = load<u32>(d + D_STATES) + load<u32>(idxs + (k << 2)) * sw;
    store<u32>(out + (k << 2), ptr);
    if (big) touched ^= load<u32>(ptr);
  }
  store<u32>(TOUCH_SINK, touched);
}

/** Groups from which a table no longer fits in the caches and probes are prefetched. */
export const BIG_TABLE: u32 = 1 << 15;
const TOUCH_SINK = memory.data(8, 8);

/**
 * Loads the home slot of every hash of the chunk before probing: independent loads the CPU
 * overlaps (WASM has no prefetch instruction), where the probe loop's branches would serialise
 * the cache misses.
 */
function touch_slots(t: usize, hashes: usize, n: usize, p: u32): void {
  const shift = <usize>load<u32>(t + H_SLOT_SHIFT);
  let touched: u64 = 0;
  for (let k: usize = 0; k < n; k++) {
    const h = load<u64>(hashes + (k << 3));
    const d = dirEntry(t, key_group_of(h, p));
    const slots = <usize>load<u32>(d + D_SLOTS);
    touched ^= load<u64>(slots + (<usize>(<u32>h & load<u32>(d + D_MASK)) << shift));
  }
  store<u64>(TOUCH_SINK, touched);
}

/**
 * The local index of the group with the one fixed-width key `key` (its key row at `row`, low 32
 * hash bits `tag`) in key group `d`, created if new.
 */
// @ts-ignore: decorator
@inline export function lookup_u64(t: usize, d: usize, key: u64, tag: u32, row: usize): u32 {
  const slots = <usize>load<u32>(d + D_SLOTS);
  if (slots != 0) {
    const mask = load<u32>(d + D_MASK);
    let pos = tag & mask;
    // The first two slots without a branch (most keys sit in one of them), then the loop.
    const a = slots + (<usize>pos << 4);
    const b = slots + (<usize>((pos + 1) & mask) << 4);
    const sa = load<u64>(a);
    const sb = load<u64>(b);
    const hitA = (<u32>(sa >> 32) == tag) & (load<u64>(a, 8) == key) & (sa != 0);
    const hitB = (<u32>(sb >> 32) == tag) & (load<u64>(b, 8) == key) & (sb != 0);
    const found = select<u32>(<u32>sa, select<u32>(<u32>sb, 0, hitB), hitA);
    if (found != 0) return found - 1;
    while (true) {
      const slot = slots + (<usize>pos << 4);
      const s = load<u64>(slot);
      if (s == 0) break;
      if (<u32>(s >> 32) == tag && load<u64>(slot, 8) == key) return <u32>s - 1;
      pos = (pos + 1) & mask;
    }
  }
  return insert_group(t, d, row, tag);
}

/**
 * One UTF8/DICT key (32-byte slots): compares the tag, the length and the first 16 bytes inside
 * the slot, and only for longer strings the rest of the kept bytes.
 */
// @ts-ignore: decorator
@inline function lookup_string(t: usize, d: usize, row: usize, tag: u32): u32 {
  const len = <usize>load<u32>(row);
  const ptr = <usize>load<u32>(row, 4);
  const a = string_word_safe(ptr, len, 0);
  const b = string_word_safe(ptr, len, 1);
  const idx = find_string(d, ptr, len, a, b, string_word_safe(ptr, len, 2), string_word_safe(ptr, len, 3), tag);
  return idx != NOT_FOUND ? idx : insert_group(t, d, row, tag);
}

/** Returned by find_string when the key group has no such string. */
export const NOT_FOUND: u32 = 0xFFFFFFFF;

/**
 * The local index of the `len`-byte string at `ptr` (words 0..3 a, b, c, e as string_word gives
 * them, low 32 hash bits `tag`) in key group `d` of a one-string-key table, or NOT_FOUND. Strings
 * of up to 32 bytes are decided without a branch on their length (kept strings may be read 32
 * bytes from their start: STRING_SLACK).
 */
// @ts-ignore: decorator
@inline export function find_string(d: usize, ptr: usize, len: usize, a: u64, b: u64, c: u64, e: u64, tag: u32): u32 {
  const slots = <usize>load<u32>(d + D_SLOTS);
  if (slots == 0) return NOT_FOUND;
  const mask = load<u32>(d + D_MASK);
  let pos = tag & mask;
  while (true) {
    const slot = slots + (<usize>pos << 5);
    const s = load<u64>(slot);
    if (s == 0) return NOT_FOUND;
    const hit = (<u32>(s >> 32) == tag) & (<usize>load<u32>(slot, 8) == len) & (load<u64>(slot, 16) == a) & (load<u64>(slot, 24) == b);
    if (hit) {
      const kept = <usize>load<u32>(slot, 12);
      if (len <= 32) {
        if ((string_word(kept, len, 2) == c) & (string_word(kept, len, 3) == e)) return <u32>s - 1;
      } else if (same_bytes(kept + 16, ptr + 16, len - 16)) {
        return <u32>s - 1;
      }
    }
    pos = (pos + 1) & mask;
  }
}

/** Equality of two byte strings of length n, inlined into the probe loop. */
// @ts-ignore: decorator
@inline function same_bytes(a: usize, b: usize, n: usize): bool {
  let i: usize = 0;
  while (i + 8 <= n) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  while (i < n) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
  }
  return true;
}

function lookup_row(t: usize, d: usize, row: usize, tag: u32): u32 {
  const slots = <usize>load<u32>(d + D_SLOTS);
  if (slots != 0) {
    const kw = <usize>load<u32>(t + H_KEYW);
    const mask = load<u32>(d + D_MASK);
    const keys = <usize>load<u32>(d + D_KEYS);
    const shift = <usize>load<u32>(t + H_SLOT_SHIFT);
    let pos = tag & mask;
    while (true) {
      const s = load<u64>(slots + (<usize>pos << shift));
      if (s == 0) break;
      if (<u32>(s >> 32) == tag) {
        const idx = <u32>s - 1;
        if (key_rows_equal(t, keys + <usize>idx * kw, row)) return idx;
      }
      pos = (pos + 1) & mask;
    }
  }
  return insert_group(t, d, row, tag);
}

/** Whether two key rows hold the same key (strings compared by content). */
export function key_rows_equal(t: usize, a: usize, b: usize): bool {
  const kw = <usize>load<u32>(t + H_KEYW);
  if (load<u32>(t + H_HAS_STRINGS) == 0) {
    for (let i: usize = 0; i < kw; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
    return true;
  }
  const nk = load<u32>(t + H_NKEYS);
  if (nk > 1 && load<u64>(a) != load<u64>(b)) return false;
  for (let c: u32 = 0; c < nk; c++) {
    const off = keyOffset(t, c);
    const kind = keyKind(t, c);
    if (is_string_kind(kind)) {
      if (!bytes_equal(<usize>load<u32>(a + off, 4), <usize>load<u32>(a + off), <usize>load<u32>(b + off, 4), <usize>load<u32>(b + off))) return false;
    } else {
      if (load<u64>(a + off) != load<u64>(b + off)) return false;
      if (kind == 7 /* I128 */ && load<u64>(a + off, 8) != load<u64>(b + off, 8)) return false;
    }
  }
  return true;
}

/** Adds a group with key `row` (not present) to key group `d`; returns its local index. */
export function insert_group(t: usize, d: usize, row: usize, tag: u32): u32 {
  let mask = load<u32>(d + D_MASK);
  const count = load<u32>(d + D_COUNT);
  const shift = <usize>load<u32>(t + H_SLOT_SHIFT);
  if (load<u32>(d + D_SLOTS) == 0 || count + 1 > ((mask + 1) >> 1)) {
    grow_slots(d, shift);
    mask = load<u32>(d + D_MASK);
  }
  const idx = new_group(t, d, row);
  const slots = <usize>load<u32>(d + D_SLOTS);
  let pos = tag & mask;
  while (load<u64>(slots + (<usize>pos << shift)) != 0) pos = (pos + 1) & mask;
  const slot = slots + (<usize>pos << shift);
  store<u64>(slot, (<u64>tag << 32) | <u64>(idx + 1));
  // The first 8 key bytes ride along (the whole key when it is one fixed-width column; for one
  // string key: its length and kept address, then its first 16 bytes).
  const key = <usize>load<u32>(d + D_KEYS) + <usize>idx * <usize>load<u32>(t + H_KEYW);
  store<u64>(slot, <usize>load<u32>(t + H_KEYW) >= 8 ? load<u64>(key) : 0, 8);
  if (shift == 5) {
    const len = <usize>load<u32>(key);
    const kept = <usize>load<u32>(key, 4);
    store<u64>(slot, string_word(kept, len, 0), 16);
    store<u64>(slot, string_word(kept, len, 1), 24);
  }
  return idx;
}

/** The NULL-key group of key group `d` (one key column), created on first use. */
export function null_group(t: usize, d: usize): u32 {
  const n = load<u32>(d + D_NULLIDX);
  if (n != 0) return n - 1;
  const idx = new_group(t, d, 0);
  store<u32>(d + D_NULLIDX, idx + 1);
  return idx;
}

/**
 * Appends a group to the arrays of `d`: its key row copied from `row` (strings into the heap; 0
 * means an all-zero key, used by the NULL group) and the initial state row. Returns its index.
 */
export function new_group(t: usize, d: usize, row: usize): u32 {
  const kw = <usize>load<u32>(t + H_KEYW);
  const sw = <usize>load<u32>(t + H_STATEW);
  const idx = load<u32>(d + D_COUNT);
  const cap = load<u32>(d + D_CAP);
  if (idx == cap) {
    const next = cap == 0 ? FIRST_GROUPS : cap << 1;
    store<u32>(d + D_KEYS, <u32>mem_realloc(<usize>load<u32>(d + D_KEYS), <usize>cap * kw, <usize>next * kw));
    store<u32>(d + D_STATES, <u32>mem_realloc(<usize>load<u32>(d + D_STATES), <usize>cap * sw, <usize>next * sw));
    store<u32>(d + D_CAP, next);
  }
  const dst = <usize>load<u32>(d + D_KEYS) + <usize>idx * kw;
  if (row == 0) {
    for (let i: usize = 0; i < kw; i += 8) store<u64>(dst + i, 0);
  } else {
    copy_words(dst, row, kw);
    if (load<u32>(t + H_HAS_STRINGS) != 0) own_strings(t, dst);
  }
  copy_words(<usize>load<u32>(d + D_STATES) + <usize>idx * sw, <usize>load<u32>(t + H_INIT), sw);
  store<u32>(d + D_COUNT, idx + 1);
  store<u32>(t + H_GROUPS, load<u32>(t + H_GROUPS) + 1);
  return idx;
}

/** Copies n bytes (a multiple of 8): key and state rows are short, a call to memory.copy costs more. */
// @ts-ignore: decorator
@inline function copy_words(dst: usize, src: usize, n: usize): void {
  for (let i: usize = 0; i < n; i += 8) store<u64>(dst + i, load<u64>(src + i));
}

/** Re-points the string keys of a freshly copied key row at copies in the table's heap. */
function own_strings(t: usize, row: usize): void {
  const nk = load<u32>(t + H_NKEYS);
  for (let c: u32 = 0; c < nk; c++) {
    if (!is_string_kind(keyKind(t, c))) continue;
    const off = keyOffset(t, c);
    const len = <usize>load<u32>(row + off);
    store<u32>(row + off, <u32>heap_copy(t, <usize>load<u32>(row + off, 4), len), 4);
  }
}

function grow_slots(d: usize, shift: usize): void {
  const old = <usize>load<u32>(d + D_SLOTS);
  const oldCap: u32 = old == 0 ? 0 : load<u32>(d + D_MASK) + 1;
  const cap = oldCap == 0 ? FIRST_SLOTS : oldCap << 1;
  const mask = cap - 1;
  const width = <usize>1 << shift;
  const slots = mem_alloc_zeroed(<usize>cap << shift);
  for (let i: u32 = 0; i < oldCap; i++) {
    const src = old + (<usize>i << shift);
    const s = load<u64>(src);
    if (s == 0) continue;
    let pos = <u32>(s >> 32) & mask;
    while (load<u64>(slots + (<usize>pos << shift)) != 0) pos = (pos + 1) & mask;
    copy_words(slots + (<usize>pos << shift), src, width);
  }
  if (old != 0) mem_free(old, <usize>oldCap << shift);
  store<u32>(d + D_SLOTS, <u32>slots);
  store<u32>(d + D_MASK, mask);
}

/** Makes room for `more` groups in key group `d` without further reallocation. */
export function reserve_groups(t: usize, d: usize, more: u32): void {
  const kw = <usize>load<u32>(t + H_KEYW);
  const sw = <usize>load<u32>(t + H_STATEW);
  const cap = load<u32>(d + D_CAP);
  const need = load<u32>(d + D_COUNT) + more;
  if (need <= cap) return;
  let next = cap == 0 ? FIRST_GROUPS : cap;
  while (next < need) next <<= 1;
  store<u32>(d + D_KEYS, <u32>mem_realloc(<usize>load<u32>(d + D_KEYS), <usize>cap * kw, <usize>next * kw));
  store<u32>(d + D_STATES, <u32>mem_realloc(<usize>load<u32>(d + D_STATES), <usize>cap * sw, <usize>next * sw));
  store<u32>(d + D_CAP, next);
}

/** Frees the arrays of every key group (not the per-group blocks states point to). */
export function free_key_groups(t: usize): void {
  const p = load<u32>(t + H_P);
  const kw = <usize>load<u32>(t + H_KEYW);
  const sw = <usize>load<u32>(t + H_STATEW);
  const shift = <usize>load<u32>(t + H_SLOT_SHIFT);
  for (let g: u32 = 0; g < p; g++) {
    const d = dirEntry(t, g);
    const slots = <usize>load<u32>(d + D_SLOTS);
    if (slots != 0) mem_free(slots, (<usize>load<u32>(d + D_MASK) + 1) << shift);
    const cap = <usize>load<u32>(d + D_CAP);
    if (cap != 0) {
      mem_free(<usize>load<u32>(d + D_KEYS), cap * kw);
      mem_free(<usize>load<u32>(d + D_STATES), cap * sw);
    }
    memory.fill(d, 0, 32);
  }
}

/** The local index of the group whose key row is `row` (hash `h`) in its key group, created if new. */
export function find_or_insert(t: usize, h: u64, row: usize): u32 {
  return lookup_row(t, dirEntry(t, key_group_of(h, load<u32>(t + H_P))), row, <u32>h);
}
