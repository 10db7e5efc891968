import { sliceBatch } from '../../../bindings/columns-kernel.js';
import type { ScanExec } from '../../physical/exec-plan.js';
import { inArenaScope, type RuntimeContext } from '../runtime-context.js';
import { Watermark, denseBatch } from '../stream-element.js';
import type { Output } from '../stream-operator.js';
import type { SourceTask } from './source-task.js';

/**
 * Reads a table resident in linear memory as zero-copy batches of `batchSize` rows (descriptors
 * pointing into the table's buffers), then ends with the final watermark and end of input.
 */
export class ScanSource implements SourceTask {
  readonly name: string;
  constructor(private readonly ctx: RuntimeContext, private readonly exec: ScanExec, private readonly output: Output) {
    this.name = `Scan(${exec.table})`;
  }

  run(): void {
    const table = this.ctx.tables.get(this.exec.table);
    if (!table) throw new Error(`table '${this.exec.table}' is not registered in this environment`);
    const whole = { numRows: table.numRows, columns: this.exec.columns.map((i) => table.columns[i]!) };
    const size = this.ctx.batchSize;
    for (let start = 0; start < whole.numRows; start += size) {
      const n = Math.min(size, whole.numRows - start);
      inArenaScope(this.ctx, () => this.output.collect(denseBatch(sliceBatch(whole, start, n))));
    }
    this.output.emitWatermark(Watermark.MAX);
    this.output.endInput();
  }
}
