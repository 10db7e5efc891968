import { HashAggregateTable, type AggregateSpec, type CompareLiteral } from '../../../bindings/aggregate-kernel.js';
import { ExpressionProgram } from '../../../bindings/expr-kernel.js';
import { asColumnCompare } from '../../logical/column-compare.js';
import { splitConjunction } from '../../logical/expression-utils.js';
import { formatExpr } from '../../logical/format-expression.js';
import { compileProgram } from '../expr/compile-program.js';
import { literalBigInt, literalNumber } from '../expr/literal-pool.js';
import { Kind } from '../../../bindings/column.js';
import type { HashAggregateExec } from '../../physical/exec-plan.js';
import { kindOf } from '../../types/arrow-types.js';
import type { DataType } from '../../types/data-type.js';
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
  /** A folded-in `column <op> literal` (exec.where): the kernel's form, and the program that filters when the kernel does not cover the table. */
  private readonly where?: { readonly compare: readonly CompareLiteral[]; readonly program: ExpressionProgram };
  /** Whether the kernel covers exec.where (known after the first batch). */
  private fused = true;
  /** Rows offered so far: DOUBLE sums under exec.where assign rows to lanes by it. */
  private offered = 0;

  constructor(ctx: RuntimeContext, output: Output, private readonly exec: HashAggregateExec) {
    super(ctx, output);
    const fields = exec.input.schema.fields;
    // Output column of aggregate i: after the keys, one per aggregate ('partial' AVG: two).
    const outAt: number[] = [];
    exec.aggregates.reduce((at, a) => (outAt.push(at), at + (exec.mode === 'partial' && a.fn === 'avg' ? 2 : 1)), exec.groupBy.length);
    this.table = HashAggregateTable.create(ctx.wasm, {
      keyKinds: exec.groupBy.map((i) => kindOf(fields[i]!.type) as Kind),
      aggregates: exec.aggregates.map((a, i): AggregateSpec => {
        const argType = a.arg === undefined ? undefined : fields[a.arg]!.type;
        const spec = { fn: a.fn, argKind: argType && (kindOf(argType) as Kind), name: a.name };
        if (argType?.name !== 'DECIMAL' || (a.fn !== 'sum' && a.fn !== 'avg')) return spec;
        return { ...spec, decimal: decimalScales(argType, exec.schema.fields[outAt[i]!]!.type, a.name) };
      }),
      mode: exec.mode,
    });
    this.argCols = exec.aggregates.map((a) => a.arg);
    this.filterCols = exec.aggregates.map((a) => a.filter);
    if (exec.where) {
      const compare = splitConjunction(exec.where).map((e): CompareLiteral => {
        const c = asColumnCompare(e);
        if (!c) throw new Error(`internal: HashAggregateExec where=${formatExpr(exec.where!)} is not a conjunction of column <op> literal comparisons`);
        const kind = kindOf(c.column.type) as Kind;
        const value = kind === Kind.I64 ? literalBigInt(c.literal.value) : literalNumber(c.literal.value);
        return { column: c.column.index, op: c.op, value, kind };
      });
      this.where = { compare, program: ExpressionProgram.load(ctx.wasm, compileProgram([exec.where])) };
    }
  }

  processBatch(batch: StreamBatch): void {
    const { desc, selPtr, selLen } = batch;
    if (!this.where) {
      this.table.update(desc, this.exec.groupBy, this.argCols, this.filterCols, selPtr, selLen);
      return;
    }
    if (this.fused) {
      this.fused = this.table.updateWhere(desc, this.argCols, this.filterCols, this.where.compare, this.offered, selPtr, selLen);
      this.offered += selLen;
      if (this.fused) return;
    }
    const kept = this.where.program.filter(desc, selPtr, selLen);
    if (kept.count > 0) this.table.update(desc, [], this.argCols, this.filterCols, kept.selPtr, kept.count);
  }

  protected override finish(): void {
    emitChunks(this.ctx, this.table.emit(this.ctx.batchSize), this.output);
  }

  override close(): void {
    this.where?.program.free();
    this.table.free();
  }
}

/**
 * SUM/AVG over a DECIMAL sum exactly in 128 bits and yield the planned DECIMAL(38, s') column
 * (Flink: SUM keeps the scale, AVG takes max(6, s)); the result scale comes from the plan.
 */
function decimalScales(arg: DataType, result: DataType, name: string): { scale: number; resultScale: number } {
  if (result.name !== 'DECIMAL') throw new Error(`internal: ${name} over ${arg.name} is planned as ${result.name}, expected a DECIMAL`);
  return { scale: arg.scale ?? 0, resultScale: result.scale ?? 0 };
}
