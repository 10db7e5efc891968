// Probing the hash join table with one batch, in output chunks of at most `maxPairs` entries.
//
// One call per chunk does all the work for as many probe rows as fit: find each row's chain head
// (lookup.ts), walk the chain, and write output entries per the join semantics (JOIN_* flags of
// the table). When the output is full the call saves a cursor (position, chain entry, whether the
// row matched) in the table's header and returns; the next call resumes exactly there, so a
// many-to-many key may span chunks. When every build key is unique each probe row writes at most
// one entry, and a tight loop without a cursor inside a row does the work.
//
// In candidate mode (a residual condition exists) the call writes every key-matching pair and
// nothing else; join_residual_apply then applies the join semantics to the pairs that passed.

import { COL_SIZE, col_validity } from '../layout';
import {
  H_ANY_NULL, H_BUILD_DESCS, H_C_MATCHED0, H_C_POS0, H_C_STATE0, H_CHAIN, H_FLAGS, H_KEYS, H_MATCHED,
  H_MODE, H_OPEN_MATCHED, H_P_LEN, H_P_ROWS, H_P_SEL, H_POS, H_PROBE_DESCS, H_SHAPE, H_STATE, H_UNIQUE,
  JOIN_ANTI, JOIN_EMIT_PAIRS, JOIN_PROBE_OUTER, JOIN_SEMI, MODE_DENSE, SHAPE_BOOL, SHAPE_GENERIC,
  SHAPE_I32, SHAPE_I64, STATE_EXHAUSTED, STATE_FRESH, STATE_IN_CHAIN, VECTOR, hdr, probe_row_at, set_hdr,
} from './header';
import { keys_equal } from './keys';
import {
  begin_dict_map, filter_int_vector, find_head_int, gAnyNull, gCand, gCandCount, gDictLen, gLinks, gRes, load_probe_state,
  lookup_candidates, lookup_generic, lookup_int, probe_key_valid,
} from './lookup';

/**
 * Starts probing a batch of `numRows` rows (positions through `sel`/`selLen` when sel is not 0)
 * whose key descriptors the bindings wrote at join_probe_descs(t).
 */
export function join_probe_begin(t: usize, numRows: u32, sel: usize, selLen: u32): void {
  set_hdr(t, H_P_ROWS, numRows);
  set_hdr(t, H_P_SEL, sel);
  set_hdr(t, H_P_LEN, sel == 0 ? numRows : selLen);
  set_hdr(t, H_POS, 0);
  set_hdr(t, H_STATE, STATE_FRESH);
  set_hdr(t, H_OPEN_MATCHED, 0);
  store<u64>(t + H_CHAIN, 0);
  let anyNull: u32 = 0;
  const pdescs = hdr(t, H_PROBE_DESCS);
  const keys = hdr(t, H_KEYS);
  for (let k: usize = 0; k < keys; k++) if (col_validity(pdescs + k * COL_SIZE) != 0) anyNull = 1;
  set_hdr(t, H_ANY_NULL, anyNull);
  begin_dict_map(t); // after H_P_LEN is set
}

/** 1 when every position of the current probe batch has been processed. */
export function join_probe_done(t: usize): u32 {
  return hdr(t, H_POS) >= hdr(t, H_P_LEN) ? 1 : 0;
}

/**
 * Head of the chain of probe row `row` at index `i` of the current vector (0: none or NULL key):
 * from gRes when `found` (the vector was looked up as a whole), else looked up here.
 */
// @ts-ignore: decorator
@inline function head_of(found: bool, dense: bool, shape: u32, row: usize, i: usize): u32 {
  if (found) return load<u32>(gRes + (i << 2));
  if (gAnyNull && !probe_key_valid(row)) return 0;
  return find_head_int(dense, shape, row);
}

/**
 * Runs one output chunk: writes at most `maxPairs` entries to outProbe/outBuild (i32 row ids,
 * -1 for a missing build row; outBuild may be 0 for semi/anti) and returns how many. With
 * `candidates` 1, writes the key-matching pairs for join_residual_apply instead.
 */
export function join_probe(t: usize, outProbe: usize, outBuild: usize, maxPairs: u32, candidates: u32): u32 {
  load_probe_state(t);
  const dense = load<u32>(t + H_MODE) == MODE_DENSE;
  const shape = load<u32>(t + H_SHAPE);
  if (candidates == 0 && load<u32>(t + H_UNIQUE) != 0 && load<u32>(t + H_STATE) == STATE_FRESH) {
    if (dense) {
      if (shape == SHAPE_I32) return unique_dense_i32(t, outProbe, outBuild, maxPairs);
      if (shape == SHAPE_I64) return unique_dense_i64(t, outProbe, outBuild, maxPairs);
      return unique_dense_bool(t, outProbe, outBuild, maxPairs);
    }
    if (shape == SHAPE_I32) return unique_hash_i32(t, outProbe, outBuild, maxPairs);
    if (shape == SHAPE_I64) return unique_hash_i64(t, outProbe, outBuild, maxPairs);
    return unique_hash_generic(t, outProbe, outBuild, maxPairs);
  }
  const cand = candidates != 0;
  if (dense) {
    if (shape == SHAPE_I32) return chains_dense_i32(t, outProbe, outBuild, maxPairs, cand);
    if (shape == SHAPE_I64) return chains_dense_i64(t, outProbe, outBuild, maxPairs, cand);
    return chains_dense_bool(t, outProbe, outBuild, maxPairs, cand);
  }
  if (shape == SHAPE_I32) return chains_hash_i32(t, outProbe, outBuild, maxPairs, cand);
  if (shape == SHAPE_I64) return chains_hash_i64(t, outProbe, outBuild, maxPairs, cand);
  return chains_hash_generic(t, outProbe, outBuild, maxPairs, cand);
}

// One function per specialisation (not inlined into join_probe, so each loop is compiled alone).
function unique_dense_i32(t: usize, p: usize, b: usize, m: u32): u32 { return probe_unique(t, p, b, m, true, SHAPE_I32); }
function unique_dense_i64(t: usize, p: usize, b: usize, m: u32): u32 { return probe_unique(t, p, b, m, true, SHAPE_I64); }
function unique_dense_bool(t: usize, p: usize, b: usize, m: u32): u32 { return probe_unique(t, p, b, m, true, SHAPE_BOOL); }
function unique_hash_i32(t: usize, p: usize, b: usize, m: u32): u32 { return probe_unique(t, p, b, m, false, SHAPE_I32); }
function unique_hash_i64(t: usize, p: usize, b: usize, m: u32): u32 { return probe_unique(t, p, b, m, false, SHAPE_I64); }
function unique_hash_generic(t: usize, p: usize, b: usize, m: u32): u32 { return probe_unique(t, p, b, m, false, SHAPE_GENERIC); }
function chains_dense_i32(t: usize, p: usize, b: usize, m: u32, c: bool): u32 { return probe_chains(t, p, b, m, c, true, SHAPE_I32); }
function chains_dense_i64(t: usize, p: usize, b: usize, m: u32, c: bool): u32 { return probe_chains(t, p, b, m, c, true, SHAPE_I64); }
function chains_dense_bool(t: usize, p: usize, b: usize, m: u32, c: bool): u32 { return probe_chains(t, p, b, m, c, true, SHAPE_BOOL); }
function chains_hash_i32(t: usize, p: usize, b: usize, m: u32, c: bool): u32 { return probe_chains(t, p, b, m, c, false, SHAPE_I32); }
function chains_hash_i64(t: usize, p: usize, b: usize, m: u32, c: bool): u32 { return probe_chains(t, p, b, m, c, false, SHAPE_I64); }
function chains_hash_generic(t: usize, p: usize, b: usize, m: u32, c: bool): u32 { return probe_chains(t, p, b, m, c, false, SHAPE_GENERIC); }

/**
 * Unique build keys, no residual: each probe row writes at most one entry, so a chunk is simply
 * the next maxPairs rows (all rows when nothing is written: build-side semi/anti).
 */
// @ts-ignore: decorator
@inline function probe_unique(t: usize, outP: usize, outB: usize, maxPairs: u32, dense: bool, shape: u32): u32 {
  const flags = load<u32>(t + H_FLAGS);
  const emitPairs = (flags & JOIN_EMIT_PAIRS) != 0;
  const probeOuter = (flags & JOIN_PROBE_OUTER) != 0;
  const semi = (flags & JOIN_SEMI) != 0;
  const anti = (flags & JOIN_ANTI) != 0;
  const matchedMap = hdr(t, H_MATCHED);
  // Generic keys compare keys, except a DICT key whose entries were checked when mapped.
  const verify = !dense && shape == SHAPE_GENERIC && gDictLen == 0;
  const numKeys = hdr(t, H_KEYS);
  const pdescs = hdr(t, H_PROBE_DESCS);
  const bdescs = hdr(t, H_BUILD_DESCS);
  const sel = hdr(t, H_P_SEL);
  const len = hdr(t, H_P_LEN);
  let pos = hdr(t, H_POS);
  const writes = emitPairs || semi || anti;
  const end = writes && len - pos > <usize>maxPairs ? pos + <usize>maxPairs : len;
  const inner = emitPairs && !probeOuter && matchedMap == 0;
  let n: usize = 0;
  if (inner && sel == 0 && !gAnyNull && shape != SHAPE_GENERIC) {
    // The common inner join over a whole batch: find and write in one branch-light pass, a
    // vector at a time, over the candidates when the key filter checks the vector.
    while (pos < end) {
      const count = end - pos < VECTOR ? end - pos : VECTOR;
      if (!dense && filter_int_vector(t, shape, 0, pos, count)) {
        const c = gCandCount;
        for (let j: usize = 0; j < c; j++) {
          const row = pos + <usize>load<u32>(gCand + (j << 2));
          const head = find_head_int(false, shape, row);
          store<i32>(outP + (n << 2), <i32>row);
          store<i32>(outB + (n << 2), <i32>head - 1);
          n += <usize>(head != 0);
        }
      } else {
        for (let row = pos; row < pos + count; row++) {
          const head = find_head_int(dense, shape, row);
          store<i32>(outP + (n << 2), <i32>row);
          store<i32>(outB + (n << 2), <i32>head - 1);
          n += <usize>(head != 0);
        }
      }
      pos += count;
    }
    set_hdr(t, H_POS, pos);
    return <u32>n;
  }
  while (pos < end) {
    const count = end - pos < VECTOR ? end - pos : VECTOR;
    // Generic keys are looked up a vector at a time, integer keys too when the key filter checks the vector.
    let found = !dense && shape == SHAPE_GENERIC;
    if (found) lookup_generic(t, sel, pos, count);
    else if (!dense && filter_int_vector(t, shape, sel, pos, count)) {
      lookup_candidates(shape, sel, pos, count);
      found = true;
    }
    for (let i: usize = 0; i < count; i++) {
      const row = probe_row_at(sel, pos + i);
      let head = head_of(found, dense, shape, row, i);
      if (verify && head != 0 && !keys_equal(pdescs, row, bdescs, <usize>head - 1, numKeys)) head = 0;
      if (emitPairs) {
        if (head != 0 || probeOuter) {
          store<i32>(outP + (n << 2), <i32>row);
          store<i32>(outB + (n << 2), <i32>head - 1);
          n++;
          if (head != 0 && matchedMap != 0) store<u8>(matchedMap + <usize>head - 1, 1);
        }
      } else if (semi || anti) {
        if ((head != 0) == semi) {
          store<i32>(outP + (n << 2), <i32>row);
          if (outB != 0) store<i32>(outB + (n << 2), -1);
          n++;
        }
      } else if (head != 0) {
        store<u8>(matchedMap + <usize>head - 1, 1);
      }
    }
    pos += count;
  }
  set_hdr(t, H_POS, pos);
  return <u32>n;
}

/** Saves the cursor before returning a full chunk. */
// @ts-ignore: decorator
@inline function save(t: usize, pos: usize, state: u32, chain: u32, matched: bool): void {
  set_hdr(t, H_POS, pos);
  set_hdr(t, H_STATE, state);
  store<u64>(t + H_CHAIN, <u64>chain);
  set_hdr(t, H_OPEN_MATCHED, matched ? 1 : 0);
}

/**
 * The general probe loop: chains of any length, resumable inside a row, candidate mode. A chain
 * entry `e` is build row + 1 (0 ends the chain).
 */
// @ts-ignore: decorator
@inline function probe_chains(t: usize, outP: usize, outB: usize, maxPairs: u32, cand: bool, dense: bool, shape: u32): u32 {
  const flags = load<u32>(t + H_FLAGS);
  const emitPairs = (flags & JOIN_EMIT_PAIRS) != 0;
  const probeOuter = (flags & JOIN_PROBE_OUTER) != 0;
  const semi = (flags & JOIN_SEMI) != 0;
  const anti = (flags & JOIN_ANTI) != 0;
  const matchedMap = hdr(t, H_MATCHED);
  // Rows without a match cost one output entry (candidate mode: one entry of join_residual_apply).
  const costsUnmatched = probeOuter || anti;
  // Build-side semi/anti write nothing here, so the whole batch fits in one call.
  const max: usize = emitPairs || semi || anti || cand ? <usize>maxPairs : <usize>0xFFFFFFFF;
  const verify = !dense && shape == SHAPE_GENERIC;
  const links = gLinks;
  const numKeys = hdr(t, H_KEYS);
  const pdescs = hdr(t, H_PROBE_DESCS);
  const bdescs = hdr(t, H_BUILD_DESCS);
  const sel = hdr(t, H_P_SEL);
  const len = hdr(t, H_P_LEN);

  let pos = hdr(t, H_POS);
  let state = load<u32>(t + H_STATE);
  set_hdr(t, H_C_POS0, pos);
  set_hdr(t, H_C_STATE0, state);
  set_hdr(t, H_C_MATCHED0, hdr(t, H_OPEN_MATCHED));
  let n: usize = 0;      // entries written
  let extra: usize = 0;  // candidate mode: entries join_residual_apply will add for unmatched rows

  while (pos < len) {
    const vcount = len - pos < VECTOR ? len - pos : VECTOR;
    const vbase = pos;
    if (!dense && shape == SHAPE_GENERIC) lookup_generic(t, sel, vbase, vcount);
    else lookup_int(t, dense, shape, sel, vbase, vcount);
    for (let i: usize = 0; i < vcount; i++) {
      pos = vbase + i;
      const row = probe_row_at(sel, pos);
      let e: u32 = 0;
      let matched = false;
      let hadCandidate = false;
      if (state == STATE_FRESH) {
        e = load<u32>(gRes + (i << 2));
      } else {
        if (state == STATE_IN_CHAIN) e = <u32>load<u64>(t + H_CHAIN);
        matched = load<u32>(t + H_OPEN_MATCHED) != 0;
        hadCandidate = true;
        state = STATE_FRESH;
      }
      while (e != 0) {
        const b = <usize>e - 1;
        if (verify && !keys_equal(pdescs, row, bdescs, b, numKeys)) {
          e = load<u32>(links + (b << 2));
          continue;
        }
        if (cand) {
          if (n + extra >= max) { save(t, pos, STATE_IN_CHAIN, e, matched); return <u32>n; }
          store<i32>(outP + (n << 2), <i32>row);
          store<i32>(outB + (n << 2), <i32>b);
          n++;
          hadCandidate = true;
        } else if (emitPairs) {
          if (n >= max) { save(t, pos, STATE_IN_CHAIN, e, matched); return <u32>n; }
          store<i32>(outP + (n << 2), <i32>row);
          store<i32>(outB + (n << 2), <i32>b);
          n++;
          if (matchedMap != 0) store<u8>(matchedMap + b, 1);
          matched = true;
        } else if (semi) {
          if (n >= max) { save(t, pos, STATE_IN_CHAIN, e, matched); return <u32>n; }
          store<i32>(outP + (n << 2), <i32>row);
          if (outB != 0) store<i32>(outB + (n << 2), -1);
          n++;
          matched = true;
          break;
        } else if (anti) {
          matched = true;
          break;
        } else {
          store<u8>(matchedMap + b, 1);
        }
        e = load<u32>(links + (b << 2));
      }
      if (cand) {
        if (!hadCandidate && costsUnmatched) {
          if (n + extra >= max) { save(t, pos, STATE_FRESH, 0, false); return <u32>n; }
          extra++;
        }
      } else if (!matched && costsUnmatched) {
        if (n >= max) { save(t, pos, STATE_EXHAUSTED, 0, false); return <u32>n; }
        store<i32>(outP + (n << 2), <i32>row);
        if (outB != 0) store<i32>(outB + (n << 2), -1);
        n++;
      }
    }
    pos = vbase + vcount;
  }
  save(t, len, STATE_FRESH, 0, false);
  return <u32>n;
}
