// Layout of a hash-aggregate table in linear memory.
//
// A table is one header block (mem_alloc) holding its configuration, the key info, the aggregate
// info and the key-group directory. Group state is ORGANISED BY KEY GROUP: every key group g
// (key_group_of(hash, maxParallelism)) owns one open-addressing sub-table with its own arrays of
// key rows and state rows, so the state of key group g is exactly directory entry g. A table may
// instead start in one of two fast layouts, both convertible to the keyed one:
//   LAYOUT_GLOBAL  no key columns: one state row.
//   LAYOUT_DENSE   one integer key with a small range: state rows indexed by key - min
//                  (dense.ts converts it to LAYOUT_HASHED when the range grows too wide).
//
// Key row (keys arrays; width H_KEYW):
//   one key column:  its 8-byte value (16 for I128); a NULL key is the group whose local index
//                    the directory entry records in D_NULLIDX (it has no slot).
//   several columns: u64 null mask (bit c = key c is NULL) then 8 bytes per column (16 for I128).
//   Values are normalised so that equal keys have equal bytes: BOOL/I32 sign-extended to i64,
//   F64 with -0 -> +0 and every NaN -> one NaN; UTF8/DICT keys are (len u32, ptr u32) with the
//   bytes copied into the table's string heap.
// State row (states arrays; width H_STATEW): 8, 16 or 24 bytes per aggregate (A_OFF), then one flag
//   byte per aggregate that needs "saw a value" (A_FLAG), padded to 8 bytes. New groups copy the
//   initial row kept at H_INIT.
// Slot (16 bytes): u64 = low 32 bits of the hash (tag and position) << 32 | local index + 1 (0 is
//   empty), then the first 8 bytes of the key row (the whole key for one fixed-width column).
//   One UTF8/DICT key column: 32-byte slots, [that u64][len u32, address of the kept bytes u32]
//   [the string's first 16 bytes as two little-endian words, zero-padded], so a probe decides
//   strings of up to 16 bytes inside the slot (string-keys.ts).

export const MODE_SINGLE: u32 = 0;
export const MODE_PARTIAL: u32 = 1;
export const MODE_FINAL: u32 = 2;

export const FN_COUNT_STAR: u32 = 1;
export const FN_COUNT: u32 = 2;
export const FN_COUNT_DISTINCT: u32 = 3;
export const FN_SUM: u32 = 4;
export const FN_MIN: u32 = 5;
export const FN_MAX: u32 = 6;
export const FN_AVG: u32 = 7;

export const LAYOUT_UNDECIDED: u32 = 0;
export const LAYOUT_GLOBAL: u32 = 1;
export const LAYOUT_DENSE: u32 = 2;
export const LAYOUT_HASHED: u32 = 3;

export const ERR_OK: i32 = 0;
export const ERR_OVERFLOW: i32 = 1;
/** Emission: an AVG(DECIMAL) result does not fit DECIMAL(38, s) (H_ERR_AGG names it). */
export const ERR_AVG_OVERFLOW: i32 = 2;

// Header fields (u32 unless noted).
export const H_MODE: usize = 0;
export const H_NKEYS: usize = 4;
export const H_NAGGS: usize = 8;
export const H_P: usize = 12;          // maxParallelism = number of key groups
export const H_KEYW: usize = 16;
export const H_STATEW: usize = 20;
export const H_LAYOUT: usize = 24;
export const H_GROUPS: usize = 28;     // groups over all key groups (dense: present keys + null group)
export const H_ERR: usize = 32;
export const H_ERR_AGG: usize = 36;
export const H_KEYINFO: usize = 40;    // ptr: per key (kind u32, offset u32)
export const H_AGGINFO: usize = 44;    // ptr: per aggregate A_SIZE bytes
export const H_DIR: usize = 48;        // ptr: per key group D_SIZE bytes
export const H_SIZE: usize = 52;       // bytes of the header block
export const H_HEAP: usize = 56;       // string heap: current page (first page links the rest)
export const H_HEAP_POS: usize = 60;
export const H_HEAP_END: usize = 64;
export const H_DENSE: usize = 68;      // dense state rows
export const H_DENSE_PRESENT: usize = 72; // dense: u8 per key, 1 when the group exists
export const H_DENSE_RANGE: usize = 76;   // dense: number of keys covered
export const H_DENSE_MIN: usize = 80;     // i64: key of dense row 0
export const H_NULL_STATE: usize = 88;    // dense/global: state row of the NULL-key group (or the global row)
export const H_CURSOR_KG: usize = 92;     // emit cursor
export const H_CURSOR_IDX: usize = 96;
export const H_EMIT_ROWS: usize = 100;
export const H_INIT: usize = 104;         // ptr: initial state row
export const H_HAS_STRINGS: usize = 108;  // a UTF8/DICT key column exists
export const H_DISTINCT: usize = 112;     // a count_distinct or UTF8 min/max holds per-group blocks
export const H_BUF: usize = 116;          // partition buffer (partition-buffer.ts): directory, or 0
export const H_BUF_RECW: usize = 120;     // bytes per buffered row
export const H_BUF_ROWS: usize = 124;     // rows buffered over all key groups
export const H_CODE_MAP: usize = 128;    // DICT keys: combined code -> group map (dict-keys.ts), or 0
export const H_SLOT_SHIFT: usize = 140;  // log2 of the slot width: 4 (16-byte slots) or 5 (one string key)
export const H_LANES: usize = 144;       // global-where.ts: eight f64 lanes per aggregate, or 0
export const HEADER_FIXED: usize = 160;

export const KI_SIZE: usize = 8;          // per key: kind, offset in key row

// Aggregate info.
export const A_FN: usize = 0;
export const A_ARGKIND: usize = 4;
export const A_OFF: usize = 8;
export const A_FLAG: usize = 12;          // offset of its flag byte in the state row
export const A_DEC: usize = 16;           // SUM/AVG over DECIMAL: DEC_WIDE | scaleUp << 8, else 0
export const A_SIZE: usize = 24;

/**
 * A_DEC: the aggregate sums a DECIMAL exactly into a 128-bit state (decimal-sum.ts) and emits
 * I128. Bits 8..15 hold AVG's scale increase (result scale - argument scale, 0..6).
 */
export const DEC_WIDE: u32 = 1;

// Key-group directory entry.
export const D_SLOTS: usize = 0;
export const D_MASK: usize = 4;
export const D_COUNT: usize = 8;
export const D_CAP: usize = 12;
export const D_KEYS: usize = 16;
export const D_STATES: usize = 20;
export const D_NULLIDX: usize = 24;       // one key column: local index + 1 of the NULL-key group
export const D_SIZE: usize = 32;

// @ts-ignore: decorator
@inline export function tget(t: usize, field: usize): u32 { return load<u32>(t + field); }
// @ts-ignore: decorator
@inline export function tset(t: usize, field: usize, v: u32): void { store<u32>(t + field, v); }
// @ts-ignore: decorator
@inline export function dirEntry(t: usize, g: u32): usize { return <usize>load<u32>(t + H_DIR) + (<usize>g << 5); }
// @ts-ignore: decorator
@inline export function aggInfo(t: usize, a: u32): usize { return <usize>load<u32>(t + H_AGGINFO) + <usize>a * A_SIZE; }
// @ts-ignore: decorator
@inline export function keyKind(t: usize, c: u32): u32 { return load<u32>(<usize>load<u32>(t + H_KEYINFO) + <usize>c * KI_SIZE); }
// @ts-ignore: decorator
@inline export function keyOffset(t: usize, c: u32): usize { return <usize>load<u32>(<usize>load<u32>(t + H_KEYINFO) + <usize>c * KI_SIZE, 4); }

/** Rounds up to a multiple of 8. */
// @ts-ignore: decorator
@inline export function align8(n: usize): usize { return (n + 7) & ~(<usize>7); }
