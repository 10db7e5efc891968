import { ExpressionProgram } from '../../../bindings/expr-kernel.js';
import { splitConjunction } from '../../logical/expression-utils.js';
import type { FilterExec } from '../../physical/exec-plan.js';
import { compileProgram } from '../expr/compile-program.js';
import type { RuntimeContext } from '../runtime-context.js';
import { type StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

/**
 * Narrows each batch's selection to the rows where the predicate is TRUE; never copies columns.
 * A conjunction runs one program per conjunct, in the written order, each over the rows the ones
 * before it kept (DuckDB and Velox filter the same way): `a >= x AND a < y AND b < z` reads `b`
 * only for the rows inside the range, and a `column <op> literal` conjunct takes the kernel's
 * SIMD path. A conjunct is never evaluated on a row an earlier one rejected.
 */
export class FilterOperator extends AbstractStreamOperator {
  readonly name = 'Filter';
  private readonly programs: ExpressionProgram[];

  constructor(ctx: RuntimeContext, output: Output, exec: FilterExec) {
    super(ctx, output);
    this.programs = splitConjunction(exec.predicate).map((c) => ExpressionProgram.load(ctx.wasm, compileProgram([c])));
  }

  processBatch(batch: StreamBatch): void {
    let selPtr = batch.selPtr;
    let count = batch.selLen;
    for (const program of this.programs) {
      ({ selPtr, count } = program.filter(batch.desc, selPtr, count));
      if (count === 0) return;
    }
    this.output.collect({ desc: batch.desc, selPtr, selLen: count });
  }

  override close(): void {
    for (const p of this.programs) p.free();
  }
}
