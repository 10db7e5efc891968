import { HashAggregateTable } from '../../../bindings/aggregate-kernel.js';
import type { Kind } from '../../../bindings/column.js';
import type { HashAggregateExec } from '../../physical/exec-plan.js';
import { kindOf } from '../../types/arrow-types.js';
import { emitChunks } from '../emit-chunks.js';
import type { RuntimeContext } from '../runtime-context.js';
import type { StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

/**
 * Hash aggregation: one kernel call per batch updates every group's accumulators (state in
 * linear memory, organised by key group); in BATCH mode the results are emitted once, at the end
 * of input, in chunks of the batch size.
 */
export class HashAggregateOperator extends AbstractStreamOperator {
  readonly name = 'HashAggregate';
  private readonly table: HashAggregateTable;
  private readonly argCols: (number | undefined)[];
  private readonly filterCols: (number | undefined)[];

  constructor(ctx: RuntimeContext, output: Output, private readonly exec: HashAggregateExec) {
    super(ctx, output);
    const fields = exec.input.schema.fields;
    this.table = HashAggregateTable.create(ctx.wasm, {
      keyKinds: exec.groupBy.map((i) => kindOf(fields[i]!.type) as Kind),
      aggregates: exec.aggregates.map((a) => ({
        fn: a.fn,
        argKind: a.arg === undefined ? undefined : (kindOf(fields[a.arg]!.type) as Kind),
        name: a.name,
      })),
      mode: exec.mode,
    });
    this.argCols = exec.aggregates.map((a) => a.arg);
    this.filterCols = exec.aggregates.map((a) => a.filter);
  }

  processBatch(batch: StreamBatch): void {
    this.table.update(batch.desc, this.exec.groupBy, this.argCols, this.filterCols, batch.selPtr, batch.selLen);
  }

  protected override finish(): void {
    emitChunks(this.ctx, this.table.emit(this.ctx.batchSize), this.output);
  }

  override close(): void {
    this.table.free();
  }
}
