// Flushing partition buffers (partition-buffer.ts): a key group's buffered rows are probed into
// its sub-table in home-slot order (slot_order), so the probes sweep the slot array front to back,
// then folded into their groups by the usual accumulator loops over transposed columns.
import { COL_SIZE, KIND_BOOL, KIND_I64, col_write } from '../layout';
import { arena_alloc, arena_alloc_zeroed, arena_mark, arena_reset } from '../memory';
import { DESCS_PER_AGG, accumulate, accumulate_scratch } from './accumulate';
import { lookup_u64, null_group, probe_rows, state_pointers } from './key-group-tables';
import {
  BA_ACT, BA_KIND, BA_VAL, BA_VAL2, B_BLOCK, B_COUNT, B_INACTIVE, NO_VALUE, agg_buf, key_null_off, key_off, tagged_records, width_of,
} from './partition-buffer';
import { D_MASK, D_SLOTS, D_STATES, D_COUNT, ERR_OK, H_BUF, H_BUF_RECW, H_BUF_ROWS, H_KEYW, H_NAGGS, H_P, H_STATEW, dirEntry } from './table-layout';

/** A key group's buffer is flushed once it holds FLUSH_RATIO x its groups rows (and FLUSH_MIN). */
const FLUSH_MIN: u32 = 1024;
const FLUSH_RATIO: u32 = 2;
const CHUNK: usize = 2048;

/** Flushes the key groups whose buffers reached their threshold (all of them with `all`). Returns ERR_*. */
export function buffer_flush(t: usize, all: bool): i32 {
  if (load<u32>(t + H_BUF) == 0 || load<u32>(t + H_BUF_ROWS) == 0) return ERR_OK;
  const p = load<u32>(t + H_P);
  const dir = <usize>load<u32>(t + H_BUF);
  let scratch: usize = 0;
  for (let g: u32 = 0; g < p; g++) {
    const count = load<u32>(dir + (<usize>g << 4) + B_COUNT);
    if (count == 0) continue;
    if (!all && (count < FLUSH_MIN || count < load<u32>(dirEntry(t, g) + D_COUNT) * FLUSH_RATIO)) continue;
    if (scratch == 0) scratch = flush_scratch(t);
    const err = flush_key_group(t, g, scratch);
    if (err != ERR_OK) return err;
  }
  return ERR_OK;
}

// Flush scratch: hashes, probe rows, key-NULL flags, key groups, indexes, state pointers,
// accumulate scratch, descriptors, and per aggregate 17 bytes a row (values, second values, active).
const FS_HASHES: usize = 0;
const FS_PROBE: usize = 4;
const FS_NULLS: usize = 8;
const FS_KGS: usize = 12;
const FS_IDXS: usize = 16;
const FS_PTRS: usize = 20;
const FS_ACC: usize = 24;
const FS_DESCS: usize = 28;
const FS_COLUMNS: usize = 32;

function flush_scratch(t: usize): usize {
  const na = <usize>load<u32>(t + H_NAGGS);
  const s = arena_alloc(64);
  store<u32>(s + FS_HASHES, <u32>arena_alloc(CHUNK << 3));
  store<u32>(s + FS_PROBE, <u32>arena_alloc(CHUNK * <usize>load<u32>(t + H_KEYW)));
  store<u32>(s + FS_NULLS, <u32>arena_alloc(CHUNK));
  store<u32>(s + FS_KGS, <u32>arena_alloc(CHUNK << 2));
  store<u32>(s + FS_IDXS, <u32>arena_alloc(CHUNK << 2));
  store<u32>(s + FS_PTRS, <u32>arena_alloc(CHUNK << 2));
  store<u32>(s + FS_ACC, <u32>arena_alloc(accumulate_scratch(CHUNK, na)));
  store<u32>(s + FS_DESCS, <u32>arena_alloc(na * DESCS_PER_AGG * COL_SIZE + COL_SIZE));
  store<u32>(s + FS_COLUMNS, <u32>arena_alloc(na * CHUNK * 17 + 8));
  return s;
}

/** Probes and accumulates key group g's buffered rows, CHUNK at a time, then empties the buffer. */
function flush_key_group(t: usize, g: u32, s: usize): i32 {
  const e = <usize>load<u32>(t + H_BUF) + (<usize>g << 4);
  const total = <usize>load<u32>(e + B_COUNT);
  if (total == 0) return ERR_OK;
  const na = load<u32>(t + H_NAGGS);
  const kw = <usize>load<u32>(t + H_KEYW);
  const recW = <usize>load<u32>(t + H_BUF_RECW);
  const knOff = key_null_off(t);
  const keyAt = key_off(t);
  const inactive = load<u32>(e + B_INACTIVE);
  const hashes = <usize>load<u32>(s + FS_HASHES);
  const probe = <usize>load<u32>(s + FS_PROBE);
  const nulls = <usize>load<u32>(s + FS_NULLS);
  const kgs = <usize>load<u32>(s + FS_KGS);
  const idxs = <usize>load<u32>(s + FS_IDXS);
  const ptrs = <usize>load<u32>(s + FS_PTRS);
  const accScratch = <usize>load<u32>(s + FS_ACC);
  const descs = <usize>load<u32>(s + FS_DESCS);
  const columns = <usize>load<u32>(s + FS_COLUMNS);
  memory.fill(descs, 0, <usize>na * DESCS_PER_AGG * COL_SIZE);
  for (let a: u32 = 0; a < na; a++) {
    const info = agg_buf(t, a);
    const d = descs + <usize>a * DESCS_PER_AGG * COL_SIZE;
    const vals = columns + <usize>a * CHUNK * 17;
    if (load<u32>(info + BA_VAL) != NO_VALUE) col_write(d, load<u32>(info + BA_KIND), 0, 0, vals, 0, <u32>CHUNK);
    if (inactive & (a < 32 ? <u32>1 << a : 0xFFFFFFFF)) col_write(d + COL_SIZE, KIND_BOOL, 0, 0, vals + CHUNK * 16, 0, <u32>CHUNK);
    if (load<u32>(info + BA_VAL2) != NO_VALUE) col_write(d + 2 * COL_SIZE, KIND_I64, 0, 0, vals + CHUNK * 8, 0, <u32>CHUNK);
  }
  const block = <usize>load<u32>(e + B_BLOCK);
  const mark = arena_mark();
  const order = slot_order(t, g, block, recW, total);
  const recPtrs = arena_alloc(CHUNK << 2);
  // One fixed-width key: records (tag, key) are probed straight into the key group's sub-table.
  const direct = tagged_records(t);
  const d = dirEntry(t, g);
  const sw = load<u32>(t + H_STATEW);
  for (let start: usize = 0; start < total; start += CHUNK) {
    const m = total - start < CHUNK ? total - start : CHUNK;
    if (direct) {
      for (let k: usize = 0; k < m; k++) {
        const i = order == 0 ? start + k : <usize>load<u32>(order + ((start + k) << 2));
        const rec = block + i * recW;
        store<u32>(recPtrs + (k << 2), <u32>rec);
        const idx = knOff != NO_VALUE && load<u8>(rec + <usize>knOff) != 0 ? null_group(t, d)
          : lookup_u64(t, d, load<u64>(rec + keyAt), load<u32>(rec), rec + keyAt);
        store<u32>(idxs + (k << 2), idx);
      }
      const states = load<u32>(d + D_STATES);
      for (let k: usize = 0; k < m; k++) store<u32>(ptrs + (k << 2), states + load<u32>(idxs + (k << 2)) * sw);
      for (let a: u32 = 0; a < na; a++) transpose(t, a, recPtrs, m, columns + <usize>a * CHUNK * 17);
      const err = accumulate(t, descs, 0, 0, ptrs, m, accScratch);
      if (err != ERR_OK) {
        arena_reset(mark);
        return err;
      }
      continue;
    }
    for (let k: usize = 0; k < m; k++) {
      const i = order == 0 ? start + k : <usize>load<u32>(order + ((start + k) << 2));
      const rec = block + i * recW;
      store<u32>(recPtrs + (k << 2), <u32>rec);
      store<u64>(hashes + (k << 3), load<u64>(rec));
      const dst = probe + k * kw;
      for (let i: usize = 0; i < kw; i += 8) store<u64>(dst + i, load<u64>(rec + keyAt + i));
      store<u8>(nulls + k, knOff != NO_VALUE ? load<u8>(rec + <usize>knOff) : 0);
    }
    for (let a: u32 = 0; a < na; a++) transpose(t, a, recPtrs, m, columns + <usize>a * CHUNK * 17);
    probe_rows(t, probe, hashes, nulls, m, kgs, idxs);
    state_pointers(t, kgs, idxs, m, ptrs);
    const err = accumulate(t, descs, 0, 0, ptrs, m, accScratch);
    if (err != ERR_OK) {
      arena_reset(mark);
      return err;
    }
  }
  arena_reset(mark);
  store<u32>(e + B_COUNT, 0);
  store<u32>(e + B_INACTIVE, 0);
  store<u32>(t + H_BUF_ROWS, load<u32>(t + H_BUF_ROWS) - <u32>total);
  return ERR_OK;
}

/** Aggregate a's inputs of m records as columns: values at out, second values at out + 8*CHUNK, active bytes at out + 16*CHUNK. */
function transpose(t: usize, a: u32, recs: usize, m: usize, out: usize): void {
  const info = agg_buf(t, a);
  const valOff = load<u32>(info + BA_VAL);
  const val2Off = load<u32>(info + BA_VAL2);
  const actOff = load<u32>(info + BA_ACT);
  const act = out + CHUNK * 16;
  if (actOff != NO_VALUE) {
    for (let k: usize = 0; k < m; k++) store<u8>(act + k, load<u8>(<usize>load<u32>(recs + (k << 2)) + <usize>actOff));
  }
  if (valOff != NO_VALUE) {
    const w = width_of(load<u32>(info + BA_KIND));
    for (let k: usize = 0; k < m; k++) {
      const src = <usize>load<u32>(recs + (k << 2)) + <usize>valOff;
      if (w == 8) store<u64>(out + (k << 3), load<u64>(src));
      else if (w == 4) store<u32>(out + (k << 2), load<u32>(src));
      else store<u8>(out + k, load<u8>(src));
    }
  }
  if (val2Off != NO_VALUE) {
    for (let k: usize = 0; k < m; k++) store<u64>(out + CHUNK * 8 + (k << 3), load<u64>(<usize>load<u32>(recs + (k << 2)) + <usize>val2Off));
  }
}

/**
 * The order in which to probe a key group's buffered rows: by home slot (a stable counting sort
 * on the slot position's top 8 bits), so the probes sweep the slot array front to back instead
 * of jumping around it; rows of one group keep their order. Returns 0 for "as buffered" (small
 * or empty sub-tables).
 */
function slot_order(t: usize, g: u32, block: usize, recW: usize, total: usize): usize {
  const d = dirEntry(t, g);
  if (load<u32>(d + D_SLOTS) == 0 || total < 256) return 0;
  const mask = load<u32>(d + D_MASK);
  const bits = 32 - clz<u32>(mask);
  const shift: u32 = bits > 8 ? bits - 8 : 0;
  const starts = arena_alloc_zeroed(256 << 2);
  for (let i: usize = 0; i < total; i++) {
    const b = <usize>((load<u32>(block + i * recW) & mask) >> shift) << 2;
    store<u32>(starts + b, load<u32>(starts + b) + 1);
  }
  let sum: u32 = 0;
  for (let b: usize = 0; b < 256; b++) {
    const c = load<u32>(starts + (b << 2));
    store<u32>(starts + (b << 2), sum);
    sum += c;
  }
  const order = arena_alloc(total << 2);
  for (let i: usize = 0; i < total; i++) {
    const b = <usize>((load<u32>(block + i * recW) & mask) >> shift) << 2;
    const at = load<u32>(starts + b);
    store<u32>(starts + b, at + 1);
    store<u32>(order + (<usize>at << 2), <u32>i);
  }
  return order;
}
