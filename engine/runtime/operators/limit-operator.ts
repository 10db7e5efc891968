import type { LimitExec } from '../../physical/exec-plan.js';
import { sliceBatch } from '../../../bindings/columns-kernel.js';
import type { RuntimeContext } from '../runtime-context.js';
import { batchRows, type StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

/** Skips `offset` rows, then passes at most `fetch` rows; drops the rest of its input. */
export class LimitOperator extends AbstractStreamOperator {
  readonly name = 'Limit';
  private toSkip: number;
  private remaining: number;

  constructor(ctx: RuntimeContext, output: Output, exec: LimitExec) {
    super(ctx, output);
    this.toSkip = exec.offset;
    this.remaining = exec.fetch ?? Number.POSITIVE_INFINITY;
  }

  processBatch(batch: StreamBatch): void {
    const rows = batchRows(batch);
    const skip = Math.min(this.toSkip, rows);
    this.toSkip -= skip;
    const take = Math.min(rows - skip, this.remaining);
    if (take <= 0) return;
    this.remaining -= take;
    if (skip === 0 && take === rows) {
      this.output.collect(batch);
    } else if (batch.selPtr !== 0) {
      this.output.collect({ desc: batch.desc, selPtr: batch.selPtr + 4 * skip, selLen: take });
    } else {
      this.output.collect({ desc: sliceBatch(batch.desc, skip, take), selPtr: 0, selLen: take });
    }
  }

  /** Whether upstream may stop producing: nothing more can pass. */
  get satisfied(): boolean {
    return this.remaining <= 0;
  }
}
