import { BatchAccumulator, gather } from '../../../bindings/columns-kernel.js';
import type { BatchDesc, ColumnDesc, Kind } from '../../../bindings/column.js';
import { ExpressionProgram } from '../../../bindings/expr-kernel.js';
import { HashJoinTable } from '../../../bindings/join-kernel.js';
import type { HashJoinExec } from '../../physical/exec-plan.js';
import type { Schema } from '../../types/data-type.js';
import { kindOf } from '../../types/arrow-types.js';
import { compileProgram } from '../expr/compile-program.js';
import { nullColumn } from '../null-column.js';
import type { RuntimeContext } from '../runtime-context.js';
import { denseBatch, type StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

interface Pairs {
  probeIdx: number;
  buildIdx: number;
  count: number;
}

/** Where an output column of the join comes from: a column of the probe or of the build batch. */
interface OutputColumn {
  readonly side: 'probe' | 'build';
  readonly index: number;
}

/**
 * Hash join in BATCH mode: the build side is read to its end into linear memory and indexed, then
 * probe batches stream through (with their selection vector, not compacted); each probe chunk
 * yields (probe row, build row) index pairs from which only the output columns of the join's
 * projection are gathered (index -1: the NULL side of an outer join).
 * The build input must end before the first probe batch arrives (batch-mode input priority).
 */
export class HashJoinOperator extends AbstractStreamOperator {
  readonly name = 'HashJoin';
  private readonly buildInput: 0 | 1;
  private readonly accumulator: BatchAccumulator;
  private table: HashJoinTable | undefined;
  private buildBatch: BatchDesc | undefined;
  private readonly residual: ExpressionProgram | undefined;
  /** The emitted columns, in output order. */
  private readonly outputs: readonly OutputColumn[];
  /** Distinct probe / build columns the output reads, ascending. */
  private readonly probeCols: readonly number[];
  private readonly buildCols: readonly number[];
  private readonly probeKinds: readonly Kind[];
  /** The table holds the build columns laid out by key: probes read them directly (no pairs). */
  private payload = false;

  constructor(ctx: RuntimeContext, output: Output, private readonly exec: HashJoinExec) {
    super(ctx, output, 2);
    this.buildInput = exec.buildSide === 'left' ? 0 : 1;
    const buildSchema = this.buildInput === 0 ? exec.left.schema : exec.right.schema;
    const probeSchema = this.buildInput === 0 ? exec.right.schema : exec.left.schema;
    this.accumulator = new BatchAccumulator(ctx.wasm, kindsOf(buildSchema));
    this.residual = exec.condition ? ExpressionProgram.load(ctx.wasm, compileProgram([exec.condition])) : undefined;
    // Full output positions: left ++ right, or left alone for semi/anti.
    const leftWidth = exec.left.schema.fields.length;
    const emitsRight = exec.joinType !== 'semi' && exec.joinType !== 'anti';
    const width = emitsRight ? leftWidth + exec.right.schema.fields.length : leftWidth;
    const projection = exec.projection ?? Array.from({ length: width }, (_, i) => i);
    this.outputs = projection.map((pos): OutputColumn => {
      const left = pos < leftWidth;
      const index = left ? pos : pos - leftWidth;
      return { side: left === (this.buildInput === 0) ? 'build' : 'probe', index };
    });
    const distinct = (side: 'probe' | 'build') =>
      [...new Set(this.outputs.filter((o) => o.side === side).map((o) => o.index))].sort((a, b) => a - b);
    this.probeCols = distinct('probe');
    this.buildCols = distinct('build');
    const probeKinds = kindsOf(probeSchema);
    this.probeKinds = this.probeCols.map((c) => probeKinds[c]!);
  }

  processBatch(batch: StreamBatch, input: number): void {
    if (input === this.buildInput) {
      this.accumulator.append(batch.desc, batch.selPtr, batch.selLen);
      return;
    }
    if (!this.table) throw new Error('HashJoin: a probe batch arrived before the build side ended (batch-mode input order)');
    const probe = batch.desc;
    const keys = this.buildInput === 0 ? this.exec.rightKeys : this.exec.leftKeys;
    if (this.payload) {
      this.table.probePayload(probe, keys, (probeIdx, count, buildCols) => {
        const probeCols = this.gatherCols(probe, this.probeCols, probeIdx, count);
        this.output.collect(denseBatch({ numRows: count, columns: this.assemble(probeCols, buildCols) }));
      }, { selPtr: batch.selPtr, selLen: batch.selLen, probeRows: this.probeCols.length > 0 });
      return;
    }
    this.table.probe(probe, keys, (pairs) => this.emitPairs(probe, pairs), {
      selPtr: batch.selPtr,
      selLen: batch.selLen,
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
    // An inner join on a dense unique key reads build values by key (perfect hash join).
    if (this.exec.joinType === 'inner' && !this.residual && this.buildCols.length > 0) {
      this.payload = this.table.preparePayload(this.buildBatch, this.buildCols);
    }
  }

  protected override finish(): void {
    const table = this.table!;
    const w = this.ctx.wasm;
    // Build rows still owed at the end: unmatched ones (build-side outer joins, anti with the build
    // side on the left) or matched ones (semi with the build side on the left); none otherwise.
    // The probe side of those rows is NULL (outer joins) or absent (semi/anti: no probe columns).
    table.finalBuildRows((buildIdx, count) => {
      const build = this.gatherCols(this.buildBatch!, this.buildCols, buildIdx, count);
      const probe = this.probeKinds.map((k) => nullColumn(w, k, count));
      this.output.collect(denseBatch({ numRows: count, columns: this.assemble(probe, build) }));
    }, this.ctx.batchSize);
  }

  /** The columns of `cols` (ascending positions of `batch`) at rows `idx`; none when `cols` is empty. */
  private gatherCols(batch: BatchDesc, cols: readonly number[], idx: number, count: number): ColumnDesc[] {
    if (cols.length === 0) return [];
    const picked = cols.length === batch.columns.length ? batch : { numRows: batch.numRows, columns: cols.map((c) => batch.columns[c]!) };
    return [...gather(this.ctx.wasm, picked, idx, count).columns];
  }

  /** The output columns in projection order from the gathered probe and build columns. */
  private assemble(probe: readonly ColumnDesc[], build: readonly ColumnDesc[]): ColumnDesc[] {
    return this.outputs.map((o) =>
      o.side === 'probe' ? probe[this.probeCols.indexOf(o.index)]! : build[this.buildCols.indexOf(o.index)]!);
  }

  private emitPairs(probe: BatchDesc, pairs: Pairs): void {
    if (pairs.count === 0) return;
    const probeCols = this.gatherCols(probe, this.probeCols, pairs.probeIdx, pairs.count);
    const buildCols = this.gatherCols(this.buildBatch!, this.buildCols, pairs.buildIdx, pairs.count);
    this.output.collect(denseBatch({ numRows: pairs.count, columns: this.assemble(probeCols, buildCols) }));
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
