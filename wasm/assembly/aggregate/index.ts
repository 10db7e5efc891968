// Exports of the aggregate kernel family: a vectorized hash aggregate whose state lives in linear
// memory, organised by key group (see table-layout.ts). Driven by bindings/aggregate-kernel.ts.
import { arena_alloc, arena_mark, arena_reset } from '../memory';
import { dense_group_count, null_state, to_keyed } from './dense-layout';
import { emit_begin, emit_next } from './emit';
import { table_create, table_free } from './table';
import {
  D_COUNT, H_EMIT_ROWS, H_ERR, H_ERR_AGG, H_GROUPS, H_LAYOUT, H_NKEYS, LAYOUT_DENSE, dirEntry,
} from './table-layout';
import { table_update } from './update';
import { global_update_where } from './global-where';
import { buffer_flush } from './partition-flush';

/**
 * Creates a hash-aggregate table. mode: 0 single, 1 partial, 2 final. keyKinds: nKeys u32 kinds.
 * aggSpecs: nAggs (fn u32, argKind u32, decimal u32) triples, fn 1 count_star, 2 count,
 * 3 count_distinct, 4 sum, 5 min, 6 max, 7 avg; decimal 0, or for SUM/AVG over a DECIMAL
 * 1 | scaleUp << 8 (128-bit sums emitted as I128; AVG scales its quotient up by 10^scaleUp).
 * Returns the table's address.
 */
export function agg_create(mode: u32, maxParallelism: u32, nKeys: u32, keyKinds: usize, nAggs: u32, aggSpecs: usize): usize {
  const t = table_create(mode, maxParallelism, nKeys, keyKinds, nAggs, aggSpecs);
  if (nKeys == 0) null_state(t); // a global aggregate has its one group from the start
  return t;
}

/**
 * Folds a batch into the table in one call. descs: the key columns' descriptors, then per
 * aggregate [arg, filter, arg2] (kind 0 = absent; arg2 is avg's count column in 'final' mode).
 * sel: ascending i32 row indices, or 0 for rows 0..selLen-1. Returns 0, or 1 on integer overflow
 * of the aggregate agg_error_agg names. Its scratch comes from the arena, reset before returning.
 */
export function agg_update(t: usize, descs: usize, sel: usize, selLen: usize): i32 {
  const mark = arena_mark();
  const err = table_update(t, descs, sel, selLen);
  arena_reset(mark);
  return err;
}

/**
 * agg_update for a global table whose input rows are first filtered by a conjunction of
 * `column <op> literal` comparisons: `npreds` records of (column descriptor address u32, operator
 * CMP_EQ..CMP_GE i32, address of the literal's bytes u32) at `preds`, folded in one pass without
 * a selection (global-where.ts). numRows: the batch's rows; ordinal: the index of its first
 * offered row mod 8. Returns -1 when this table or a predicate is not covered (nothing was done;
 * filter, then call agg_update), else as agg_update.
 */
export function agg_update_where(t: usize, descs: usize, preds: usize, npreds: u32,
  sel: usize, selLen: usize, numRows: usize, ordinal: u32): i32 {
  if (load<u32>(t + H_NKEYS) != 0 || selLen == 0) return -1;
  const mark = arena_mark();
  const err = global_update_where(t, descs, preds, npreds, sel, selLen, numRows, ordinal);
  arena_reset(mark);
  return err;
}

/** The aggregate whose SUM overflowed in the last failed update (or whose AVG in emission). */
export function agg_error_agg(t: usize): u32 { return load<u32>(t + H_ERR_AGG); }

/**
 * The table's error: 0, 1 when a SUM overflowed (update, flush), 2 when agg_emit_next returned 0
 * because an AVG(DECIMAL) result does not fit DECIMAL(38, s).
 */
export function agg_error(t: usize): i32 { return load<i32>(t + H_ERR); }

/**
 * Folds every row a big table still holds in its partition buffers into the groups. Call it
 * before reading the table: counting, emitting, per-key-group access.
 * Returns 0, or 1 on integer overflow (see agg_error_agg).
 */
export function agg_flush(t: usize): i32 {
  const mark = arena_mark();
  const err = buffer_flush(t, true);
  arena_reset(mark);
  return err;
}

/** Number of groups (after agg_flush). */
export function agg_group_count(t: usize): u32 {
  return load<u32>(t + H_LAYOUT) == LAYOUT_DENSE ? dense_group_count(t) : load<u32>(t + H_GROUPS);
}

/** Current layout: 0 undecided, 1 global, 2 dense, 3 keyed (hashed per key group). */
export function agg_layout(t: usize): u32 { return load<u32>(t + H_LAYOUT); }

/**
 * Moves a dense table's groups into their key groups' sub-tables (no-op otherwise), so that
 * agg_key_group_size and per-key-group state access apply.
 */
export function agg_to_keyed(t: usize): void {
  if (load<u32>(t + H_LAYOUT) != LAYOUT_DENSE) return;
  const mark = arena_mark();
  to_keyed(t, arena_alloc(8));
  arena_reset(mark);
}

/** Groups held by key group g (keyed layout; 0 for other layouts). */
export function agg_key_group_size(t: usize, g: u32): u32 {
  if (load<u32>(t + H_NKEYS) == 0 || load<u32>(t + H_LAYOUT) == LAYOUT_DENSE) return 0;
  return load<u32>(dirEntry(t, g) + D_COUNT);
}

/** Restarts emission at the first group. */
export function agg_emit_begin(t: usize): void { emit_begin(t); }

/**
 * Writes the next chunk of at most maxRows result rows into the arena and returns its column
 * descriptors, or 0 when done; agg_emit_rows gives the chunk's row count.
 */
export function agg_emit_next(t: usize, maxRows: usize): usize { return emit_next(t, maxRows); }

/** Rows of the last chunk agg_emit_next wrote. */
export function agg_emit_rows(t: usize): u32 { return load<u32>(t + H_EMIT_ROWS); }

/** Frees the table and every block it owns. */
export function agg_free(t: usize): void { table_free(t); }
