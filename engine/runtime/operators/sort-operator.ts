import { BatchAccumulator, gather, sliceBatch } from '../../../bindings/columns-kernel.js';
import type { Kind } from '../../../bindings/column.js';
import { sortColumn, sortIndices } from '../../../bindings/sort-kernel.js';
import type { SortExec } from '../../physical/exec-plan.js';
import { kindOf } from '../../types/arrow-types.js';
import { inArenaScope, type RuntimeContext } from '../runtime-context.js';
import { denseBatch, type StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

/**
 * Sort (blocking in BATCH mode): input rows are copied into linear memory, sorted by one kernel
 * call at the end of input, and emitted in batches. With `fetch` (top-N) the buffer is cut back
 * to the best N rows whenever it fills, so memory stays O(N + batch size). When the only sort key
 * is the only column (SELECT v … ORDER BY v), the buffered column itself is sorted and emitted as
 * zero-copy windows: no row indices, no gather.
 */
export class SortOperator extends AbstractStreamOperator {
  readonly name = 'Sort';
  private readonly kinds: Kind[];
  private accumulator: BatchAccumulator;
  private readonly keys: { col: number; ascending: boolean; nullsFirst: boolean }[];
  private readonly compactAt: number;

  constructor(ctx: RuntimeContext, output: Output, private readonly exec: SortExec) {
    super(ctx, output);
    this.kinds = exec.schema.fields.map((f) => kindOf(f.type) as Kind);
    this.accumulator = new BatchAccumulator(ctx.wasm, this.kinds);
    this.keys = exec.keys.map((k) => ({ col: k.index, ascending: k.ascending, nullsFirst: k.nullsFirst }));
    this.compactAt = exec.fetch === undefined ? Number.POSITIVE_INFINITY : Math.max(2 * exec.fetch, 65536);
  }

  processBatch(batch: StreamBatch): void {
    if (this.exec.fetch === 0) return;
    this.accumulator.append(batch.desc, batch.selPtr, batch.selLen);
    if (this.accumulator.numRows >= this.compactAt) this.keepBest();
  }

  /** Replaces the buffer by its best `fetch` rows. */
  private keepBest(): void {
    const w = this.ctx.wasm;
    const next = new BatchAccumulator(w, this.kinds);
    inArenaScope(this.ctx, () => {
      const all = this.accumulator.finish();
      const order = sortIndices(w, all, this.keys, { limit: this.exec.fetch });
      next.append(gather(w, all, order.ptr, order.count));
    });
    this.accumulator.free();
    this.accumulator = next;
  }

  protected override finish(): void {
    if (this.finishKeyOnly()) return;
    const w = this.ctx.wasm;
    inArenaScope(this.ctx, () => {
      const all = this.accumulator.finish();
      const order = sortIndices(w, all, this.keys, { limit: this.exec.fetch });
      for (let start = 0; start < order.count; start += this.ctx.batchSize) {
        const n = Math.min(this.ctx.batchSize, order.count - start);
        inArenaScope(this.ctx, () => {
          this.output.collect(denseBatch(gather(w, all, order.ptr + 4 * start, n)));
        });
      }
    });
  }

  /** The key-only case: sorts the buffered column's values and emits windows of them; false when it does not apply. */
  private finishKeyOnly(): boolean {
    if (this.exec.fetch !== undefined || this.kinds.length !== 1 || this.keys.length !== 1 || this.keys[0]!.col !== 0) return false;
    const all = this.accumulator.finish();
    const sorted = sortColumn(this.ctx.wasm, all.columns[0]!, this.keys[0]!);
    if (!sorted) return false;
    try {
      const whole = { numRows: all.numRows, columns: [sorted.column] };
      for (let start = 0; start < whole.numRows; start += this.ctx.batchSize) {
        const n = Math.min(this.ctx.batchSize, whole.numRows - start);
        inArenaScope(this.ctx, () => this.output.collect(denseBatch(sliceBatch(whole, start, n))));
      }
    } finally {
      sorted.release();
    }
    return true;
  }

  override close(): void {
    this.accumulator.free();
  }
}
