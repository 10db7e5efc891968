// Creating and freeing a hash-aggregate table: the header block with its key info, aggregate info
// and key-group directory, the state-row layout and its initial row (see table-layout.ts).
import { KIND_DICT, KIND_F64, KIND_I128, KIND_I32, KIND_I64, KIND_UTF8 } from '../layout';
import { mem_alloc, mem_alloc_zeroed, mem_free } from '../memory';
import { distinct_free } from './distinct-set';
import { free_key_groups } from './key-group-tables';
import { min_max_free_string, min_max_init } from './min-max';
import { where_free } from './global-where';
import { heap_free } from './string-heap';
import { buffer_free } from './partition-buffer';
import { free_code_map } from './dict-keys';
import {
  A_ARGKIND, A_DEC, A_FLAG, A_FN, A_OFF, A_SIZE, D_CAP, D_COUNT, D_STATES, FN_AVG, FN_COUNT, FN_COUNT_DISTINCT,
  FN_MAX, FN_MIN, FN_SUM, HEADER_FIXED, H_AGGINFO, H_DENSE, H_DENSE_PRESENT, H_DENSE_RANGE,
  H_DIR, H_DISTINCT, H_HAS_STRINGS, H_INIT, H_KEYINFO, H_KEYW, H_LAYOUT, H_MODE, H_NAGGS,
  H_NKEYS, H_NULL_STATE, H_P, H_SIZE, H_SLOT_SHIFT, H_STATEW, KI_SIZE, LAYOUT_GLOBAL, LAYOUT_UNDECIDED,
  aggInfo, align8, dirEntry,
} from './table-layout';

/**
 * Creates a table. `keyKinds`: nKeys u32 kinds; `aggSpecs`: nAggs triples (fn u32, argKind u32,
 * decimal u32; argKind 0 for count_star; decimal: A_DEC's encoding, 0 unless SUM/AVG over a
 * DECIMAL). The caller has validated the combination (bindings do).
 */
export function table_create(mode: u32, maxParallelism: u32, nKeys: u32, keyKinds: usize, nAggs: u32, aggSpecs: usize): usize {
  const aggInfoAt = HEADER_FIXED + <usize>nKeys * KI_SIZE;
  const dirAt = (aggInfoAt + <usize>nAggs * A_SIZE + 63) & ~(<usize>63);
  const size = dirAt + <usize>maxParallelism * 32;
  const t = mem_alloc_zeroed(size);
  store<u32>(t + H_MODE, mode);
  store<u32>(t + H_NKEYS, nKeys);
  store<u32>(t + H_NAGGS, nAggs);
  store<u32>(t + H_P, maxParallelism);
  store<u32>(t + H_SIZE, <u32>size);
  store<u32>(t + H_KEYINFO, <u32>(t + HEADER_FIXED));
  store<u32>(t + H_AGGINFO, <u32>(t + aggInfoAt));
  store<u32>(t + H_DIR, <u32>(t + dirAt));
  store<u32>(t + H_LAYOUT, nKeys == 0 ? LAYOUT_GLOBAL : LAYOUT_UNDECIDED);

  // Key rows: one column is its bare value; several get a u64 null mask first.
  let kw: usize = nKeys > 1 ? 8 : 0;
  let hasStrings: u32 = 0;
  for (let c: u32 = 0; c < nKeys; c++) {
    const kind = load<u32>(keyKinds + (<usize>c << 2));
    const ki = t + HEADER_FIXED + <usize>c * KI_SIZE;
    store<u32>(ki, kind);
    store<u32>(ki, <u32>kw, 4);
    kw += kind == KIND_I128 ? 16 : 8;
    if (kind == KIND_UTF8 || kind == KIND_DICT) hasStrings = 1;
  }
  store<u32>(t + H_KEYW, <u32>kw);
  store<u32>(t + H_HAS_STRINGS, hasStrings);
  store<u32>(t + H_SLOT_SHIFT, nKeys == 1 && hasStrings != 0 ? 5 : 4);

  // State rows: values first, then one flag byte per aggregate that needs one.
  // State rows. The first COUNT, SUM, MIN and MAX over one numeric kind form a block at the start,
  // in that order, their flag bytes right after them: the dense fused pass (fused-numeric.ts)
  // then addresses them at compile-time offsets. The other aggregates follow; their flag bytes
  // close the row.
  let perGroupBlocks: u32 = 0;
  let refKind: u32 = 0;
  for (let a: u32 = 0; a < nAggs; a++) {
    const spec = aggSpecs + <usize>a * 12;
    const fn = load<u32>(spec);
    const argKind = load<u32>(spec, 4);
    const dec = load<u32>(spec, 8);
    const info = aggInfo(t, a);
    store<u32>(info + A_FN, fn);
    store<u32>(info + A_ARGKIND, argKind);
    store<u32>(info + A_DEC, dec);
    store<u32>(info + A_OFF, NO_SLOT);
    if (refKind == 0 && dec == 0 && fusable_spec(fn, argKind)) refKind = argKind;
    if (fn == FN_COUNT_DISTINCT) perGroupBlocks = 1;
    if ((fn == FN_MIN || fn == FN_MAX) && (argKind == KIND_UTF8 || argKind == KIND_DICT)) perGroupBlocks = 1;
  }
  let off: usize = 0;
  const members = memory.data(16, 8); // block member per function (COUNT, SUM, MIN, MAX), or NO_SLOT
  for (let i: usize = 0; i < 4; i++) store<u32>(members + (i << 2), NO_SLOT);
  for (let a: u32 = 0; a < nAggs; a++) {
    const info = aggInfo(t, a);
    const fn = load<u32>(info + A_FN);
    if (refKind == 0 || load<u32>(info + A_ARGKIND) != refKind || load<u32>(info + A_DEC) != 0 || !fusable_spec(fn, refKind)) continue;
    const slot = members + (<usize>(fn == FN_COUNT ? 0 : fn == FN_SUM ? 1 : fn == FN_MIN ? 2 : 3) << 2);
    if (load<u32>(slot) == NO_SLOT) store<u32>(slot, a);
  }
  for (let i: usize = 0; i < 4; i++) {
    const a = load<u32>(members + (i << 2));
    if (a == NO_SLOT) continue;
    store<u32>(aggInfo(t, a) + A_OFF, <u32>off);
    off += 8;
  }
  let flagAt = off;
  for (let i: usize = 1; i < 4; i++) {
    const a = load<u32>(members + (i << 2));
    if (a == NO_SLOT) continue;
    store<u32>(aggInfo(t, a) + A_FLAG, <u32>flagAt);
    flagAt++;
  }
  off = align8(flagAt);
  let flags: usize = 0;
  for (let a: u32 = 0; a < nAggs; a++) {
    const info = aggInfo(t, a);
    if (load<u32>(info + A_OFF) != NO_SLOT) continue;
    const fn = load<u32>(info + A_FN);
    store<u32>(info + A_OFF, <u32>off);
    off += state_width(fn, load<u32>(info + A_ARGKIND), load<u32>(info + A_DEC));
    if (fn == FN_SUM || fn == FN_MIN || fn == FN_MAX) {
      store<u32>(info + A_FLAG, <u32>flags | FLAG_PENDING);
      flags++;
    }
  }
  for (let a: u32 = 0; a < nAggs; a++) {
    const info = aggInfo(t, a);
    const f = load<u32>(info + A_FLAG);
    if ((f & FLAG_PENDING) != 0) store<u32>(info + A_FLAG, <u32>off + (f & ~FLAG_PENDING));
  }
  const sw = align8(off + flags);
  store<u32>(t + H_STATEW, <u32>(sw == 0 ? <usize>8 : sw));
  store<u32>(t + H_DISTINCT, perGroupBlocks);

  const init = mem_alloc_zeroed(<usize>load<u32>(t + H_STATEW));
  for (let a: u32 = 0; a < nAggs; a++) {
    const info = aggInfo(t, a);
    const fn = load<u32>(info + A_FN);
    if (fn == FN_MIN || fn == FN_MAX) min_max_init(init, load<u32>(info + A_ARGKIND), fn == FN_MAX, <usize>load<u32>(info + A_OFF));
  }
  store<u32>(t + H_INIT, <u32>init);
  return t;
}

const NO_SLOT: u32 = 0xFFFFFFFF;

/** Bytes of an aggregate's state outside the fused block (AVG: sum then an i64 count). */
function state_width(fn: u32, argKind: u32, dec: u32): usize {
  if (dec != 0) return fn == FN_AVG ? 24 : 16;          // 128-bit sum (decimal-sum.ts)
  if (fn == FN_COUNT_DISTINCT || fn == FN_AVG) return 16;
  if ((fn == FN_MIN || fn == FN_MAX) && argKind == KIND_I128) return 16;
  return 8;
}
const FLAG_PENDING: u32 = 0x80000000;

/** Whether an aggregate of this spec can join the fused numeric pass (given no NULLs, no FILTER). */
function fusable_spec(fn: u32, argKind: u32): bool {
  return (fn == FN_COUNT || fn == FN_SUM || fn == FN_MIN || fn == FN_MAX)
    && (argKind == KIND_I32 || argKind == KIND_I64 || argKind == KIND_F64);
}

/** Frees a table and everything it owns. */
export function table_free(t: usize): void {
  const sw = <usize>load<u32>(t + H_STATEW);
  if (load<u32>(t + H_DISTINCT) != 0) free_group_blocks(t);
  buffer_free(t);
  where_free(t);
  free_code_map(t);
  free_key_groups(t);
  const range = <usize>load<u32>(t + H_DENSE_RANGE);
  if (range != 0) {
    mem_free(<usize>load<u32>(t + H_DENSE), range * sw);
    mem_free(<usize>load<u32>(t + H_DENSE_PRESENT), range);
  }
  mem_free(<usize>load<u32>(t + H_NULL_STATE), sw);
  heap_free(t);
  mem_free(<usize>load<u32>(t + H_INIT), sw);
  mem_free(t, <usize>load<u32>(t + H_SIZE));
}

/** Frees the blocks that state rows own (distinct sets, UTF8 MIN/MAX values) in every layout. */
function free_group_blocks(t: usize): void {
  const sw = <usize>load<u32>(t + H_STATEW);
  const nullRow = <usize>load<u32>(t + H_NULL_STATE);
  if (nullRow != 0) free_row_blocks(t, nullRow);
  const dense = <usize>load<u32>(t + H_DENSE);
  const range = <usize>load<u32>(t + H_DENSE_RANGE);
  for (let i: usize = 0; i < range; i++) free_row_blocks(t, dense + i * sw);
  const p = load<u32>(t + H_P);
  for (let g: u32 = 0; g < p; g++) {
    const d = dirEntry(t, g);
    if (load<u32>(d + D_CAP) == 0) continue;
    const states = <usize>load<u32>(d + D_STATES);
    const count = <usize>load<u32>(d + D_COUNT);
    for (let i: usize = 0; i < count; i++) free_row_blocks(t, states + i * sw);
  }
}

function free_row_blocks(t: usize, row: usize): void {
  const na = load<u32>(t + H_NAGGS);
  for (let a: u32 = 0; a < na; a++) {
    const info = aggInfo(t, a);
    const fn = load<u32>(info + A_FN);
    const kind = load<u32>(info + A_ARGKIND);
    const off = <usize>load<u32>(info + A_OFF);
    if (fn == FN_COUNT_DISTINCT) distinct_free(row + off, kind);
    else if ((fn == FN_MIN || fn == FN_MAX) && (kind == KIND_UTF8 || kind == KIND_DICT)) min_max_free_string(row, off);
  }
}

