import { BatchAccumulator, gather } from '../../../bindings/columns-kernel.js';
import type { BatchDesc, ColumnDesc, Kind } from '../../../bindings/column.js';
import { ExpressionProgram } from '../../../bindings/expr-kernel.js';
import type { NestedLoopJoinExec } from '../../physical/exec-plan.js';
import type { Schema } from '../../types/data-type.js';
import { kindOf } from '../../types/arrow-types.js';
import { compact } from '../compact.js';
import { compileProgram } from '../expr/compile-program.js';
import { nullColumn } from '../null-column.js';
import { inArenaScope, type RuntimeContext } from '../runtime-context.js';
import { denseBatch, type StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

/** Fewest pairs evaluated per chunk, so that batch size 1 does not mean one WASM call per pair. */
const MIN_PAIRS = 1024;

/**
 * Nested-loop join in BATCH mode, for joins without an equality between their inputs: the right
 * input is kept in linear memory; each left batch is paired with every right row in chunks,
 * the pairs are gathered and the condition keeps the matching ones. Outer, semi and anti joins
 * track which rows matched (left rows per batch, right rows across the whole input).
 */
export class NestedLoopJoinOperator extends AbstractStreamOperator {
  readonly name = 'NestedLoopJoin';
  private readonly accumulator: BatchAccumulator;
  private build: BatchDesc | undefined;
  private buildMatched: Uint8Array | undefined;
  private readonly condition: ExpressionProgram | undefined;
  private readonly leftKinds: Kind[];
  private readonly rightKinds: Kind[];

  constructor(ctx: RuntimeContext, output: Output, private readonly exec: NestedLoopJoinExec) {
    super(ctx, output, 2);
    this.leftKinds = kindsOf(exec.left.schema);
    this.rightKinds = kindsOf(exec.right.schema);
    this.accumulator = new BatchAccumulator(ctx.wasm, this.rightKinds);
    this.condition = exec.condition ? ExpressionProgram.load(ctx.wasm, compileProgram([exec.condition])) : undefined;
  }

  processBatch(batch: StreamBatch, input: number): void {
    if (input === 1) {
      this.accumulator.append(batch.desc, batch.selPtr, batch.selLen);
      return;
    }
    if (!this.build) throw new Error('NestedLoopJoin: a left batch arrived before the right side ended (batch-mode input order)');
    const left = compact(this.ctx, batch);
    const n = left.numRows, m = this.build.numRows;
    const type = this.exec.joinType;
    const leftMatched = new Uint8Array(n);
    const perChunk = Math.max(this.ctx.batchSize, MIN_PAIRS);
    const rowsPerChunk = Math.max(1, Math.floor(perChunk / Math.max(1, m)));
    for (let i0 = 0; i0 < n && m > 0; i0 += rowsPerChunk) {
      const rows = Math.min(rowsPerChunk, n - i0);
      inArenaScope(this.ctx, () => this.joinChunk(left, i0, rows, leftMatched));
    }
    if (type === 'semi' || type === 'anti' || type === 'left' || type === 'full') {
      const keep: number[] = [];
      for (let i = 0; i < n; i++) if ((leftMatched[i] === 1) === (type === 'semi')) keep.push(i);
      if (keep.length > 0) {
        inArenaScope(this.ctx, () => {
          const leftCols = this.take(left, keep).columns;
          const columns = type === 'semi' || type === 'anti'
            ? leftCols
            : [...leftCols, ...this.rightKinds.map((k) => nullColumn(this.ctx.wasm, k, keep.length))];
          this.output.collect(denseBatch({ numRows: keep.length, columns }));
        });
      }
    }
  }

  /** Pairs left rows [i0, i0 + rows) with every right row, keeps the matches and emits them. */
  private joinChunk(left: BatchDesc, i0: number, rows: number, leftMatched: Uint8Array): void {
    const m = this.build!.numRows;
    const count = rows * m;
    const li = new Int32Array(count), rj = new Int32Array(count);
    for (let r = 0, k = 0; r < rows; r++) {
      for (let j = 0; j < m; j++, k++) {
        li[k] = i0 + r;
        rj[k] = j;
      }
    }
    const leftCols = this.take(left, li).columns;
    const rightCols = this.take(this.build!, rj).columns;
    const pairs: BatchDesc = { numRows: count, columns: [...leftCols, ...rightCols] };
    let selPtr = 0, selLen = count;
    if (this.condition) ({ selPtr, count: selLen } = this.condition.filter(pairs));
    const w = this.ctx.wasm;
    const sel = selPtr === 0 ? undefined : w.views.i32.subarray(selPtr >>> 2, (selPtr >>> 2) + selLen);
    for (let k = 0; k < selLen; k++) {
      const p = sel ? sel[k]! : k;
      leftMatched[li[p]!] = 1;
      if (this.buildMatched) this.buildMatched[rj[p]!] = 1;
    }
    const type = this.exec.joinType;
    if (type === 'semi' || type === 'anti' || selLen === 0) return;
    this.output.collect({ desc: pairs, selPtr, selLen: selPtr === 0 ? count : selLen });
  }

  /** The rows `indices` of `batch`, gathered in linear memory. */
  private take(batch: BatchDesc, indices: ArrayLike<number>): BatchDesc {
    const w = this.ctx.wasm;
    const ptr = w.fn.arena_alloc!(Math.max(4, 4 * indices.length)) >>> 0;
    w.views.i32.set(indices, ptr >>> 2);
    return gather(w, batch, ptr, indices.length);
  }

  protected override onEndInput(input: number): void {
    if (input !== 1) return;
    this.build = this.accumulator.finish();
    if (this.exec.joinType === 'right' || this.exec.joinType === 'full') this.buildMatched = new Uint8Array(this.build.numRows);
  }

  protected override finish(): void {
    const matched = this.buildMatched;
    if (!matched || !this.build) return;
    const keep: number[] = [];
    for (let j = 0; j < matched.length; j++) if (matched[j] === 0) keep.push(j);
    for (let start = 0; start < keep.length; start += this.ctx.batchSize) {
      const part = keep.slice(start, start + this.ctx.batchSize);
      inArenaScope(this.ctx, () => {
        const rightCols: readonly ColumnDesc[] = this.take(this.build!, part).columns;
        const leftCols = this.leftKinds.map((k) => nullColumn(this.ctx.wasm, k, part.length));
        this.output.collect(denseBatch({ numRows: part.length, columns: [...leftCols, ...rightCols] }));
      });
    }
  }

  override close(): void {
    this.condition?.free();
    this.accumulator.free();
  }
}

function kindsOf(schema: Schema): Kind[] {
  return schema.fields.map((f) => kindOf(f.type) as Kind);
}
