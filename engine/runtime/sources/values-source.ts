import * as arrow from 'apache-arrow';
import { importArrow } from '../../../bindings/arrow-import.js';
import type { LiteralValue } from '../../logical/expression.js';
import type { ValuesExec } from '../../physical/exec-plan.js';
import type { DataType } from '../../types/data-type.js';
import { toArrowType } from '../../types/arrow-types.js';
import { inArenaScope, type RuntimeContext } from '../runtime-context.js';
import { Watermark, denseBatch } from '../stream-element.js';
import type { Output } from '../stream-operator.js';
import type { SourceTask } from './source-task.js';
import { sliceBatch } from '../../../bindings/columns-kernel.js';

/** Emits constant rows (SQL VALUES): built as Arrow columns once, copied into linear memory, pushed in batches. */
export class ValuesSource implements SourceTask {
  readonly name = 'Values';
  constructor(private readonly ctx: RuntimeContext, private readonly exec: ValuesExec, private readonly output: Output) {}

  run(): void {
    const { rows, schema } = this.exec;
    if (rows.length > 0) {
      const columns: Record<string, arrow.Vector> = {};
      schema.fields.forEach((f, c) => {
        columns[`c${c}`] = arrow.vectorFromArray(rows.map((r) => toJs(r[c] ?? null, f.type)), toArrowType(f.type));
      });
      const table = importArrow(this.ctx.wasm, new arrow.Table(columns));
      try {
        const whole = { numRows: table.numRows, columns: table.columns };
        for (let start = 0; start < whole.numRows; start += this.ctx.batchSize) {
          const n = Math.min(this.ctx.batchSize, whole.numRows - start);
          inArenaScope(this.ctx, () => this.output.collect(denseBatch(sliceBatch(whole, start, n))));
        }
      } finally {
        table.free();
      }
    }
    this.output.emitWatermark(Watermark.MAX);
    this.output.endInput();
  }
}

/** A literal as the JS value apache-arrow's builders take for the type. */
function toJs(v: LiteralValue, type: DataType): unknown {
  if (v === null) return null;
  switch (type.name) {
    case 'BIGINT':
      return BigInt(v as string | number);
    case 'FLOAT':
    case 'DOUBLE':
      return typeof v === 'string' ? Number(v) : v;
    case 'DATE':
      return new Date((v as number) * 86_400_000);
    case 'TIMESTAMP':
      return type.precision === 6 ? Number(BigInt(v as string) / 1000n) : v;
    case 'DECIMAL':
      throw new Error('VALUES with DECIMAL literals is not supported yet');
    default:
      return v;
  }
}
