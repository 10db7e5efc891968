import { ExpressionProgram } from '../../../bindings/expr-kernel.js';
import type { FilterExec } from '../../physical/exec-plan.js';
import { compileProgram } from '../expr/compile-program.js';
import type { RuntimeContext } from '../runtime-context.js';
import { type StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

/** Narrows each batch's selection to the rows where the predicate is TRUE; never copies columns. */
export class FilterOperator extends AbstractStreamOperator {
  readonly name = 'Filter';
  private readonly program: ExpressionProgram;

  constructor(ctx: RuntimeContext, output: Output, exec: FilterExec) {
    super(ctx, output);
    this.program = ExpressionProgram.load(ctx.wasm, compileProgram([exec.predicate]));
  }

  processBatch(batch: StreamBatch): void {
    const { selPtr, count } = this.program.filter(batch.desc, batch.selPtr, batch.selLen);
    if (count > 0) this.output.collect({ desc: batch.desc, selPtr, selLen: count });
  }

  override close(): void {
    this.program.free();
  }
}
