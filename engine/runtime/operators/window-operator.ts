import { importArrow, type ResidentTable } from '../../../bindings/arrow-import.js';
import { exportBatch } from '../../../bindings/arrow-export.js';
import { BatchAccumulator, gather } from '../../../bindings/columns-kernel.js';
import type { BatchDesc, ColumnDesc, Kind } from '../../../bindings/column.js';
import { sliceBatch } from '../../../bindings/slice.js';
import { sortIndices } from '../../../bindings/sort-kernel.js';
import * as arrow from 'apache-arrow';
import type { WindowExec } from '../../physical/exec-plan.js';
import { kindOf, toArrowSchema } from '../../types/arrow-types.js';
import { evaluateCall, type CallResult } from '../window/evaluate-calls.js';
import { rangeKey } from '../window/frame-bounds.js';
import { keyEquals, rowLayout } from '../window/row-layout.js';
import { inArenaScope, type RuntimeContext } from '../runtime-context.js';
import { denseBatch, type StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

/**
 * Window functions in BATCH mode (Flink's sort-based OVER aggregate): the input is kept in linear
 * memory, sorted at the end of input by partition then order keys with one kernel call, and each
 * call is evaluated over the sorted rows. Value-preserving calls (LAG, LEAD, FIRST_VALUE,
 * LAST_VALUE, MIN, MAX) gather rows of the sorted input in WASM; ranks, counts, sums and averages
 * are computed from the key columns and arguments read out as Arrow and copied back in.
 */
export class WindowOperator extends AbstractStreamOperator {
  readonly name = 'Window';
  private readonly kinds: Kind[];
  private readonly accumulator: BatchAccumulator;

  constructor(ctx: RuntimeContext, output: Output, private readonly exec: WindowExec) {
    super(ctx, output);
    this.kinds = exec.input.schema.fields.map((f) => kindOf(f.type) as Kind);
    this.accumulator = new BatchAccumulator(ctx.wasm, this.kinds);
  }

  processBatch(batch: StreamBatch): void {
    this.accumulator.append(batch.desc, batch.selPtr, batch.selLen);
  }

  protected override finish(): void {
    const w = this.ctx.wasm;
    const { exec } = this;
    const width = exec.input.schema.fields.length;
    let computed: ResidentTable | undefined;
    try {
      inArenaScope(this.ctx, () => {
        const all = this.accumulator.finish();
        const keys = [
          ...exec.partitionBy.map((col) => ({ col, ascending: true, nullsFirst: true })),
          ...exec.orderBy.map((k) => ({ col: k.index, ascending: k.ascending, nullsFirst: k.nullsFirst })),
        ];
        let sorted: BatchDesc = all;
        if (keys.length > 0 && all.numRows > 0) {
          const order = sortIndices(w, all, keys);
          sorted = gather(w, all, order.ptr, order.count);
        }
        const n = sorted.numRows;
        const exported = exportBatch(w, sorted, toArrowSchema(exec.input.schema));
        const columns = exported.data.children;
        const layout = rowLayout(n, exec.partitionBy.map((c) => keyEquals(columns[c]!)), exec.orderBy.map((k) => keyEquals(columns[k.index]!)));
        const first = exec.orderBy[0];
        const key = first ? rangeKey(columns[first.index]!, first.ascending) : undefined;
        const results: CallResult[] = exec.calls.map((c, k) => evaluateCall(c, exec.schema.fields[width + k]!.type, columns, layout, key));
        const valueData = results.flatMap((r) => (r.kind === 'values' ? [r.data] : []));
        if (valueData.length > 0) {
          const fields = valueData.map((d, i) => new arrow.Field(`c${i}`, d.type, true));
          const struct = arrow.makeData({ type: new arrow.Struct(fields), length: n, children: valueData });
          computed = importArrow(w, [new arrow.RecordBatch(new arrow.Schema(fields), struct)]);
        }
        let nextComputed = 0;
        const callColumns: ColumnDesc[] = results.map((r) => {
          if (r.kind === 'values') return computed!.columns[nextComputed++]!;
          return this.take(sorted, r, n);
        });
        const out: BatchDesc = { numRows: n, columns: [...sorted.columns, ...callColumns] };
        for (let start = 0; start < n; start += this.ctx.batchSize) {
          const len = Math.min(this.ctx.batchSize, n - start);
          this.output.collect(denseBatch(sliceBatch(out, start, len)));
        }
      });
    } finally {
      computed?.free();
    }
  }

  /** The rows of a value-preserving call, gathered from the sorted input (and LAG/LEAD's default column). */
  private take(sorted: BatchDesc, r: CallResult & { kind: 'take' }, n: number): ColumnDesc {
    const w = this.ctx.wasm;
    const source: ColumnDesc[] = [sorted.columns[r.column]!];
    let rows = r.rows;
    if (r.defaultColumn !== undefined) {
      // Rows past the partition's edge read the default column, appended after the value column.
      const both = new BatchAccumulator(w, [this.kinds[r.column]!]);
      try {
        both.append({ numRows: n, columns: [sorted.columns[r.column]!] });
        both.append({ numRows: n, columns: [sorted.columns[r.defaultColumn]!] });
        const joined = both.finish();
        rows = r.rows.map((row, i) => (r.fromDefault![i] ? n + i : row));
        return this.gatherColumn(joined, rows, n);
      } finally {
        both.free();
      }
    }
    return this.gatherColumn({ numRows: n, columns: source }, rows, n);
  }

  private gatherColumn(batch: BatchDesc, rows: Int32Array, n: number): ColumnDesc {
    const w = this.ctx.wasm;
    const ptr = w.fn.arena_alloc!(Math.max(4, 4 * n)) >>> 0;
    w.views.i32.set(rows, ptr >>> 2);
    return gather(w, batch, ptr, n).columns[0]!;
  }

  override close(): void {
    this.accumulator.free();
  }
}
