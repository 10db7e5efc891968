import { importArrow } from '../../../bindings/arrow-import.js';
import { sliceBatch } from '../../../bindings/slice.js';
import type { Source } from '../../connectors/source.js';
import { readAll } from '../../connectors/source.js';
import type { ScanExec } from '../../physical/exec-plan.js';
import { inArenaScope, type RuntimeContext } from '../runtime-context.js';
import { Watermark, denseBatch } from '../stream-element.js';
import type { Output } from '../stream-operator.js';
import type { SourceTask } from './source-task.js';

/**
 * Reads a connector's table (FLIP-27 source: its splits in order, each through a reader) and
 * pushes each Arrow batch it yields, copied into linear memory once, with only the columns the
 * plan reads; then the final watermark and end of input.
 */
export class ConnectorSource implements SourceTask {
  readonly name: string;

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly source: Source,
    private readonly exec: ScanExec,
    private readonly output: Output,
  ) {
    this.name = `Source(${exec.table})`;
  }

  async run(): Promise<void> {
    const w = this.ctx.wasm;
    for await (const batch of readAll(this.source, { batchSize: this.ctx.batchSize })) {
      if (batch.numRows === 0) continue;
      const table = importArrow(w, [batch.selectAt(this.exec.columns as number[])]);
      try {
        for (let start = 0; start < table.numRows; start += this.ctx.batchSize) {
          const n = Math.min(this.ctx.batchSize, table.numRows - start);
          inArenaScope(this.ctx, () => this.output.collect(denseBatch(sliceBatch(table, start, n))));
        }
      } finally {
        table.free();
      }
    }
    this.output.emitWatermark(Watermark.MAX);
    this.output.endInput();
  }
}
