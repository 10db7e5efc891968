import { ExpressionProgram } from '../../../bindings/expr-kernel.js';
import type { ProjectExec } from '../../physical/exec-plan.js';
import { compileProgram } from '../expr/compile-program.js';
import { compactColumns } from '../compact.js';
import { collectColumns } from '../../logical/expression-utils.js';
import type { RuntimeContext } from '../runtime-context.js';
import { denseBatch, type StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

/**
 * Computes the output columns of a projection in one evaluator call per batch. Plain column
 * references pass through without evaluation, and a projection of plain columns passes the
 * batch's selection on without copying a row. Otherwise the selected rows of the columns the
 * projection reads are compacted first, so an expression never runs on a row that an upstream
 * filter removed (no spurious division by zero), and no column it does not read is copied.
 */
export class ProjectOperator extends AbstractStreamOperator {
  readonly name = 'Project';
  private readonly program: ExpressionProgram | undefined;
  /** Per output: the input column it passes through, or -1 for the k-th computed output. */
  private readonly passThrough: number[];

  /** The input columns the projection reads, ascending. */
  private readonly read: number[];

  constructor(ctx: RuntimeContext, output: Output, exec: ProjectExec) {
    super(ctx, output);
    this.passThrough = exec.exprs.map((e) => (e.kind === 'column' ? e.index : -1));
    const computed = exec.exprs.filter((e) => e.kind !== 'column');
    this.program = computed.length > 0 ? ExpressionProgram.load(ctx.wasm, compileProgram(computed)) : undefined;
    this.read = [...exec.exprs.reduce((s, e) => collectColumns(e, s), new Set<number>())].sort((a, b) => a - b);
  }

  processBatch(batch: StreamBatch): void {
    if (!this.program) {
      const columns = this.passThrough.map((i) => batch.desc.columns[i]!);
      this.output.collect({ desc: { numRows: batch.desc.numRows, columns }, selPtr: batch.selPtr, selLen: batch.selLen });
      return;
    }
    const input = compactColumns(this.ctx, batch, this.read);
    const computed = this.program ? this.program.evaluate(input) : [];
    let k = 0;
    const columns = this.passThrough.map((i) => (i >= 0 ? input.columns[i]! : computed[k++]!));
    this.output.collect(denseBatch({ numRows: input.numRows, columns }));
  }

  override close(): void {
    this.program?.free();
  }
}
