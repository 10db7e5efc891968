import { expect } from 'vitest';
import { HashJoinTable, type HashJoinType, type JoinPairs } from '../../bindings/join-kernel.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TestBatch, readI32 } from './columns.js';

/** One input of a test join: its columns in memory and the positions of its key columns. */
export interface JoinInput {
  readonly batch: TestBatch;
  readonly keys: readonly number[];
}

/** How a test drives the table. */
export interface RunOptions {
  readonly joinType: HashJoinType;
  readonly buildSide: 'left' | 'right';
  /** Residual condition over (leftRow, rightRow). */
  readonly residual?: (l: number, r: number) => boolean;
  readonly maxPairs?: number;
  readonly allowDense?: boolean;
  /** Probe batches as selection vectors over the probe input; absent: one batch of all rows (selPtr 0). */
  readonly probeBatches?: readonly (readonly number[])[];
  /** Expected strategy of the table, when the test pins it. */
  readonly strategy?: 'dense' | 'hash';
}

/**
 * Runs a join through HashJoinTable the way the runtime does (build, probe each batch, then the
 * build rows at the end) and returns its rows as nestedLoopJoin writes them. Checks on the way
 * that chunks respect maxPairs, that the arena is back at its mark after every probe, and that
 * probe output follows probe row order with build rows ascending within a probe row.
 */
export function runHashJoin(w: WasmInstance, left: JoinInput, right: JoinInput, o: RunOptions): string[] {
  const build = o.buildSide === 'left' ? left : right;
  const probe = o.buildSide === 'left' ? right : left;
  const table = HashJoinTable.build(w, build.batch, build.keys, { joinType: o.joinType, buildSide: o.buildSide, allowDense: o.allowDense });
  if (o.strategy) expect(table.strategy).toBe(o.strategy);
  const out: string[] = [];
  const asRow = (p: number, b: number) => (o.buildSide === 'right' ? `${p},${b}` : `${b},${p}`);
  const batches = o.probeBatches ?? [null];
  for (const sel of batches) {
    const outer = w.fn.arena_mark!() >>> 0;
    const selPtr = sel ? TestBatch.arenaI32(w, sel) : 0;
    const mark = w.fn.arena_mark!() >>> 0;
    let lastP = -1;
    let lastB = -1;
    let entryMark = -1;
    // The table resets the arena after each chunk, so every chunk finds it at the same mark (with a
    // residual, whose selection size varies, that is checked where the residual filter is called).
    const checkMark = () => {
      const m = w.fn.arena_mark!() >>> 0;
      if (entryMark !== -1 && m !== entryMark) throw new Error(`arena at ${m} for this chunk, was ${entryMark} for the previous one`);
      entryMark = m;
    };
    const emit = (pairs: JoinPairs) => {
      if (!o.residual) checkMark();
      if (pairs.count <= 0 || pairs.count > (o.maxPairs ?? Infinity)) throw new Error(`chunk of ${pairs.count} pairs, maxPairs ${o.maxPairs}`);
      const ps = readI32(w, pairs.probeIdx, pairs.count);
      const bs = pairs.buildIdx ? readI32(w, pairs.buildIdx, pairs.count) : null;
      if (table.probeOutput === 'none') throw new Error('a build-side semi/anti probe emitted rows');
      const pairsOut = table.probeOutput === 'pairs';
      for (let i = 0; i < ps.length; i++) {
        const p = ps[i]!;
        if (pairsOut) {
          const b = bs![i]!;
          // Probe order; within a probe row ascending build rows, and (p, -1) only alone.
          if (!(p > lastP || (p === lastP && lastB !== -1 && b > lastB))) {
            throw new Error(`output out of order: ${p},${b} after ${lastP},${lastB}`);
          }
          out.push(asRow(p, b));
          lastB = b;
        } else {
          if (p <= lastP) throw new Error(`probe row ${p} emitted after ${lastP}`);
          out.push(`${p}`);
        }
        lastP = p;
      }
      // The consumer may use the arena; the table resets it after emit returns.
      w.fn.arena_alloc!(100);
    };
    table.probe(probe.batch, probe.keys, emit, {
      selPtr,
      selLen: sel?.length ?? 0,
      maxPairs: o.maxPairs,
      residual: o.residual ? residualFilter(w, o.residual, o.buildSide, checkMark) : undefined,
    });
    expect(w.fn.arena_mark!() >>> 0).toBe(mark);
    w.fn.arena_reset!(outer);
  }
  const atEnd = table.buildRowsAtEnd;
  const expectedAtEnd = !keepsBuildRows(o) ? null : o.joinType === 'semi' ? 'matched' : 'unmatched';
  if (atEnd !== expectedAtEnd) throw new Error(`buildRowsAtEnd ${atEnd}, expected ${expectedAtEnd}`);
  const semiAnti = o.joinType === 'semi' || o.joinType === 'anti';
  const endRow = (b: number) => (semiAnti ? `${b}` : o.buildSide === 'left' ? `${b},-1` : `-1,${b}`);
  let lastEnd = -1;
  const onEnd = (ptr: number, count: number) => {
    if (count > (o.maxPairs ?? Infinity)) throw new Error(`chunk of ${count} build rows, maxRows ${o.maxPairs}`);
    for (const b of readI32(w, ptr, count)) {
      if (b <= lastEnd) throw new Error(`build row ${b} emitted after ${lastEnd}`);
      lastEnd = b;
      out.push(endRow(b));
    }
  };
  // Both spellings: the generic one the runtime uses, and the explicit ones.
  if (o.maxPairs === 7 && atEnd === 'unmatched') table.unmatchedBuildRows(onEnd, o.maxPairs);
  else if (o.maxPairs === 7 && atEnd === 'matched') table.matchedBuildRows(onEnd, o.maxPairs);
  else table.finalBuildRows(onEnd, o.maxPairs);
  table.free();
  return out.sort();
}

/** Whether the join keeps build rows to emit at the end: build-side outer, full, or semi/anti with build = left. */
function keepsBuildRows(o: RunOptions): boolean {
  if (o.joinType === 'full') return true;
  if (o.joinType === 'semi' || o.joinType === 'anti') return o.buildSide === 'left';
  if (o.joinType === 'left') return o.buildSide === 'left';
  if (o.joinType === 'right') return o.buildSide === 'right';
  return false;
}

/** A residual filter evaluating `cond(leftRow, rightRow)` in JS over the candidate pairs. */
function residualFilter(w: WasmInstance, cond: (l: number, r: number) => boolean, buildSide: 'left' | 'right', onCall: () => void) {
  let calls = 0;
  return (c: JoinPairs) => {
    onCall();
    const ps = readI32(w, c.probeIdx, c.count);
    const bs = readI32(w, c.buildIdx, c.count);
    const pass: number[] = [];
    for (let i = 0; i < c.count; i++) {
      const [l, r] = buildSide === 'right' ? [ps[i]!, bs[i]!] : [bs[i]!, ps[i]!];
      if (cond(l, r)) pass.push(i);
    }
    // Exercise both spellings of "all pass".
    if (pass.length === c.count && calls++ % 2 === 0) return { selPtr: 0, count: c.count };
    return { selPtr: TestBatch.arenaI32(w, pass), count: pass.length };
  };
}
