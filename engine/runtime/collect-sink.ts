import * as arrow from 'apache-arrow';
import { exportBatch } from '../../bindings/arrow-export.js';
import type { RuntimeContext } from './runtime-context.js';
import { compact } from './compact.js';
import type { StreamBatch } from './stream-element.js';
import type { Output } from './stream-operator.js';

/**
 * The end of a job's chain: copies each arriving batch out of linear memory into an Arrow
 * RecordBatch (the one copy out), so results survive the arena reset that follows the push.
 */
export class CollectSink implements Output {
  readonly batches: arrow.RecordBatch[] = [];
  ended = false;

  constructor(private readonly ctx: RuntimeContext, readonly schema: arrow.Schema, private readonly onBatch?: (b: arrow.RecordBatch) => void) {}

  collect(batch: StreamBatch): void {
    const rb = exportBatch(this.ctx.wasm, compact(this.ctx, batch), this.schema);
    if (this.onBatch) this.onBatch(rb);
    else this.batches.push(rb);
  }

  emitWatermark(): void {}
  broadcastBarrier(): void {}
  endInput(): void {
    this.ended = true;
  }

  /** The collected result. */
  toTable(): arrow.Table {
    return this.batches.length > 0 ? new arrow.Table(this.batches) : new arrow.Table(this.schema);
  }
}
