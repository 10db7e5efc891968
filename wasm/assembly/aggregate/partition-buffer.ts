// Radix partitioning for keyed tables that outgrow the caches. Probing a big table costs a cache
// and TLB miss per row whatever order a batch comes in; so once a table is big, rows are not
// probed right away but appended to their key group's buffer as packed row records (see
// buffer_init), and a key group's buffer is folded into its sub-table when it holds
// FLUSH_RATIO times as many rows as the sub-table has groups (see partition-flush.ts): that
// sub-table then stays cache-resident for the whole flush. Rows of one group keep their order
// (one buffer per key group, FIFO), so results equal unbuffered ones bit for bit. Everything
// that reads the table flushes first (agg_flush).
//
// Buffering is bound by memory traffic (every row is written out and read back once), so records
// carry no padding and nothing a batch does not need: one fixed-width key keeps only the low 32
// hash bits (the probe tag; the key group is the buffer's), values keep their own width, and the
// key-NULL and "active" flag bytes exist only once a batch has brought a NULL key, a NULL
// argument or a FILTER (the layout then widens, after a flush).
//
// Applies when keys are fixed-width and every aggregate input is BOOL, I32, I64 or F64.
// Directory block: P entries [block u32, cap u32, count u32, inactive-aggregates mask u32], then
// per aggregate [value offset u32, value kind u32, second value offset u32 (final avg), active
// offset u32], then [key-NULL flag offset u32, key offset u32]. Absent fields have NO_VALUE.
import { COL_SIZE, KIND_BOOL, KIND_F64, KIND_I32, KIND_I64, col_is_valid, col_kind, col_validity, col_values } from '../layout';
import { key_group_of } from '../hash';
import { mem_alloc_zeroed, mem_free, mem_realloc } from '../memory';
import { DESCS_PER_AGG } from './accumulate';
import { may_have_nulls } from './key-encoder';
import { BIG_TABLE } from './key-group-tables';
import {
  A_FN, FN_AVG, FN_COUNT, FN_COUNT_STAR, H_BUF, H_BUF_RECW, H_BUF_ROWS, H_GROUPS,
  H_HAS_STRINGS, H_KEYW, H_MODE, H_NAGGS, H_NKEYS, H_P, MODE_FINAL, aggInfo,
} from './table-layout';

export const B_BLOCK: usize = 0;
export const B_CAP: usize = 4;
export const B_COUNT: usize = 8;
export const B_INACTIVE: usize = 12;
export const B_SIZE: usize = 16;
export const BA_VAL: usize = 0;
export const BA_KIND: usize = 4;
export const BA_VAL2: usize = 8;
export const BA_ACT: usize = 12;
export const BA_SIZE: usize = 16;
export const NO_VALUE: u32 = 0xFFFFFFFF;


// @ts-ignore: decorator
@inline export function agg_buf(t: usize, a: u32): usize {
  return <usize>load<u32>(t + H_BUF) + <usize>load<u32>(t + H_P) * B_SIZE + <usize>a * BA_SIZE;
}
// @ts-ignore: decorator
@inline export function key_null_off(t: usize): u32 {
  return load<u32>(agg_buf(t, load<u32>(t + H_NAGGS)));
}
// @ts-ignore: decorator
@inline export function key_off(t: usize): usize {
  return <usize>load<u32>(agg_buf(t, load<u32>(t + H_NAGGS)), 4);
}
// @ts-ignore: decorator
@inline export function width_of(kind: u32): usize {
  return kind == KIND_BOOL ? 1 : kind == KIND_I32 ? 4 : 8;
}

/** Whether records start with a 32-bit tag (one 8-byte key) rather than the whole 64-bit hash. */
// @ts-ignore: decorator
@inline export function tagged_records(t: usize): bool {
  return load<u32>(t + H_NKEYS) == 1 && load<u32>(t + H_KEYW) == 8;
}

/** Whether aggregate `fn` reads its argument's values (not only its NULLs). */
function needs_value(final: bool, fn: u32): bool {
  return final || (fn != FN_COUNT_STAR && fn != FN_COUNT);
}

function fixed(kind: u32): bool {
  return kind == KIND_BOOL || kind == KIND_I32 || kind == KIND_I64 || kind == KIND_F64;
}

/**
 * Whether this batch goes through the partition buffer: the table is big (or already buffering),
 * keys are fixed-width and so are the inputs. Sets the buffer up on first use, and again (wider
 * or with other kinds) once it is empty when a batch does not fit its record layout; while it
 * holds rows such a batch returns false (the caller flushes, then probes directly).
 */
export function buffer_ready(t: usize, keyDescs: usize, aggDescs: usize): bool {
  if (load<u32>(t + H_HAS_STRINGS) != 0 || load<u32>(t + H_GROUPS) < BIG_TABLE) return false;
  const na = load<u32>(t + H_NAGGS);
  const final = load<u32>(t + H_MODE) == MODE_FINAL;
  for (let a: u32 = 0; a < na; a++) {
    const arg = aggDescs + <usize>a * DESCS_PER_AGG * COL_SIZE;
    const fn = load<u32>(aggInfo(t, a) + A_FN);
    if (needs_value(final, fn) && !fixed(col_kind(arg))) return false;
  }
  const flags = needs_flags(t, keyDescs, aggDescs);
  if (load<u32>(t + H_BUF) != 0 && fits(t, aggDescs, flags)) return true;
  if (load<u32>(t + H_BUF_ROWS) != 0) return false;
  // Keeps the flags once they were needed: the next batch likely needs them too.
  const hadFlags = load<u32>(t + H_BUF) != 0 && key_null_off(t) != NO_VALUE;
  buffer_free(t);
  buffer_init(t, aggDescs, flags || hadFlags);
  return true;
}

/** Whether the batch's rows need flag bytes: a NULL single key, a NULL argument or a FILTER. */
function needs_flags(t: usize, keyDescs: usize, aggDescs: usize): bool {
  if (load<u32>(t + H_NKEYS) == 1 && may_have_nulls(keyDescs)) return true;
  const na = load<u32>(t + H_NAGGS);
  const final = load<u32>(t + H_MODE) == MODE_FINAL;
  for (let a: u32 = 0; a < na; a++) {
    const arg = aggDescs + <usize>a * DESCS_PER_AGG * COL_SIZE;
    const fn = load<u32>(aggInfo(t, a) + A_FN);
    if ((fn != FN_COUNT_STAR || final) && col_validity(arg) != 0) return true;
    if (col_kind(arg + COL_SIZE) != 0) return true;
  }
  return false;
}

/** Whether the buffer's record layout takes the batch's inputs. */
function fits(t: usize, aggDescs: usize, flags: bool): bool {
  if (flags && key_null_off(t) == NO_VALUE) return false;
  const na = load<u32>(t + H_NAGGS);
  for (let a: u32 = 0; a < na; a++) {
    const kind = load<u32>(agg_buf(t, a) + BA_KIND);
    if (kind != 0 && kind != col_kind(aggDescs + <usize>a * DESCS_PER_AGG * COL_SIZE)) return false;
  }
  return true;
}

/**
 * Lays out the records: the tag (u32) or hash (u64), the key row, each aggregate's value (its
 * kind's width) and second value (final AVG: the count), then, with `flags`, the key-NULL byte
 * and one active byte per aggregate.
 */
function buffer_init(t: usize, aggDescs: usize, flags: bool): void {
  const p = <usize>load<u32>(t + H_P);
  const na = load<u32>(t + H_NAGGS);
  const final = load<u32>(t + H_MODE) == MODE_FINAL;
  const dir = mem_alloc_zeroed(p * B_SIZE + (<usize>na + 1) * BA_SIZE);
  store<u32>(t + H_BUF, <u32>dir);
  const keyAt: usize = tagged_records(t) ? 4 : 8;
  let off: usize = keyAt + <usize>load<u32>(t + H_KEYW);
  for (let a: u32 = 0; a < na; a++) {
    const info = agg_buf(t, a);
    const fn = load<u32>(aggInfo(t, a) + A_FN);
    store<u32>(info + BA_VAL, NO_VALUE);
    store<u32>(info + BA_VAL2, NO_VALUE);
    store<u32>(info + BA_ACT, NO_VALUE);
    if (needs_value(final, fn)) {
      const kind = col_kind(aggDescs + <usize>a * DESCS_PER_AGG * COL_SIZE);
      store<u32>(info + BA_VAL, <u32>off);
      store<u32>(info + BA_KIND, kind);
      off += width_of(kind);
      if (final && fn == FN_AVG) {
        store<u32>(info + BA_VAL2, <u32>off);
        off += 8;
      }
    }
  }
  const keyInfo = agg_buf(t, na);
  store<u32>(keyInfo, NO_VALUE);
  store<u32>(keyInfo, <u32>keyAt, 4);
  if (flags) {
    store<u32>(keyInfo, <u32>off);
    for (let a: u32 = 0; a < na; a++) store<u32>(agg_buf(t, a) + BA_ACT, <u32>(off + 1 + <usize>a));
    off += 1 + <usize>na;
  }
  store<u32>(t + H_BUF_RECW, <u32>off);
}

/**
 * Appends the chunk's rows (row indices `rows`, their hashes, probe key rows and key-NULL flags)
 * to their key groups' buffers. `scratch` holds 8 * n bytes.
 */
export function buffer_append(t: usize, aggDescs: usize, rows: usize, n: usize, hashes: usize, probe: usize, nulls: usize, scratch: usize): void {
  const p = load<u32>(t + H_P);
  const dir = <usize>load<u32>(t + H_BUF);
  const recW = <usize>load<u32>(t + H_BUF_RECW);
  const kw = <usize>load<u32>(t + H_KEYW);
  const oneKey = load<u32>(t + H_NKEYS) == 1;
  const recs = scratch;
  const kgs = scratch + (n << 2);
  // Places first (a buffer may move when it grows), then addresses.
  for (let k: usize = 0; k < n; k++) {
    const g = key_group_of(load<u64>(hashes + (k << 3)), p);
    const e = dir + (<usize>g << 4);
    const count = load<u32>(e + B_COUNT);
    if (count == load<u32>(e + B_CAP)) grow(e, recW);
    store<u32>(e + B_COUNT, count + 1);
    store<u32>(recs + (k << 2), count);
    store<u32>(kgs + (k << 2), g);
  }
  const keyAt = key_off(t);
  const tagged = keyAt == 4;
  for (let k: usize = 0; k < n; k++) {
    const e = dir + (<usize>load<u32>(kgs + (k << 2)) << 4);
    const rec = <usize>load<u32>(e + B_BLOCK) + <usize>load<u32>(recs + (k << 2)) * recW;
    store<u32>(recs + (k << 2), <u32>rec);
    if (tagged) store<u32>(rec, <u32>load<u64>(hashes + (k << 3)));
    else store<u64>(rec, load<u64>(hashes + (k << 3)));
    const src = probe + k * kw;
    for (let i: usize = 0; i < kw; i += 8) store<u64>(rec + keyAt + i, load<u64>(src + i));
  }
  const knOff = key_null_off(t);
  if (knOff != NO_VALUE) {
    for (let k: usize = 0; k < n; k++) store<u8>(<usize>load<u32>(recs + (k << 2)) + <usize>knOff, oneKey ? load<u8>(nulls + k) : 0);
  }
  const na = load<u32>(t + H_NAGGS);
  const final = load<u32>(t + H_MODE) == MODE_FINAL;
  for (let a: u32 = 0; a < na; a++) {
    const info = agg_buf(t, a);
    const arg = aggDescs + <usize>a * DESCS_PER_AGG * COL_SIZE;
    const fn = load<u32>(aggInfo(t, a) + A_FN);
    const actOff = load<u32>(info + BA_ACT);
    if (actOff != NO_VALUE) append_active(dir, arg, fn != FN_COUNT_STAR || final, arg + COL_SIZE, rows, recs, kgs, n, <usize>actOff, a);
    const valOff = load<u32>(info + BA_VAL);
    if (valOff != NO_VALUE) append_value(arg, rows, recs, n, <usize>valOff);
    const val2Off = load<u32>(info + BA_VAL2);
    if (val2Off != NO_VALUE) append_value(arg + 2 * COL_SIZE, rows, recs, n, <usize>val2Off);
  }
  store<u32>(t + H_BUF_ROWS, load<u32>(t + H_BUF_ROWS) + <u32>n);
}

function grow(e: usize, recW: usize): void {
  const cap = load<u32>(e + B_CAP);
  const next: u32 = cap == 0 ? 256 : cap << 1;
  store<u32>(e + B_BLOCK, <u32>mem_realloc(<usize>load<u32>(e + B_BLOCK), <usize>cap * recW, <usize>next * recW));
  store<u32>(e + B_CAP, next);
}

/** Writes each row's "counts for this aggregate" byte; marks key groups that got an inactive row. */
function append_active(dir: usize, arg: usize, useArg: bool, filter: usize, rows: usize, recs: usize, kgs: usize, n: usize, off: usize, a: u32): void {
  const argNulls = useArg && col_validity(arg) != 0;
  const hasFilter = col_kind(filter) != 0;
  if (!argNulls && !hasFilter) {
    for (let k: usize = 0; k < n; k++) store<u8>(<usize>load<u32>(recs + (k << 2)) + off, 1);
    return;
  }
  const fvalues = hasFilter ? col_values(filter) : 0;
  const bit: u32 = a < 32 ? <u32>1 << a : 0xFFFFFFFF;
  for (let k: usize = 0; k < n; k++) {
    const row = <usize>load<u32>(rows + (k << 2));
    let keep = !argNulls || col_is_valid(arg, row);
    if (hasFilter) keep = keep && load<u8>(fvalues + row) != 0 && col_is_valid(filter, row);
    store<u8>(<usize>load<u32>(recs + (k << 2)) + off, keep ? 1 : 0);
    if (!keep) {
      const e = dir + (<usize>load<u32>(kgs + (k << 2)) << 4);
      store<u32>(e + B_INACTIVE, load<u32>(e + B_INACTIVE) | bit);
    }
  }
}

function append_value(desc: usize, rows: usize, recs: usize, n: usize, off: usize): void {
  const values = col_values(desc);
  const w = width_of(col_kind(desc));
  for (let k: usize = 0; k < n; k++) {
    const row = <usize>load<u32>(rows + (k << 2));
    const dst = <usize>load<u32>(recs + (k << 2)) + off;
    if (w == 8) store<u64>(dst, load<u64>(values + (row << 3)));
    else if (w == 4) store<u32>(dst, load<u32>(values + (row << 2)));
    else store<u8>(dst, load<u8>(values + row));
  }
}

/** Frees the buffers (their rows must have been flushed, or the table is being dropped). */
export function buffer_free(t: usize): void {
  const dir = <usize>load<u32>(t + H_BUF);
  if (dir == 0) return;
  const p = <usize>load<u32>(t + H_P);
  const recW = <usize>load<u32>(t + H_BUF_RECW);
  for (let g: usize = 0; g < p; g++) {
    const e = dir + (g << 4);
    const cap = <usize>load<u32>(e + B_CAP);
    if (cap != 0) mem_free(<usize>load<u32>(e + B_BLOCK), cap * recW);
  }
  mem_free(dir, p * B_SIZE + (<usize>load<u32>(t + H_NAGGS) + 1) * BA_SIZE);
  store<u32>(t + H_BUF, 0);
  store<u32>(t + H_BUF_ROWS, 0);
}
