// One update call per batch: picks the layout from the data (no key: global-update.ts folds
// with its state in registers; dense array for a narrow integer key, keyed sub-tables
// otherwise), then, per chunk of CHUNK rows, finds every row's state row
// and folds the chunk into each aggregate. Keyed tables that have grown past the cache run the
// chunk's probe partitioned by key group (partition.ts). DICT keys find state rows through their
// codes (dict-keys.ts); integer keys clustered in runs are looked up once per run (key-runs.ts).
import { COL_SIZE, KIND_BOOL, KIND_I32, KIND_I64, KIND_UTF8, col_kind } from '../layout';
import { dict_pointers, dict_prepare } from './dict-keys';
import { combined_code_count } from './dict-codes';
import { arena_alloc, arena_mark, arena_reset } from '../memory';
import { DESCS_PER_AGG, accumulate, accumulate_dense_fused, accumulate_scratch, dense_fused_scratch } from './accumulate';
import { expand_runs, find_runs, runs_apply } from './key-runs';
import { fold_runs, runs_fold } from './run-fold';
import { identity_rows } from './row-access';
import { buffer_append, buffer_ready } from './partition-buffer';
import { buffer_flush } from './partition-flush';
import { dense_cover, dense_locate, null_state, to_keyed } from './dense-layout';
import { encode_keys } from './key-encoder';
import { global_update } from './global-update';
import { probe_rows, state_pointers } from './key-group-tables';
import { locate_strings } from './string-keys';
import {
  ERR_OK, H_KEYW, H_LAYOUT, H_NAGGS, H_NKEYS, LAYOUT_DENSE, LAYOUT_GLOBAL, LAYOUT_HASHED, LAYOUT_UNDECIDED,
} from './table-layout';

/** Rows per inner vector: keeps hashes, probe rows and state pointers in L1/L2. */
export const CHUNK: usize = 2048;

/**
 * Folds rows of a batch into the table. `descs`: the key columns' descriptors, then 3 per
 * aggregate (see accumulate.ts). `sel`: ascending i32 row indices (selLen of them), or 0 for
 * rows 0..selLen-1. Scratch comes from the arena (the caller resets it). Returns ERR_*.
 */
export function table_update(t: usize, descs: usize, sel: usize, selLen: usize): i32 {
  if (selLen == 0) return ERR_OK;
  const nk = load<u32>(t + H_NKEYS);
  const aggDescs = descs + <usize>nk * COL_SIZE;
  // A dense table's fused pass checks the key range itself (no pass over the keys first).
  let covered = load<u32>(t + H_LAYOUT) != LAYOUT_DENSE;
  if (covered) choose_layout(t, descs, sel, selLen);
  if (load<u32>(t + H_LAYOUT) == LAYOUT_DENSE) {
    const scratchBytes = dense_fused_scratch(<usize>load<u32>(t + H_NAGGS));
    const scratch = arena_alloc(scratchBytes + 8);
    const folded = scratch + scratchBytes;
    for (;;) {
      const err = accumulate_dense_fused(t, descs, aggDescs, sel, selLen, scratch, folded);
      if (err > ERR_OK) return err;
      if (err < ERR_OK) break;
      const done = <usize>load<u32>(folded);
      if (done == selLen) return ERR_OK;
      // A key outside the range: the rest of the batch widens it (or goes keyed) and goes on.
      sel = sel != 0 ? sel + (done << 2) : identity_rows(arena_alloc((selLen - done) << 2), done, selLen - done);
      selLen -= done;
      choose_layout(t, descs, sel, selLen);
      covered = true;
      if (load<u32>(t + H_LAYOUT) != LAYOUT_DENSE) break;
    }
  }
  if (!covered) choose_layout(t, descs, sel, selLen);
  const layout = load<u32>(t + H_LAYOUT);
  const kw = <usize>load<u32>(t + H_KEYW);
  if (layout == LAYOUT_GLOBAL) {
    const done = global_update(t, aggDescs, sel, selLen);
    if (done >= 0) return done;
  }
  const rowsBuf = arena_alloc(CHUNK << 2);
  const ptrs = arena_alloc(CHUNK << 2);
  const accScratch = arena_alloc(accumulate_scratch(CHUNK, <usize>load<u32>(t + H_NAGGS)));
  let kgs: usize = 0, idxs: usize = 0, hashes: usize = 0, nulls: usize = 0, probe: usize = 0;
  if (layout == LAYOUT_HASHED) {
    kgs = arena_alloc(CHUNK << 2);
    idxs = arena_alloc(CHUNK << 2);
    hashes = arena_alloc(CHUNK << 3);
    nulls = arena_alloc(CHUNK);
    probe = arena_alloc(CHUNK * kw);
  }
  // A big keyed table partitions rows by key group first (partition-buffer.ts).
  let buffered = false;
  if (layout == LAYOUT_HASHED) {
    buffered = buffer_ready(t, descs, aggDescs);
    if (!buffered) {
      const err = buffer_flush(t, true);
      if (err != ERR_OK) return err;
    }
  }
  // Every key DICT with few combined codes: rows find their state rows through their codes (dict-keys.ts).
  const codeCount: usize = layout == LAYOUT_HASHED && !buffered ? combined_code_count(descs, <usize>nk) : 0;
  const dictCodes: usize = codeCount != 0 ? dict_prepare(t, descs, sel, selLen, codeCount) : 0;
  // One UTF8 key: hash and probe fused per row (string-keys.ts).
  const oneUtf8 = layout == LAYOUT_HASHED && !buffered && nk == 1 && col_kind(descs) == KIND_UTF8;
  // Integer keys in runs of equal values: one lookup per run (key-runs.ts); a buffering table
  // buffers one row per run where the aggregates fold exactly (run-fold.ts).
  const foldRuns = buffered && runs_fold(t, aggDescs);
  const runKeys = layout == LAYOUT_HASHED && (!buffered || foldRuns) && runs_apply(descs, <usize>nk);
  const starts: usize = runKeys ? arena_alloc(CHUNK << 2) : 0;
  const heads: usize = runKeys ? arena_alloc(CHUNK << 2) : 0;
  const folded: usize = foldRuns ? arena_alloc(<usize>load<u32>(t + H_NAGGS) * DESCS_PER_AGG * COL_SIZE) : 0;
  for (let start: usize = 0; start < selLen; start += CHUNK) {
    const m = selLen - start < CHUNK ? selLen - start : CHUNK;
    // rows: the chunk's slice of the selection, or 0 for the contiguous rows start .. start+m-1.
    const rows: usize = sel != 0 ? sel + (start << 2) : 0;
    if (layout == LAYOUT_GLOBAL) {
      const row = <u32>null_state(t);
      for (let k: usize = 0; k < m; k++) store<u32>(ptrs + (k << 2), row);
    } else if (layout == LAYOUT_DENSE) {
      dense_locate(t, descs, rows, start, m, ptrs);
    } else if (dictCodes != 0) {
      dict_pointers(t, dictCodes, start, m, ptrs);
    } else if (oneUtf8) {
      locate_strings(t, descs, rows, start, m, kgs, idxs, ptrs, probe);
    } else {
      const vec = rows != 0 ? rows : identity_rows(rowsBuf, start, m);
      const runs = runKeys ? find_runs(descs, <usize>nk, vec, m, starts, heads) : 0;
      if (runs != 0 && !buffered) {
        encode_keys(t, descs, heads, runs, probe, hashes, nulls, accScratch);
        probe_rows(t, probe, hashes, nulls, runs, kgs, idxs);
        state_pointers(t, kgs, idxs, runs, ptrs);
        expand_runs(starts, runs, m, ptrs);
        const err = accumulate(t, aggDescs, rows, start, ptrs, m, accScratch);
        if (err != ERR_OK) return err;
        continue;
      }
      if (runs != 0 && buffer_runs(t, descs, aggDescs, vec, m, starts, heads, runs, folded, probe, hashes, nulls, accScratch)) continue;
      encode_keys(t, descs, vec, m, probe, hashes, nulls, accScratch);
      if (buffered) {
        buffer_append(t, aggDescs, vec, m, hashes, probe, nulls, accScratch);
        continue;
      }
      probe_rows(t, probe, hashes, nulls, m, kgs, idxs);
      state_pointers(t, kgs, idxs, m, ptrs);
    }
    const err = accumulate(t, aggDescs, rows, start, ptrs, m, accScratch);
    if (err != ERR_OK) return err;
  }
  if (buffered) return buffer_flush(t, false);
  return ERR_OK;
}

/**
 * Appends the chunk's runs (find_runs) to the partition buffer as one row each, their inputs
 * folded (run-fold.ts). Returns false, having buffered nothing, when a run does not fold exactly.
 */
function buffer_runs(t: usize, descs: usize, aggDescs: usize, vec: usize, m: usize, starts: usize, heads: usize, runs: usize,
  folded: usize, probe: usize, hashes: usize, nulls: usize, scratch: usize): bool {
  const mark = arena_mark();
  const exact = fold_runs(t, aggDescs, vec, m, starts, runs, folded);
  if (exact) {
    encode_keys(t, descs, heads, runs, probe, hashes, nulls, scratch);
    // The folded columns have one row per run: rows 0 .. runs-1 (`starts` is free again).
    buffer_append(t, folded, identity_rows(starts, 0, runs), runs, hashes, probe, nulls, scratch);
  }
  arena_reset(mark);
  return exact;
}

/** Settles the layout for this batch: dense while one integer key stays narrow, else keyed. */
function choose_layout(t: usize, descs: usize, sel: usize, selLen: usize): void {
  const layout = load<u32>(t + H_LAYOUT);
  if (layout == LAYOUT_GLOBAL || layout == LAYOUT_HASHED) return;
  if (layout == LAYOUT_UNDECIDED) {
    const kind = col_kind(descs);
    const integer = kind == KIND_I32 || kind == KIND_I64 || kind == KIND_BOOL;
    if (load<u32>(t + H_NKEYS) != 1 || !integer || !dense_cover(t, descs, sel, selLen, true)) {
      store<u32>(t + H_LAYOUT, LAYOUT_HASHED);
    }
    return;
  }
  if (layout == LAYOUT_DENSE && !dense_cover(t, descs, sel, selLen, false)) {
    to_keyed(t, arena_alloc(8));
  }
}
