import { BatchAccumulator, gather } from '../../../bindings/columns-kernel.js';
import type { BatchDesc, ColumnDesc, Kind } from '../../../bindings/column.js';
import { ExpressionProgram } from '../../../bindings/expr-kernel.js';
import { HashJoinTable } from '../../../bindings/join-kernel.js';
import type { HashJoinExec } from '../../physical/exec-plan.js';
import type { Schema } from '../../types/data-type.js';
import { kindOf } from '../../types/arrow-types.js';
import { compileProgram } from '../expr/compile-program.js';
import { compact } from '../compact.js';
import { nullColumn } from '../null-column.js';
import type { RuntimeContext } from '../runtime-context.js';
import { denseBatch, type StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

interface Pairs {
  probeIdx: number;
  buildIdx: number;
  count: number;
}

/**
 * Hash join in BATCH mode: the build side is read to its end into linear memory and indexed, then
 * probe batches stream through; each probe chunk yields (probe row, build row) index pairs from
 * which the output columns are gathered (index -1: the NULL side of an outer join).
 * The build input must end before the first probe batch arrives (batch-mode input priority).
 */
export class HashJoinOperator extends AbstractStreamOperator {
  readonly name = 'HashJoin';
  private readonly buildInput: 0 | 1;
  private readonly accumulator: BatchAccumulator;
  private table: HashJoinTable | undefined;
  private buildBatch: BatchDesc | undefined;
  private readonly residual: ExpressionProgram | undefined;
  private readonly emitsRight: boolean;

  constructor(ctx: RuntimeContext, output: Output, private readonly exec: HashJoinExec) {
    super(ctx, output, 2);
    this.buildInput = exec.buildSide === 'left' ? 0 : 1;
    const buildSchema = this.buildInput === 0 ? exec.left.schema : exec.right.schema;
    this.accumulator = new BatchAccumulator(ctx.wasm, kindsOf(buildSchema));
    this.emitsRight = exec.joinType !== 'semi' && exec.joinType !== 'anti';
    this.residual = exec.condition ? ExpressionProgram.load(ctx.wasm, compileProgram([exec.condition])) : undefined;
  }

  processBatch(batch: StreamBatch, input: number): void {
    if (input === this.buildInput) {
      this.accumulator.append(batch.desc, batch.selPtr, batch.selLen);
      return;
    }
    if (!this.table) throw new Error('HashJoin: a probe batch arrived before the build side ended (batch-mode input order)');
    const probe = compact(this.ctx, batch);
    const keys = this.buildInput === 0 ? this.exec.rightKeys : this.exec.leftKeys;
    this.table.probe(probe, keys, (pairs) => this.emitPairs(probe, pairs), {
      residual: this.residual ? (pairs) => this.filterPairs(probe, pairs) : undefined,
    });
  }

  protected override onEndInput(input: number): void {
    if (input !== this.buildInput) return;
    this.buildBatch = this.accumulator.finish();
    const keys = this.buildInput === 0 ? this.exec.leftKeys : this.exec.rightKeys;
    this.table = HashJoinTable.build(this.ctx.wasm, this.buildBatch, keys, {
      joinType: this.exec.joinType,
      buildSide: this.exec.buildSide,
    });
  }

  protected override finish(): void {
    const table = this.table!;
    const w = this.ctx.wasm;
    // Build rows still owed at the end: unmatched ones (build-side outer joins, anti with the build
    // side on the left) or matched ones (semi with the build side on the left); none otherwise.
    table.finalBuildRows((buildIdx, count) => {
      const buildCols = gather(w, this.buildBatch!, buildIdx, count).columns;
      if (!this.emitsRight) {
        this.output.collect(denseBatch({ numRows: count, columns: buildCols }));
        return;
      }
      const probeSchema = this.buildInput === 0 ? this.exec.right.schema : this.exec.left.schema;
      const nulls = kindsOf(probeSchema).map((k) => nullColumn(w, k, count));
      const columns = this.buildInput === 0 ? [...buildCols, ...nulls] : [...nulls, ...buildCols];
      this.output.collect(denseBatch({ numRows: count, columns }));
    }, this.ctx.batchSize);
  }

  /** The output columns (left ++ right, or left only for semi/anti) of a chunk of pairs. */
  private joined(probe: BatchDesc, pairs: Pairs): readonly ColumnDesc[] {
    const w = this.ctx.wasm;
    const probeCols = gather(w, probe, pairs.probeIdx, pairs.count).columns;
    if (!this.emitsRight) {
      // semi/anti: the output is the left side, which is the probe side here.
      return probeCols;
    }
    const buildCols = gather(w, this.buildBatch!, pairs.buildIdx, pairs.count).columns;
    return this.buildInput === 0 ? [...buildCols, ...probeCols] : [...probeCols, ...buildCols];
  }

  private emitPairs(probe: BatchDesc, pairs: Pairs): void {
    if (pairs.count === 0) return;
    this.output.collect(denseBatch({ numRows: pairs.count, columns: this.joined(probe, pairs) }));
  }

  /** Evaluates the residual condition over candidate pairs; returns the passing ones as a selection. */
  private filterPairs(probe: BatchDesc, pairs: Pairs): { selPtr: number; count: number } {
    const w = this.ctx.wasm;
    const probeCols = gather(w, probe, pairs.probeIdx, pairs.count).columns;
    const buildCols = gather(w, this.buildBatch!, pairs.buildIdx, pairs.count).columns;
    const columns = this.buildInput === 0 ? [...buildCols, ...probeCols] : [...probeCols, ...buildCols];
    return this.residual!.filter({ numRows: pairs.count, columns });
  }

  override close(): void {
    this.residual?.free();
    this.table?.free();
    this.accumulator.free();
  }
}

function kindsOf(schema: Schema): Kind[] {
  return schema.fields.map((f) => kindOf(f.type) as Kind);
}
